package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.D;
import static lux.consensus.kernels.mldsa.MlDsaSpec.N;
import static lux.consensus.kernels.mldsa.MlDsaSpec.Q;
import static lux.consensus.kernels.mldsa.MlDsaSpec.RHO_BYTES;
import static lux.consensus.kernels.mldsa.MlDsaSpec.T1_POLY_BYTES;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import lux.consensus.kernels.keccak.Shake;

/**
 * The scalar building blocks of ML-DSA verification (FIPS 204), on {@code int} coefficients: decoding,
 * sampling, the NTT and rounding. {@link JavaMlDsaVerifier} is these in the order of Algorithm 8; the SIMD
 * verifier reuses the decoding, sampling and rounding and has its own vector NTT.
 *
 * <p>Arithmetic mod q uses Montgomery reduction with R = 2^32 (FIPS 204 Appendix A, Algorithm 49):
 * {@link #montReduce}(a) = a R^-1 mod q, in (-q, q) for |a| < q 2^31. Constants that multiply coefficients
 * (the NTT's zetas) are kept times R, so multiplying by them costs one reduction and stays in the normal
 * domain. A pointwise product of two NTT-domain polynomials leaves a factor R^-1; the inverse NTT's final
 * scaling by 256^-1 carries an extra R^2 to cancel it ({@link #INV_NTT_SCALE}).
 */
final class MlDsaCore {

    /** q^-1 mod 2^32 (FIPS 204 Algorithm 49: QINV = 58728449). */
    static final int QINV = 58728449;
    /** 2^32 mod q. */
    static final long R_MOD_Q = (1L << 32) % Q;
    /** zeta = 1753, the 512th root of unity mod q (FIPS 204 section 7.5). */
    static final int ZETA = 1753;
    /** zetas[m] = zeta^brv8(m) R mod q (FIPS 204 Appendix B table, times R for Montgomery multiplication). */
    static final int[] ZETAS_MONT = zetas();
    /** 256^-1 R^2 mod q: Algorithm 42's factor f = 8347681 = 256^-1, with R^2 for the reasons above. */
    static final int INV_NTT_SCALE = (int) (8347681L * R_MOD_Q % Q * R_MOD_Q % Q);

    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private MlDsaCore() {
    }

    private static int[] zetas() {
        int[] z = new int[N];
        for (int m = 0; m < N; m++) {
            z[m] = (int) (pow(ZETA, Integer.reverse(m) >>> 24) * R_MOD_Q % Q); // brv8(m): reverse the low 8 bits
        }
        return z;
    }

