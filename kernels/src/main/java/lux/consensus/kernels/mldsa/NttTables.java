package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.N;
import static lux.consensus.kernels.mldsa.MlDsaSpec.Q;

/**
 * Constants of {@link MlDsaVectorMath}'s double arithmetic, and {@link #reduce}, its scalar reference.
 *
 * <p>Reduction: for an integer x with |x| < 2^53, rint(x / q) is {@code fma(x, 1/q, MAGIC) - MAGIC} with
 * MAGIC = 1.5 2^52 (in [2^52, 2^53) doubles are the integers, so adding MAGIC rounds to the nearest one, IEEE 754
 * round-to-nearest), and x - rint(x / q) q is exact as one fused multiply-add. 1/q is rounded, so the quotient
 * may be off by 2^-23 and the result lies in [-(q + 1) / 2, (q + 1) / 2].
 */
final class NttTables {

    /** 1 / q, rounded. */
    static final double QINV = 1.0 / Q;
    /** 1.5 2^52: x + MAGIC - MAGIC = rint(x) for |x| < 2^51. */
    static final double MAGIC = 0x1.8p52;
    /** zetas[m] = zeta^brv8(m) mod q (FIPS 204 Appendix B), centred in [-(q - 1) / 2, (q - 1) / 2]. */
    static final double[] ZETAS = zetas();
    /** 256^-1 mod q = 8347681 (Algorithm 42's f), centred: 8347681 - q. */
    static final double INV_SCALE = 8347681 - Q;
    static final double GAMMA2_88 = (Q - 1) / 88;
    static final double GAMMA2_32 = (Q - 1) / 32;
    static final double INV_2GAMMA2_88 = 1.0 / (2 * GAMMA2_88);
    static final double INV_2GAMMA2_32 = 1.0 / (2 * GAMMA2_32);
    /** delta - 1/2 with delta = 2^-20, for HighBits' floor (see {@link MlDsaVectorMath#highBits}). */
    static final double FLOOR_BIAS = 0x1p-20 - 0.5;
    /** 2^-30 - 1/2, for {@link #freeze}'s floor. */
    static final double FREEZE_BIAS = 0x1p-30 - 0.5;

    /**
     * Per-coefficient factors of the NTT levels len = 1, 2, 4 run inside a vector: coefficient p is in block
     * p / (2 len) of its level, zeta[128 / len + block] (Algorithm 41), negated in the upper half (p & len).
     */
    static final double[] FORWARD_1 = forward(1);
    static final double[] FORWARD_2 = forward(2);
    static final double[] FORWARD_4 = forward(4);
    /** For NTT^-1 (Algorithm 42) levels len = 1, 2, 4: 1 in the lower half, -zeta[256 / len - 1 - block] above. */
    static final double[] INVERSE_1 = inverse(1);
    static final double[] INVERSE_2 = inverse(2);
    static final double[] INVERSE_4 = inverse(4);
    /** +1 in the lower half of each block, -1 in the upper: lower gets a + b, upper a - b. */
    static final double[] SIGNS_1 = signs(1);
    static final double[] SIGNS_2 = signs(2);
    static final double[] SIGNS_4 = signs(4);

    private NttTables() {
    }

    /** x mod+- q for an integer |x| < 2^53, in [-(q + 1) / 2, (q + 1) / 2]: the lanes' formula, one value. */
    static double reduce(double x) {
        double t = Math.fma(x, QINV, MAGIC) - MAGIC;
        return Math.fma(t, -Q, x);
    }

    /**
     * x mod q in [0, q) for an integer |x| < 2^44: x - floor(x / q) q, the floor being rint(x / q - 1/2 + 2^-30).
     * x / q is an integer or at least 1 / q > 2^-24 away from one, the computed quotient is off by below 2^-31,
     * so x / q - 1/2 + 2^-30 never rounds the wrong way (nor ties).
     */
    static double freeze(double x) {
        double t = Math.fma(x, QINV, FREEZE_BIAS) + MAGIC - MAGIC;
        return Math.fma(t, -Q, x);
    }

    private static double centred(long v) {
        long r = Math.floorMod(v, (long) Q);
        return r > (Q - 1) / 2 ? r - Q : r;
    }

    private static double[] zetas() {
        double[] z = new double[N];
        for (int m = 0; m < N; m++) {
            z[m] = centred(MlDsaCore.pow(MlDsaCore.ZETA, Integer.reverse(m) >>> 24)); // brv8(m)
        }
        return z;
    }

    private static double[] forward(int len) {
        double[] t = new double[N];
        for (int p = 0; p < N; p++) {
            double z = ZETAS[128 / len + p / (2 * len)];
            t[p] = (p & len) == 0 ? z : -z;
        }
        return t;
    }

    private static double[] inverse(int len) {
        double[] t = new double[N];
        for (int p = 0; p < N; p++) {
            t[p] = (p & len) == 0 ? 1 : -ZETAS[N / len - 1 - p / (2 * len)];
        }
        return t;
    }

    private static double[] signs(int len) {
        double[] t = new double[N];
        for (int p = 0; p < N; p++) {
            t[p] = (p & len) == 0 ? 1 : -1;
        }
        return t;
    }
}
