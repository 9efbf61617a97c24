package lux.consensus.cert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;
import lux.consensus.kernels.bls.BlsSecretKey;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.kernels.mldsa.MlDsaKeyPair;
import lux.consensus.kernels.mldsa.MlDsaParams;

/**
 * A simulated validator's secret keys, derived deterministically from a seed and the validator's id so
 * that a seeded run is reproducible: BLS input keying material SHA-256("lux-consensus/bls-ikm" | seed | id),
 * ML-DSA seed xi SHA-256("lux-consensus/mldsa-seed" | seed | id). For simulation and tests only: real
 * validators generate their keys from a secure random source and never share them.
 *
 * @param bls the BLS12-381 secret key
 * @param mlDsa the ML-DSA key pair
 */
public record ValidatorKeys(BlsSecretKey bls, MlDsaKeyPair mlDsa) {

    /** Derives the keys of validator {@code id} under {@code seed}. */
    public static ValidatorKeys derive(long seed, Id id, MlDsaParams params) {
        return new ValidatorKeys(BlsSecretKey.keyGen(derive("lux-consensus/bls-ikm", seed, id)),
                MlDsa.generate(params, derive("lux-consensus/mldsa-seed", seed, id)));
    }

    /** This validator's public identity in a {@link ValidatorSet}, with a fresh proof of possession. */
    public ValidatorSet.Validator publicPart(Id id, long stake) {
        return new ValidatorSet.Validator(id, stake, bls.publicKey(), bls.popProve(), mlDsa.publicKey());
    }

    private static byte[] derive(String label, long seed, Id id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(StandardCharsets.US_ASCII));
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            sha.update(id.bytes());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
