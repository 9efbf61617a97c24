package lux.consensus.kernels.mldsa;

import java.util.HexFormat;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;

/**
 * An ML-DSA key pair made by {@link MlDsa#generate}. Immutable and safe to share between threads;
 * {@link #toString()} shows only the parameter set and the start of the public key.
 */
public final class MlDsaKeyPair {

    private final MlDsaParams params;
    private final byte[] publicKey;
    private final MLDSAPrivateKeyParameters privateKey;

    MlDsaKeyPair(MlDsaParams params, MLDSAPrivateKeyParameters privateKey) {
        this.params = params;
        this.privateKey = privateKey;
        this.publicKey = privateKey.getPublicKey();
    }

    /** The parameter set. */
    public MlDsaParams params() {
        return params;
    }

    /** The encoded public key, {@link MlDsaParams#publicKeyBytes()} bytes (a fresh copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** BouncyCastle's private key, for signing in this package. */
    MLDSAPrivateKeyParameters privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "MlDsaKeyPair[" + params.standardName() + ", publicKey=" + HexFormat.of().formatHex(publicKey, 0, 8)
                + "..]";
    }
}
