package lux.consensus.tornadovm;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Arithmetic mod q = 8380417 for ML-DSA (FIPS 204) as code TornadoVM can compile into a kernel: Montgomery
 * reduction with R = 2^32, the NTT and its inverse on 256 coefficients of an {@link IntArray} from an offset, and
 * UseHint. The NTT's twiddles come in {@code zetas} ({@link #zetas()}: zeta^BitRev8(m) R mod q, zeta = 1753), so a
 * product with one costs one reduction and stays in the plain domain; the inverse NTT's final factor 256^-1 R^2
 * cancels the R^-1 that a pointwise product of two NTT-domain values leaves.
 */
final class MlDsaMath {

    /** The modulus. */
    static final int Q = 8_380_417;
    /** Coefficients per polynomial. */
    static final int N = 256;
    /** q^-1 mod 2^32. */
    static final int Q_INV = 58_728_449;
    /** 256^-1 R^2 mod q (256^-1 = 8347681). */
    static final int INV_SCALE = (int) (8_347_681L * ((1L << 32) % Q) % Q * ((1L << 32) % Q) % Q);

    private MlDsaMath() {
    }

    /** zetas[m] = 1753^BitRev8(m) 2^32 mod q, the table the NTTs take. */
    static int[] zetas() {
        long r = (1L << 32) % Q;
        int[] table = new int[N];
        for (int m = 0; m < N; m++) {
            long power = 1;
            for (int e = 0; e < Integer.reverse(m) >>> 24; e++) {
                power = power * 1753 % Q;
            }
            table[m] = (int) (power * r % Q);
        }
        return table;
    }

    /** a 2^-32 mod q, in (-q, q) for |a| < q 2^31. */
    static int montReduce(long a) {
        int t = (int) a * Q_INV;
        return (int) ((a - (long) t * Q) >> 32);
    }

    /** A representative of a mod q within 2^22 + 2^16 of zero, for |a| < 2^26 (q = 2^23 - 2^13 + 1). */
    static int reduce(int a) {
        int t = (a + (1 << 22)) >> 23;
        return a - t * Q;
    }

    /** The representative in [0, q) of a in (-q, q). */
    static int freeze(int a) {
        return a + ((a >> 31) & Q);
    }

    /** NTT (FIPS 204 Algorithm 41) of w[off .. off + 256) in place; |w| < q in, |w| < 9 q out. */
    static void ntt(IntArray w, int off, IntArray zetas) {
        int m = 0;
        for (int len = 128; len >= 1; len >>= 1) {
            for (int start = 0; start < N; start += 2 * len) {
                m++;
                long z = zetas.get(m);
                for (int j = off + start; j < off + start + len; j++) {
                    int t = montReduce(z * w.get(j + len));
                    int a = w.get(j);
                    w.set(j + len, a - t);
                    w.set(j, a + t);
                }
            }
        }
    }

    /**
     * NTT^-1 (Algorithm 42) of w[off .. off + 256) in place, times R; |w| < 2^22 + 2^16 in, (-q, q) out.
     */
    static void invNtt(IntArray w, int off, IntArray zetas) {
        int m = N;
        for (int len = 1; len < N; len <<= 1) {
            for (int start = 0; start < N; start += 2 * len) {
                m--;
                long z = -zetas.get(m);
                for (int j = off + start; j < off + start + len; j++) {
                    int a = w.get(j);
                    int b = w.get(j + len);
                    w.set(j, a + b);
                    w.set(j + len, montReduce(z * (a - b)));
                }
            }
        }
        for (int j = off; j < off + N; j++) {
            w.set(j, montReduce((long) INV_SCALE * w.get(j)));
        }
    }

    /**
     * UseHint (Algorithm 40) with Decompose (Algorithm 36) for r in [0, q): r's high bits r1 = (r - r0) / (2 gamma2)
     * with r0 = r mod+- 2 gamma2 (r1 = 0 and r0 - 1 when r - r0 = q - 1), moved by one mod m = (q - 1) / (2 gamma2)
     * towards r0's sign when the hint is 1.
     */
    static int useHint(int gamma2, int hint, int r) {
        int twoGamma2 = 2 * gamma2;
        int m = (Q - 1) / twoGamma2;
        int r0 = r % twoGamma2;
        if (r0 > gamma2) {
            r0 -= twoGamma2;
        }
        int r1 = (r - r0) / twoGamma2;
        if (r - r0 == Q - 1) {
            r1 = 0;
            r0 = r0 - 1;
        }
        int result = r1;
        if (hint != 0) {
            result = r0 > 0 ? (r1 + 1) % m : (r1 - 1 + m) % m;
        }
        return result;
    }
}
