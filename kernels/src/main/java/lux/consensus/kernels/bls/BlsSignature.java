package lux.consensus.kernels.bls;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import supranational.blst.P2_Affine;

/**
 * A decoded BLS12-381 signature: a point of G2 (96-byte compressed encoding).
 *
 * <p>{@link #fromBytes} decodes and subgroup-checks once (the signature_subgroup_check that CoreVerify and
 * CoreAggregateVerify of draft-irtf-cfrg-bls-signature-05 §2.7, §2.9 perform), and keeps the decoded point.
 *
 * <p><b>The identity.</b> The point at infinity ({@code 0xc0} followed by 95 zero bytes) is a valid encoding
 * of an element of G2, so it decodes: the Ethereum vectors require that, and {@link Bls#aggregate} may
 * legitimately produce it. No verification in {@link Bls} ever accepts it: every verify operation answers
 * {@code false} for an identity signature before any pairing (with a valid key it could never verify
 * anyway). {@link #isInfinity()} tells.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class BlsSignature {

    /** Length of the compressed encoding. */
    public static final int BYTES = 96;

    private final byte[] compressed;
    private final P2_Affine point;

    private BlsSignature(byte[] compressed, P2_Affine point) {
        this.compressed = compressed;
        this.point = point;
    }

    /**
     * Decodes and validates a compressed G2 signature.
     *
     * @param bytes 96 bytes, compressed encoding (top bit set)
     * @return the signature, possibly the identity
     * @throws NullPointerException     if {@code bytes} is null
     * @throws IllegalArgumentException naming what is wrong: the length, the encoding (flags, a coordinate
     *                                  not below the field modulus), a point not on the curve or not in G2
     * @throws BlsUnavailableException  if the native library could not load
     */
    public static BlsSignature fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        BlstLoader.ensureLoaded();
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("BLS signature must be " + BYTES + " bytes (compressed G2), got "
                    + bytes.length);
        }
        if ((bytes[0] & 0x80) == 0) {
            throw new IllegalArgumentException("BLS signature is not a compressed encoding: the compression flag"
                    + " (top bit of byte 0) is clear");
        }
        byte[] copy = bytes.clone();
        P2_Affine point;
        try {
            point = new P2_Affine(copy);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("BLS signature does not decode: " + e.getMessage(), e);
        }
        if (!point.on_curve()) {
            throw new IllegalArgumentException("BLS signature is not on the curve");
        }
        if (!point.in_group()) {
            throw new IllegalArgumentException("BLS signature is on the curve but not in G2 (the prime-order"
                    + " subgroup)");
        }
        return new BlsSignature(copy, point);
    }

    /** Wraps a point known to be in G2 (a fresh signature or a sum of checked ones). */
    static BlsSignature ofValidPoint(P2_Affine point) {
        return new BlsSignature(point.compress(), point);
    }

    /** The decoded point; callers must not mutate it. */
    P2_Affine point() {
        return point;
    }

    /** Whether this is the identity of G2, which no verification accepts. */
    public boolean isInfinity() {
        return point.is_inf();
    }

    /** The 96-byte compressed encoding (a fresh copy). */
    public byte[] toBytes() {
        return compressed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlsSignature other && Arrays.equals(compressed, other.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    /** The first bytes of the encoding in hex, for logs. */
    @Override
    public String toString() {
        return "BlsSignature[" + HexFormat.of().formatHex(compressed, 0, 8) + "..]";
    }
}
