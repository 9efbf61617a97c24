package lux.consensus.kernels.mldsa;

import java.util.Objects;

/**
 * The argument checks every {@link MlDsaBatchVerifier} makes, so all backends fail alike. Public for the GPU
 * backends (the OpenCL verifier, the optional TornadoVM module).
 */
public final class MlDsaArguments {

    private MlDsaArguments() {
    }

    /**
     * Checks the batch shape, not the items.
     *
     * @return the batch size
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static int check(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(publicKeys, "publicKeys");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(signatures, "signatures");
        if (publicKeys.length != messages.length || publicKeys.length != signatures.length) {
            throw new IllegalArgumentException("publicKeys, messages and signatures must have the same length, got "
                    + publicKeys.length + ", " + messages.length + " and " + signatures.length);
        }
        return publicKeys.length;
    }

    /** Whether item {@code i} has no null and the right key and signature lengths for {@code params}. */
    static boolean wellFormed(MlDsaParams params, byte[] publicKey, byte[] message, byte[] signature) {
        return publicKey != null && message != null && signature != null
                && publicKey.length == params.publicKeyBytes() && signature.length == params.signatureBytes();
    }

    /**
     * The host screening of the GPU verifiers: whether the item can verify at all. {@link #wellFormed}, and a hint
     * that HintBitUnpack (FIPS 204 Algorithm 21) accepts: for each row i the end index y[omega + i] is at least the
     * previous one and at most omega, the row's indices y[start .. end) strictly increase, and the unused bytes
     * y[end_(k-1) .. omega) are zero, y being the signature's last omega + k bytes. (sigDecode, Algorithm 27,
     * returns bottom exactly otherwise, and Algorithm 8 line 3 rejects; {@link MlDsaCore#decodeHint} is the
     * decoding of the CPU verifiers.)
     */
    public static boolean screen(MlDsaSpec spec, byte[] publicKey, byte[] message, byte[] signature) {
        if (!wellFormed(spec.params(), publicKey, message, signature)) {
            return false;
        }
        int omega = spec.omega();
        int y = signature.length - omega - spec.k();
        int index = 0;
        for (int i = 0; i < spec.k(); i++) {
            int end = signature[y + omega + i] & 0xFF;
            if (end < index || end > omega) {
                return false;
            }
            for (int j = index + 1; j < end; j++) {
                if ((signature[y + j - 1] & 0xFF) >= (signature[y + j] & 0xFF)) {
                    return false;
                }
            }
            index = end;
        }
        for (int j = index; j < omega; j++) {
            if (signature[y + j] != 0) {
                return false;
            }
        }
        return true;
    }
}
