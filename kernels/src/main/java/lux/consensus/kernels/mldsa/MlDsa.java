package lux.consensus.kernels.mldsa;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;

/**
 * ML-DSA key generation and signing (FIPS 204) through BouncyCastle, for the engine's validators and for
 * tests. Verification in bulk is {@link MlDsaBatchVerifier}.
 *
 * <p>Signing is pure ML-DSA with the empty context string, matching what the batch verifiers check.
 * All methods are stateless and thread-safe.
 */
public final class MlDsa {

    /** Length of the key-generation seed xi (FIPS 204 Algorithm 1, line 1). */
    public static final int SEED_BYTES = 32;

    private MlDsa() {
    }

    /**
     * Deterministic key generation from a seed: ML-DSA.KeyGen_internal(xi) (FIPS 204 Algorithm 6). The same
     * seed always gives the same key pair, so a validator can keep just the 32-byte seed.
     *
     * @param params the parameter set
     * @param seed   xi, exactly 32 bytes; it must be secret and uniformly random for real keys
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the seed is not 32 bytes
     */
    public static MlDsaKeyPair generate(MlDsaParams params, byte[] seed) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(seed, "seed");
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("ML-DSA key generation seed must be " + SEED_BYTES + " bytes, got "
                    + seed.length);
        }
        // A 32-byte encoding is taken as the seed xi and expanded by KeyGen_internal.
        return new MlDsaKeyPair(params, new MLDSAPrivateKeyParameters(bouncyCastle(params), seed.clone()));
    }

    /**
     * Deterministic signing: ML-DSA.Sign (FIPS 204 Algorithm 2) with rnd = {0}^32, the deterministic variant
     * of §3.4, and the empty context. The same key and message always give the same signature, which keeps
     * seeded simulations reproducible. FIPS 204 recommends hedged signing ({@link #signHedged}) where an
     * attacker can observe or disturb the signer (side channels, fault injection).
     *
     * @throws NullPointerException if an argument is null
     */
    public static byte[] sign(MlDsaKeyPair keyPair, byte[] message) {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(message, "message");
        MLDSASigner signer = new MLDSASigner();
        signer.init(true, keyPair.privateKey()); // no random source: BouncyCastle uses rnd = {0}^32
        return generate(signer, message);
    }

    /**
     * Hedged signing: ML-DSA.Sign (FIPS 204 Algorithm 2) with 32 fresh bytes of rnd from {@code random}, empty
     * context. Signatures differ from call to call and all verify.
     *
     * @throws NullPointerException if an argument is null
     */
    public static byte[] signHedged(MlDsaKeyPair keyPair, byte[] message, SecureRandom random) {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(random, "random");
        MLDSASigner signer = new MLDSASigner();
        signer.init(true, new ParametersWithRandom(keyPair.privateKey(), random));
        return generate(signer, message);
    }

    private static byte[] generate(MLDSASigner signer, byte[] message) {
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            // BouncyCastle declares it, but signing with a well-formed key always ends in a signature.
            throw new IllegalStateException("ML-DSA signing failed", e);
        }
    }

    /** BouncyCastle's parameter object for {@code params} (pure ML-DSA, not the pre-hash variants). */
    static MLDSAParameters bouncyCastle(MlDsaParams params) {
        return switch (params) {
            case ML_DSA_44 -> MLDSAParameters.ml_dsa_44;
            case ML_DSA_65 -> MLDSAParameters.ml_dsa_65;
            case ML_DSA_87 -> MLDSAParameters.ml_dsa_87;
        };
    }
}