    static long pow(long base, int exponent) {
        long result = 1;
        long b = base % Q;
        for (int e = exponent; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result = result * b % Q;
            }
            b = b * b % Q;
        }
        return result;
    }

    /** FIPS 204 Algorithm 49, MontgomeryReduce: a 2^-32 mod q, in (-q, q) for |a| < q 2^31. */
    static int montReduce(long a) {
        int t = (int) a * QINV; // (a mod 2^32) q^-1 mod 2^32, as a signed 32-bit value
        return (int) ((a - (long) t * Q) >> 32); // exact: a - t q is 0 mod 2^32 by the choice of t
    }

    /**
     * A small representative of a mod q: with t = round(a / 2^23) = (a + 2^22) >> 23 and a = 2^23 t + e,
     * e in [-2^22, 2^22), the result a - t q = e + t (2^13 - 1) because q = 2^23 - 2^13 + 1. So for
     * |a| < 2^26 (|t| <= 8) it lies within 2^22 + 2^16 of zero. (The Dilithium reference approximates q by
     * 2^23 the same way.)
     */
    static int reduce(int a) {
        int t = (a + (1 << 22)) >> 23;
        return a - t * Q;
    }

    /** The representative in [0, q) of a in (-q, q): adds q when a is negative (the sign bit as a mask). */
    static int freeze(int a) {
        return a + ((a >> 31) & Q);
    }

    // ---- NTT (FIPS 204 section 7.5, Algorithms 41 and 42) ----

    /** NTT(w) in place (Algorithm 41) of w[offset .. offset + 256); |w| < q in, |w| < 9 q out. */
    static void ntt(int[] w, int offset) {
        int m = 0;
        for (int len = 128; len >= 1; len >>= 1) {
            for (int start = 0; start < N; start += 2 * len) {
                long z = ZETAS_MONT[++m];
                for (int j = offset + start; j < offset + start + len; j++) {
                    int t = montReduce(z * w[j + len]);
                    w[j + len] = w[j] - t;
                    w[j] = w[j] + t;
                }
            }
        }
    }

    /**
     * NTT^-1 (Algorithm 42) of w[offset .. offset + 256), times R (see the class comment), in place; needs
     * |w| < 2^22 + 2^16 in (the sums at most double per level: 2^8 (2^22 + 2^16) < 2^31); gives (-q, q).
     */
    static void invNtt(int[] w, int offset) {
        int m = N;
        for (int len = 1; len < N; len <<= 1) {
            for (int start = 0; start < N; start += 2 * len) {
                long z = -ZETAS_MONT[--m];
                for (int j = offset + start; j < offset + start + len; j++) {
                    int t = w[j];
                    w[j] = t + w[j + len];
                    w[j + len] = montReduce(z * (t - w[j + len]));
                }
            }
        }
        for (int j = offset; j < offset + N; j++) {
            w[j] = montReduce((long) INV_NTT_SCALE * w[j]);
        }
    }

    // ---- Decoding (FIPS 204 section 7.1 and 7.2) ----

    /**
     * Little-endian bit unpacking of {@code count} coefficients of {@code bits} bits each from
     * {@code src[offset ..)} (the inner loop of SimpleBitUnpack, Algorithm 18, and BitUnpack, Algorithm 19).
     */
    static void unpack(byte[] src, int offset, int bits, int count, int[] dst, int dstOffset) {
        // Fast path: coefficient i starts at bit i * bits; one unaligned little-endian 8-byte read at its first
        // byte holds all of it (bits <= 20 and a start bit within the byte <= 7 need at most 27 bits), for the
        // coefficients whose 8 bytes lie in the array (counted up front, so the loop has no exit test). The rest,
        // near the end of the array, goes bit by bit below.
        int mask = (1 << bits) - 1;
        int room = src.length - 8 - offset; // the read for bit b starts at byte b / 8 <= room
        int fast = room < 0 ? 0 : (int) Math.min(count, (8L * room) / bits + 1);
        for (int i = 0; i < fast; i++) {
            int bit = i * bits;
            dst[dstOffset + i] = (int) ((long) LE_LONG.get(src, offset + (bit >>> 3)) >>> (bit & 7)) & mask;
        }
        if (fast < count) {
            unpackBits(src, offset + (fast * bits >>> 3), (fast * bits) & 7, bits, count - fast, dst, dstOffset + fast);
        }
    }

    /** The plain loop of {@link #unpack}, starting {@code skip} bits into {@code src[offset]}. */
    private static void unpackBits(byte[] src, int offset, int skip, int bits, int count, int[] dst, int dstOffset) {
        long acc = 0;
        int have = 0;
        int in = offset;
        int mask = (1 << bits) - 1;
        if (skip != 0) {
            acc = (src[in++] & 0xFFL) >>> skip;
            have = 8 - skip;
        }
        for (int i = 0; i < count; i++) {
            while (have < bits) {
                acc |= (src[in++] & 0xFFL) << have;
                have += 8;
            }
            dst[dstOffset + i] = (int) acc & mask;
            acc >>>= bits;
            have -= bits;
        }
    }

    /** pkDecode (Algorithm 23), t1 part: t1[i] = SimpleBitUnpack(pk[32 + 320 i ..], 2^10 - 1), k * 256 ints. */
    static int[] decodeT1(MlDsaSpec spec, byte[] publicKey) {
        int[] t1 = new int[spec.k() * N];
        for (int i = 0; i < spec.k(); i++) {
            unpack(publicKey, RHO_BYTES + T1_POLY_BYTES * i, 10, N, t1, i * N);
        }
        return t1;
    }

    /** NTT(t1 2^d) (Algorithm 8 line 9's right factor), k * 256 ints. */
    static int[] t1HatScaled(MlDsaSpec spec, byte[] publicKey) {
        int[] t1 = decodeT1(spec, publicKey);
        for (int i = 0; i < t1.length; i++) {
            t1[i] <<= D; // t1 < 2^10, so t1 2^13 <= q - 1
        }
        for (int i = 0; i < spec.k(); i++) {
            ntt(t1, i * N);
        }
        return t1;
    }

    /**
     * sigDecode's z (Algorithm 27 with BitUnpack(x, gamma1 - 1, gamma1), Algorithm 19): z = gamma1 - raw, l * 256
     * ints, and whether ||z||_inf < gamma1 - beta (Algorithm 8 line 13); null when the bound fails.
     */
    static int[] decodeZ(MlDsaSpec spec, byte[] signature) {
        int[] z = new int[spec.l() * N];
        unpack(signature, spec.cTildeBytes(), spec.zBits(), spec.l() * N, z, 0);
        int gamma1 = spec.gamma1();
        int bound = gamma1 - spec.beta();
        int outside = 0; // negative once some |v| >= bound; no early exit, so the loop runs in vectors
        for (int i = 0; i < z.length; i++) {
            int v = gamma1 - z[i];
            z[i] = v;
            // (v ^ (v >> 31)) - (v >> 31) is |v| (two's complement negation); bound - 1 - |v| < 0 iff |v| >= bound.
            outside |= bound - 1 - ((v ^ (v >> 31)) - (v >> 31));
        }
        return outside < 0 ? null : z;
    }

    /**
     * HintBitUnpack (Algorithm 21) of the last omega + k bytes of the signature, as the positions of its ones:
     * position r 256 + j for h[r][j] = 1, in increasing order (at most omega of them); or null (the algorithm's
     * bottom) when the per-polynomial counts are out of order or above omega, the indices of a polynomial are
     * not strictly increasing, or the unused index bytes are not zero. {@link #denseHint} gives h itself.
     */
    static int[] decodeHint(MlDsaSpec spec, byte[] signature) {
        int omega = spec.omega();
        int y = signature.length - omega - spec.k();
        int[] positions = new int[omega];
        int index = 0;
        for (int i = 0; i < spec.k(); i++) {
            int end = signature[y + omega + i] & 0xFF;
            if (end < index || end > omega) {
                return null;
            }
            int first = index;
            while (index < end) {
                if (index > first && (signature[y + index - 1] & 0xFF) >= (signature[y + index] & 0xFF)) {
                    return null;
                }
                positions[index] = i * N + (signature[y + index] & 0xFF);
                index++;
            }
        }
        for (int i = index; i < omega; i++) {
            if (signature[y + i] != 0) {
                return null;
            }
        }
        return index == omega ? positions : java.util.Arrays.copyOf(positions, index);
    }

    /** h as k * 256 ints of 0 or 1, from {@link #decodeHint}'s positions. */
    static int[] denseHint(MlDsaSpec spec, int[] positions) {
        int[] h = new int[spec.k() * N];
        for (int p : positions) {
            h[p] = 1;
        }
        return h;
    }

    // ---- Sampling (FIPS 204 section 7.3) ----

    /** SampleInBall (Algorithm 29) of the whole c-tilde: 256 coefficients in {-1, 0, 1}, tau of them nonzero. */
    static int[] sampleInBall(MlDsaSpec spec, byte[] signature) {
        Shake h = Shake.shake256().absorb(signature, 0, spec.cTildeBytes());
        byte[] s = new byte[8];
        h.squeeze(s, 0, 8);
        long signs = (long) LE_LONG.get(s, 0);
        int[] c = new int[N];
        int tau = spec.tau();
        for (int i = N - tau; i < N; i++) {
            int j;
            do {
                j = h.squeezeByte();
            } while (j > i);
            c[i] = c[j];
            c[j] = 1 - 2 * (int) ((signs >>> (i + tau - N)) & 1); // (-1)^h[i + tau - 256]
        }
        return c;
    }

    /**
     * ExpandA (Algorithm 32), NTT-domain entries in [0, q): A[r][s] at {@code [(r l + s) 256 ..)}, each
     * RejNTTPoly (Algorithm 30) of rho || s || r.
     */
    static int[] expandA(MlDsaSpec spec, byte[] publicKey) {
        int[] a = new int[spec.k() * spec.l() * N];
        byte[] seed = new byte[RHO_BYTES + 2];
        System.arraycopy(publicKey, 0, seed, 0, RHO_BYTES);
        byte[] block = new byte[Shake.RATE_128];
        for (int r = 0; r < spec.k(); r++) {
            for (int s = 0; s < spec.l(); s++) {
                seed[RHO_BYTES] = (byte) s;
                seed[RHO_BYTES + 1] = (byte) r;
                Shake g = Shake.shake128().absorb(seed);
                int offset = (r * spec.l() + s) * N;
                int j = 0;
                while (j < N) {
                    g.squeeze(block, 0, block.length);
                    j = rejectionSample(block, block.length, 0, a, offset, j);
                }
            }
        }
        return a;
    }

    /**
     * The loop of RejNTTPoly (Algorithm 30) over one squeezed block: CoeffFromThreeBytes (Algorithm 14) on each
     * 3 bytes of {@code block[from .. from + length)} (168 = 56 * 3, so blocks hold whole triples), keeping
     * values below q, into {@code a[offset + j ..)} until 256 are filled.
     *
     * @return the new count of filled coefficients
     */
    static int rejectionSample(byte[] block, int length, int from, int[] a, int offset, int j) {
        for (int p = from; p < from + length && j < N; p += 3) {
            // b0 + 2^8 b1 + 2^16 (b2 mod 128): 23 bits, accepted when below q.
            int v = (block[p] & 0xFF) | (block[p + 1] & 0xFF) << 8 | (block[p + 2] & 0x7F) << 16;
            if (v < Q) {
                a[offset + j++] = v;
            }
        }
        return j;
    }

    // ---- Rounding and encoding (FIPS 204 sections 7.4 and 7.2) ----

    /**
     * UseHint (Algorithm 40) with Decompose (Algorithm 36) for r in [0, q): the high bits r1 of r, moved by one
     * (mod m) in the direction of r0 when the hint is set.
     */
    static int useHint(int gamma2, int m, int hint, int r) {
        int twoGamma2 = 2 * gamma2;
        int r0 = r % twoGamma2;
        if (r0 > gamma2) {
            r0 -= twoGamma2; // r mod+- 2 gamma2, in (-gamma2, gamma2]
        }
        int r1;
        if (r - r0 == Q - 1) {
            r1 = 0;
            r0 = r0 - 1;
        } else {
            r1 = (r - r0) / twoGamma2;
        }
        if (hint == 0) {
            return r1;
        }
        return r0 > 0 ? (r1 + 1) % m : (r1 - 1 + m) % m;
    }

    /**
     * {@link #useHint} for gamma2 = (q - 1) / 88 (ML-DSA-44: 2 gamma2 = 190464, m = 44) without Decompose's
     * variable division. r1 is the integer with r - 2 gamma2 r1 in (-gamma2, gamma2], that is
     * ceil((r - gamma2) / (2 gamma2)) = floor((r + gamma2 - 1) / (2 gamma2)) for r >= 0, a division by a
     * constant the JIT turns into a multiply and shifts; r1 = m is Decompose's special case r - r0 = q - 1.
     * Checked against {@link #useHint} for every r in [0, q) by the tests.
     */
    static int useHint88(int hint, int r) {
        int r1 = (r + 95232 - 1) / 190464;
        int r0 = r - r1 * 190464;
        if (r1 == 44) {
            r1 = 0;
            r0 -= 1;
        }
        if (hint == 0) {
            return r1;
        }
        return r0 > 0 ? (r1 == 43 ? 0 : r1 + 1) : (r1 == 0 ? 43 : r1 - 1);
    }

    /** {@link #useHint88} for gamma2 = (q - 1) / 32 (ML-DSA-65 and -87: 2 gamma2 = 523776, m = 16). */
    static int useHint32(int hint, int r) {
        int r1 = (r + 261888 - 1) / 523776;
        int r0 = r - r1 * 523776;
        if (r1 == 16) {
            r1 = 0;
            r0 -= 1;
        }
        if (hint == 0) {
            return r1;
        }
        return (r1 + (r0 > 0 ? 1 : -1)) & 15; // m = 16: mod m is the low 4 bits, also of -1
    }

    /**
     * w1Encode (Algorithm 28): SimpleBitPack of each of the k polynomials with {@code bits} bits per coefficient
     * (4 or 6, both divide 8 * 3, so every 4 coefficients fill whole bytes), little-endian, into
     * {@code out[offset ..)}.
     */
    static void w1Encode(int[] w1, int count, int bits, byte[] out, int offset) {
        long acc = 0;
        int have = 0;
        int o = offset;
        for (int i = 0; i < count; i++) {
            acc |= (long) w1[i] << have;
            have += bits;
            while (have >= 8) {
                out[o++] = (byte) acc;
                acc >>>= 8;
                have -= 8;
            }
        }
    }

    /** {@link #w1Encode(int[], int, int, byte[], int)} from coefficients held as doubles (small integers). */
    static void w1Encode(double[] w1, int count, int bits, byte[] out, int offset) {
        long acc = 0;
        int have = 0;
        int o = offset;
        for (int i = 0; i < count; i++) {
            acc |= (long) w1[i] << have;
            have += bits;
            while (have >= 8) {
                out[o++] = (byte) acc;
                acc >>>= 8;
                have -= 8;
            }
        }
    }
}
