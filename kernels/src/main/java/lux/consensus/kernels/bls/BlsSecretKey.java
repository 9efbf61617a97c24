package lux.consensus.kernels.bls;

import java.math.BigInteger;
import java.util.Objects;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * A BLS12-381 secret key, a scalar {@code 0 < SK < r}, with its public key in G1.
 *
 * <p>Signing follows the proof-of-possession ciphersuite {@value Bls#CIPHERSUITE}
 * (draft-irtf-cfrg-bls-signature-05 §4.2.3): Sign is CoreSign (§2.6) with that DST, and PopProve (§3.3.2)
 * signs the 48-byte compressed public key under {@value Bls#POP_DST}. Both are deterministic. Instances are
 * immutable and safe to share between threads; {@link #toString()} never shows the scalar.
 */
public final class BlsSecretKey {

    /** Length of the big-endian scalar encoding. */
    public static final int BYTES = 32;
    /** Least input keying material KeyGen accepts (draft §2.3). */
    public static final int MIN_IKM_BYTES = 32;

    /** The order r of G1 and G2 (draft-irtf-cfrg-pairing-friendly-curves, BLS12-381 parameters). */
    private static final BigInteger GROUP_ORDER =
            new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

    private final SecretKey key;
    private final BlsPublicKey publicKey;

    private BlsSecretKey(SecretKey key) {
        this.key = key;
        this.publicKey = BlsPublicKey.ofValidPoint(new P1(key).to_affine()); // SkToPk, §2.4
    }

    /**
     * KeyGen (draft-irtf-cfrg-bls-signature-05 §2.3, blst's {@code keygen}: HKDF-SHA-256 with the salt
     * {@code "BLS-SIG-KEYGEN-SALT-"}, empty key_info). Deterministic: the same IKM gives the same key.
     *
     * @param ikm at least 32 bytes of secret input keying material, e.g. from a SecureRandom
     * @throws NullPointerException     if {@code ikm} is null
     * @throws IllegalArgumentException if {@code ikm} is shorter than 32 bytes
     * @throws BlsUnavailableException  if the native library could not load
     */
    public static BlsSecretKey keyGen(byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm");
        if (ikm.length < MIN_IKM_BYTES) {
            throw new IllegalArgumentException("KeyGen needs at least " + MIN_IKM_BYTES + " bytes of IKM, got "
                    + ikm.length);
        }
        BlstLoader.ensureLoaded();
        SecretKey key = new SecretKey();
        key.keygen(ikm);
        return new BlsSecretKey(key);
    }

    /**
     * A secret key from its 32-byte big-endian encoding (as {@link #toBytes()} writes it, and as the Ethereum
     * vectors give it).
     *
     * @throws NullPointerException     if {@code bytes} is null
     * @throws IllegalArgumentException if the length is not 32, or the scalar is 0 or not below r
     * @throws BlsUnavailableException  if the native library could not load
     */
    public static BlsSecretKey fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("BLS secret key must be " + BYTES + " bytes, got " + bytes.length);
        }
        BigInteger scalar = new BigInteger(1, bytes);
        if (scalar.signum() == 0 || scalar.compareTo(GROUP_ORDER) >= 0) {
            throw new IllegalArgumentException("BLS secret key must satisfy 0 < SK < r, got "
                    + (scalar.signum() == 0 ? "0" : "a value >= r"));
        }
        BlstLoader.ensureLoaded();
        SecretKey key = new SecretKey();
        key.from_bendian(bytes);
        return new BlsSecretKey(key);
    }

    /** The 32-byte big-endian scalar (a fresh copy). Secret: handle with care. */
    public byte[] toBytes() {
        return key.to_bendian();
    }

    /** The public key SK * G1 (SkToPk, §2.4), computed once at creation. */
    public BlsPublicKey publicKey() {
        return publicKey;
    }

    /**
     * Signs {@code message} under the POP ciphersuite: SK * hash_to_G2(message, {@value Bls#DST}).
     *
     * @throws NullPointerException if {@code message} is null
     */
    public BlsSignature sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        return BlsSignature.ofValidPoint(new P2().hash_to(message, Bls.DST).sign_with(key).to_affine());
    }

    /**
     * PopProve (§3.3.2): signs this key's 48-byte compressed public key under {@value Bls#POP_DST}, proving
     * possession of the secret key. Check it with {@link Bls#popVerify}.
     */
    public BlsSignature popProve() {
        return BlsSignature.ofValidPoint(
                new P2().hash_to(publicKey.toBytes(), Bls.POP_DST).sign_with(key).to_affine());
    }

    /** Shows the public key only. */
    @Override
    public String toString() {
        return "BlsSecretKey[publicKey=" + publicKey + "]";
    }
}
