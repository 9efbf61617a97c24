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
            long wide = random.nextLong(-(1L << 58), 1L << 58);
            long rw = MlDsaVectorMath.mont(wide);
            assertEquals(Math.floorMod(wide, q), Math.floorMod(rw % q * MlDsaCore.R_MOD_Q, q));
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
    void vectorNttEqualsScalarModQAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(2);
        for (int bits : new int[] {128, 256, 512}) {
            MlDsaVectorMath math = MlDsaVectorMath.of(bits);
            for (int trial = 0; trial < 20; trial++) {
                int[] a = new int[256];
                long[] v = new long[256];
                for (int j = 0; j < 256; j++) {
                    a[j] = random.nextInt(-MlDsaSpec.Q + 1, MlDsaSpec.Q);
                    v[j] = a[j];
                }
                MlDsaCore.ntt(a, 0);
                math.ntt(v, 0);
                for (int j = 0; j < 256; j++) {
                    assertEquals(Math.floorMod(a[j], MlDsaSpec.Q), Math.floorMod(v[j], MlDsaSpec.Q), bits + " ntt " + j);
                }
                for (int j = 0; j < 256; j++) {
                    a[j] = MlDsaCore.reduce(a[j]);
                }
                MlDsaCore.invNtt(a, 0);
                math.invNtt(v, 0);
                for (int j = 0; j < 256; j++) {
                    assertEquals(MlDsaCore.freeze(a[j]), v[j], bits + " invNtt " + j);
                }
            }
        }
    }

    @Test
    void vectorHighBitsEqualsUseHintWithoutHintForEveryR() {
        int q = MlDsaSpec.Q;
        for (int bits : new int[] {128, 256, 512}) {
            MlDsaVectorMath math = MlDsaVectorMath.of(bits);
            long[] w = new long[1 << 16];
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
