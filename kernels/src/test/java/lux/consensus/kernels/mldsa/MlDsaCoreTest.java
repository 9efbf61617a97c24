package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The arithmetic shortcuts of {@link MlDsaCore} and {@link MlDsaVectorMath} against their definitions. */
class MlDsaCoreTest {

    @Test
    void montgomeryConstants() {
        assertEquals(1, MlDsaSpec.Q * MlDsaCore.QINV, "q QINV = 1 mod 2^32");
        assertEquals(MlDsaCore.QINV, (1 << 26) - (1 << 23) + (1 << 13) + 1, "QINV as shifts");
        assertEquals(MlDsaSpec.Q, (1 << 23) - (1 << 13) + 1, "q as shifts");
        // 1753 is a primitive 512th root of unity: 1753^256 = -1 mod q.
        assertEquals(MlDsaSpec.Q - 1, MlDsaCore.pow(MlDsaCore.ZETA, 256));
        assertEquals(1, 8347681L * 256 % MlDsaSpec.Q, "f = 256^-1");
    }

    @Test
    void montReduceIsDivisionByRModQ() {
        SplittableRandom random = new SplittableRandom(1);
        long q = MlDsaSpec.Q;
        for (int i = 0; i < 100_000; i++) {
            long a = random.nextLong(-q << 31, q << 31);
            int r = MlDsaCore.montReduce(a);
            assertEquals(Math.floorMod(a, q), Math.floorMod((long) r * MlDsaCore.R_MOD_Q, q));
            assertEquals(true, Math.abs(r) < q);
        }
    }

    @Test
    void doubleReduceIsModQAndSmallForEveryIntegerBelow2To53() {
        SplittableRandom random = new SplittableRandom(3);
        long q = MlDsaSpec.Q;
        long[] edges = {0, 1, -1, q, -q, q / 2, q / 2 + 1, -(q / 2) - 1, (1L << 53) - 1, -(1L << 53) + 1,
                (1L << 53) / q * q, ((1L << 53) / q) * q + q / 2, ((1L << 53) / q) * q + q / 2 + 1};
        for (int i = 0; i < 1_000_000 + edges.length; i++) {
            long x = i < edges.length ? edges[i] : random.nextLong(-(1L << 53) + 1, 1L << 53);
            double r = NttTables.reduce(x);
            assertEquals(Math.floorMod(x, q), Math.floorMod((long) r, q), "x " + x);
            assertEquals(r, Math.rint(r), "an integer");
            assertEquals(true, Math.abs(r) <= (q + 1) / 2, "x " + x + " gives " + r);
        }
    }

    @Test
    void fastUseHintEqualsTheDefinitionForEveryR() {
        for (int r = 0; r < MlDsaSpec.Q; r++) {
            for (int h = 0; h <= 1; h++) {
                if (MlDsaCore.useHint((MlDsaSpec.Q - 1) / 88, 44, h, r) != MlDsaCore.useHint88(h, r)) {
                    assertEquals(MlDsaCore.useHint((MlDsaSpec.Q - 1) / 88, 44, h, r), MlDsaCore.useHint88(h, r),
                            "gamma2 = (q-1)/88, h " + h + " r " + r);
                }
                if (MlDsaCore.useHint((MlDsaSpec.Q - 1) / 32, 16, h, r) != MlDsaCore.useHint32(h, r)) {
                    assertEquals(MlDsaCore.useHint((MlDsaSpec.Q - 1) / 32, 16, h, r), MlDsaCore.useHint32(h, r),
                            "gamma2 = (q-1)/32, h " + h + " r " + r);
                }
            }
        }
    }

    @Test
    void doubleFreezeIsModQInZeroToQForEveryIntegerBelow2To44() {
        SplittableRandom random = new SplittableRandom(5);
        long q = MlDsaSpec.Q;
        long top = (1L << 44) - 1;
        long[] edges = {0, 1, -1, q, -q, q - 1, -q + 1, top, -top, top / q * q, -(top / q) * q, top / q * q - 1,
                -(top / q) * q + 1};
        for (int i = 0; i < 1_000_000 + edges.length; i++) {
            long x = i < edges.length ? edges[i] : i % 2 == 0 ? random.nextLong(-top, top + 1)
                    : random.nextLong(-1000, 1000) * q + random.nextInt(-2, 3); // near multiples of q
            double r = NttTables.freeze(x);
            assertEquals(Math.floorMod(x, q), (long) r, "x " + x);
            assertEquals(true, r == Math.rint(r) && r >= 0 && r < q, "x " + x + " gives " + r);
        }
    }

