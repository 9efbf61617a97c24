package lux.consensus.kernels.mldsa;

import java.util.Objects;

/** The argument checks every {@link MlDsaBatchVerifier} makes, so all backends fail alike. */
final class MlDsaArguments {

    private MlDsaArguments() {
    }

    /**
     * Checks the batch shape, not the items.
     *
     * @return the batch size
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the arrays differ in length
     */
    static int check(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
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
}
