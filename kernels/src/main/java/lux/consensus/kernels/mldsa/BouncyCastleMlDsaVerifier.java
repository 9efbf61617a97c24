package lux.consensus.kernels.mldsa;

import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;

/**
 * The reference {@link MlDsaBatchVerifier}: BouncyCastle's {@code MLDSASigner}, one item after another.
 *
 * <p>Each call makes one signer and re-initialises it per item with that item's key, so the object holds no
 * state and any number of threads may share it.
 */
public final class BouncyCastleMlDsaVerifier implements MlDsaBatchVerifier {

    /** The name {@link #name()} reports. */
    public static final String NAME = "bouncycastle";

    /** Creates the reference backend; it has no state. */
    public BouncyCastleMlDsaVerifier() {
    }

    @Override
    public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        int n = MlDsaArguments.check(params, publicKeys, messages, signatures);
        boolean[] valid = new boolean[n];
        MLDSASigner signer = new MLDSASigner();
        for (int i = 0; i < n; i++) {
            valid[i] = verifyOne(signer, params, publicKeys[i], messages[i], signatures[i]);
        }
        return valid;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "BouncyCastleMlDsaVerifier";
    }

    /** One pure, empty-context verification; false for malformed input instead of an exception. */
    static boolean verifyOne(MLDSASigner signer, MlDsaParams params, byte[] publicKey, byte[] message,
            byte[] signature) {
        if (!MlDsaArguments.wellFormed(params, publicKey, message, signature)) {
            return false;
        }
        try {
            signer.init(false, new MLDSAPublicKeyParameters(MlDsa.bouncyCastle(params), publicKey));
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        } catch (RuntimeException e) {
            // BouncyCastle reports some malformed encodings by throwing; to the caller they are just invalid.
            return false;
        }
    }
}