    @Test
    void vectorNttEqualsScalarModQAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(2);
        int q = MlDsaSpec.Q;
        for (int bits : new int[] {128, 256, 512}) {
            MlDsaVectorMath math = MlDsaVectorMath.of(bits);
            for (int trial = 0; trial < 40; trial++) {
                int[] a = new int[256];
                double[] v = new double[256];
                // Inputs up to the stated bound 2^28 (scalar NTT: its own bound |a| < q, same residues).
                int bound = trial % 4 == 0 ? (1 << 28) - 1 : trial % 4 == 1 ? q - 1 : trial % 4 == 2 ? 1 : 1 << 19;
                for (int j = 0; j < 256; j++) {
                    int x = random.nextInt(-bound, bound + 1);
                    v[j] = x;
                    a[j] = Math.floorMod(x, q);
                }
                MlDsaCore.ntt(a, 0);
                math.ntt(v, 0);
                for (int j = 0; j < 256; j++) {
                    assertEquals(Math.floorMod(a[j], q), Math.floorMod((long) v[j], q), bits + " ntt " + j);
                    assertEquals(true, Math.abs(v[j]) <= (q + 1) / 2, bits + " ntt out reduced " + v[j]);
                }
                for (int j = 0; j < 256; j++) {
                    a[j] = MlDsaCore.reduce(a[j]);
                    v[j] = trial % 2 == 0 ? (q + 1) / 2 * (random.nextBoolean() ? 1 : -1) : v[j]; // the bound itself
                    if (trial % 2 == 0) {
                        a[j] = MlDsaCore.reduce((int) v[j]);
                    }
                }
                MlDsaCore.invNtt(a, 0);
                math.invNtt(v, 0);
                for (int j = 0; j < 256; j++) {
                    // The scalar inverse keeps a factor R = 2^32 (for its Montgomery products); the vector one does not.
                    long expected = Math.floorMod((long) MlDsaCore.freeze(a[j]) * inverseR(), q);
                    assertEquals(expected, (long) v[j], bits + " invNtt " + j);
                    assertEquals(true, v[j] == Math.rint(v[j]) && v[j] < q, "an integer in [0, q): " + v[j]); // -0.0 allowed
                }
            }
        }
    }

    /** 2^-32 mod q. */
    private static long inverseR() {
        return MlDsaCore.pow(MlDsaCore.R_MOD_Q, MlDsaSpec.Q - 2);
    }

    @Test
    void vectorRowProductEqualsScalarModQAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(4);
        long q = MlDsaSpec.Q;
        int half = (MlDsaSpec.Q + 1) / 2;
        for (int bits : new int[] {128, 256, 512}) {
            MlDsaVectorMath math = MlDsaVectorMath.of(bits);
            for (int l : new int[] {4, 5, 7}) {
                for (int trial = 0; trial < 6; trial++) {
                    boolean extreme = trial < 2; // every input at its bound: the largest sums
                    float[] aHat = new float[(l + 1) * 256];
                    double[] zHat = new double[l * 256];
                    double[] cHat = new double[256];
                    double[] t1Hat = new double[2 * 256];
                    for (int j = 0; j < aHat.length; j++) {
                        aHat[j] = extreme ? q - 1 : random.nextInt(MlDsaSpec.Q);
                    }
                    for (double[] x : new double[][] {zHat, cHat, t1Hat}) {
                        for (int j = 0; j < x.length; j++) {
                            x[j] = extreme ? (trial == 0 ? half : -half) * (x == cHat ? -1 : 1) : random.nextInt(-half, half + 1);
                        }
                    }
                    double[] out = new double[2 * 256];
                    math.rowProduct(aHat, 256, zHat, l, cHat, 0, t1Hat, 256, out, 256);
                    for (int j = 0; j < 256; j++) {
                        long sum = -((long) cHat[j] * (long) t1Hat[256 + j]) % q;
                        for (int s = 0; s < l; s++) {
                            sum = (sum + (long) aHat[256 + s * 256 + j] * (long) zHat[s * 256 + j]) % q;
                        }
                        assertEquals(Math.floorMod(sum, q), Math.floorMod((long) out[256 + j], q), bits + " l " + l + " j " + j);
                        assertEquals(true, Math.abs(out[256 + j]) <= half, "reduced");
                        assertEquals(0.0, out[j], "nothing outside the row");
                    }
                }
            }
        }
    }

    @Test
    void vectorHighBitsEqualsUseHintWithoutHintForEveryR() {
        int q = MlDsaSpec.Q;
        for (int bits : new int[] {128, 256, 512}) {
            MlDsaVectorMath math = MlDsaVectorMath.of(bits);
            double[] w = new double[1 << 16];
            for (int from = 0; from < q; from += w.length) {
                for (boolean gamma88 : new boolean[] {true, false}) {
                    for (int j = 0; j < w.length; j++) {
                        w[j] = Math.min(from + j, q - 1);
                    }
                    math.highBits(w, w.length, gamma88);
                    for (int j = 0; j < w.length; j++) {
                        int r = Math.min(from + j, q - 1);
                        int expected = gamma88 ? MlDsaCore.useHint((q - 1) / 88, 44, 0, r)
                                : MlDsaCore.useHint((q - 1) / 32, 16, 0, r);
                        if (expected != w[j]) {
                            assertEquals(expected, w[j], bits + " bits, gamma88 " + gamma88 + ", r " + r);
                        }
                    }
                }
            }
        }
    }
}
