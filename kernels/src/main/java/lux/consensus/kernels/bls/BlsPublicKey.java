package lux.consensus.kernels.bls;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import supranational.blst.P1_Affine;

/**
 * A validated BLS12-381 public key: a point of G1 other than the identity, in the min-pubkey-size
 * variant (48-byte compressed encoding).
 *
 * <p>{@link #fromBytes} decodes and checks the key once, which is KeyValidate of
 * draft-irtf-cfrg-bls-signature-05 §2.5 (a point on the curve, in the prime-order subgroup, not the
 * identity). The decoded affine point is kept, so verification and aggregation never decode or
 * subgroup-check it again (the subgroup check costs about 30 us; aggregation of checked keys is just
 * point additions). Instances are immutable and safe to share between threads.
 */
public final class BlsPublicKey {

    /** Length of the compressed encoding (the ZCash serialization format the BLS draft uses). */
    public static final int BYTES = 48;

    private final byte[] compressed;
    private final P1_Affine point;

    private BlsPublicKey(byte[] compressed, P1_Affine point) {
        this.compressed = compressed;
        this.point = point;
    }

    /**
     * Decodes and validates a compressed G1 public key.
     *
     * @param bytes 48 bytes, compressed encoding (top bit set)
     * @return the key
     * @throws NullPointerException     if {@code bytes} is null
     * @throws IllegalArgumentException naming what is wrong: the length, the encoding (flags, x not below
     *                                  the field modulus), a point not on the curve, not in G1, or the identity
     * @throws BlsUnavailableException  if the native library could not load
     */
    public static BlsPublicKey fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        BlstLoader.ensureLoaded();
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("BLS public key must be " + BYTES + " bytes (compressed G1), got "
                    + bytes.length);
        }
        if ((bytes[0] & 0x80) == 0) {
            // Bit 7 of byte 0 is the compression flag; 48 bytes can only be a compressed point.
            throw new IllegalArgumentException("BLS public key is not a compressed encoding: the compression flag"
                    + " (top bit of byte 0) is clear");
        }
        byte[] copy = bytes.clone();
        P1_Affine point;
        try {
            // blst's uncompress checks the flags, x < p, and that x has a y on the curve.
            point = new P1_Affine(copy);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("BLS public key does not decode: " + e.getMessage(), e);
        }
        if (point.is_inf()) {
            throw new IllegalArgumentException("BLS public key is the point at infinity (identity), which"
                    + " KeyValidate rejects");
        }
        if (!point.on_curve()) {
            throw new IllegalArgumentException("BLS public key is not on the curve");
        }
        if (!point.in_group()) {
            throw new IllegalArgumentException("BLS public key is on the curve but not in G1 (the prime-order"
                    + " subgroup)");
        }
        return new BlsPublicKey(copy, point);
    }

    /** Wraps a point known to be in G1 and not the identity (from a secret key or a checked sum). */
    static BlsPublicKey ofValidPoint(P1_Affine point) {
        return new BlsPublicKey(point.compress(), point);
    }

    /** The decoded point; callers must not mutate it. */
    P1_Affine point() {
        return point;
    }

    /** The 48-byte compressed encoding (a fresh copy). */
    public byte[] toBytes() {
        return compressed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlsPublicKey other && Arrays.equals(compressed, other.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    /** The first bytes of the encoding in hex, for logs. */
    @Override
    public String toString() {
        return "BlsPublicKey[" + HexFormat.of().formatHex(compressed, 0, 8) + "..]";
    }
}
