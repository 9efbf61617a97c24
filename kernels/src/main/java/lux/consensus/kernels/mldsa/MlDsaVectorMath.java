package lux.consensus.kernels.mldsa;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static lux.consensus.kernels.mldsa.MlDsaCore.INV_NTT_SCALE;
import static lux.consensus.kernels.mldsa.MlDsaCore.QINV;
import static lux.consensus.kernels.mldsa.MlDsaCore.ZETAS_MONT;
import static lux.consensus.kernels.mldsa.MlDsaSpec.N;
import static lux.consensus.kernels.mldsa.MlDsaSpec.Q;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The NTT, its inverse and the matrix-row product of ML-DSA verification (FIPS 204 Algorithms 41, 42 and line 9
 * of Algorithm 8) on {@code LongVector}s, one polynomial coefficient per lane, for {@link SimdMlDsaVerifier}.
 *
 * <p>Polynomials are {@code long[256]} (at an offset). 64-bit lanes hold a full product of two coefficients,
 * so sums of products need no reduction until the end: a row of A-hat times z-hat plus c-hat times t1-hat is
 * summed exactly and reduced once. Reduction is Montgomery's (FIPS 204 Appendix A, Algorithm 49, R = 2^32)
 * with the constant multiplications done by shifts:
 * <ul>
 *   <li>QINV = q^-1 mod 2^32 = 58728449 = 2^26 - 2^23 + 2^13 + 1, so p QINV = p + (p << 13) + (p << 26) -
 *       (p << 23) (mod 2^64, and only the low 32 bits are used);</li>
 *   <li>q = 2^23 - 2^13 + 1, so t q = (t << 23) - (t << 13) + t;</li>
 *   <li>the low 32 bits as a signed value are {@code (x << 32) >> 32} (arithmetic shift).</li>
 * </ul>
 * mont(p) = (p - t q) >> 32 is then p 2^-32 mod q, of size below |p| / 2^32 + q, for any |p| < 2^62. The
 * only true 64-bit multiplications are the coefficient products themselves. Levels of the NTT whose
 * butterflies are closer than a vector (len below the lane count) run as scalar code on the same arrays.
 *
 * <p>Like {@code KeccakVector}, one subclass per width with its own constant species and its own copy of
 * the (generated) kernels. Every result is exactly the scalar {@link MlDsaCore} result mod q; the final
 * inverse-NTT output is the representative in [0, q).
 */
abstract sealed class MlDsaVectorMath permits MlDsaVectorMath.W128, MlDsaVectorMath.W256, MlDsaVectorMath.W512 {

    private final int lanes;

    static final long GAMMA2_88 = (Q - 1) / 88;
    static final long GAMMA2_32 = (Q - 1) / 32;
    /** ceil(2^48 / (2 gamma2)) for the two gamma2 values (see {@link #highBits}). */
    static final long MAGIC_88 = ((1L << 48) + 2 * GAMMA2_88 - 1) / (2 * GAMMA2_88);
    static final long MAGIC_32 = ((1L << 48) + 2 * GAMMA2_32 - 1) / (2 * GAMMA2_32);

    MlDsaVectorMath(int lanes) {
        this.lanes = lanes;
    }

    /** Coefficients per vector. */
    final int lanes() {
        return lanes;
    }

    static MlDsaVectorMath of(int bits) {
        return switch (bits) {
            case 128 -> new W128();
            case 256 -> new W256();
            case 512 -> new W512();
            default -> throw new UnsupportedOperationException(
                    "SIMD ML-DSA supports vector widths of 128, 256 or 512 bits, got " + bits);
        };
    }

    /** NTT (Algorithm 41) of w[off .. off + 256), for |w| < 2^40 in; |w| grows by below 2 q per level. */
    abstract void ntt(long[] w, int off);

    /**
     * NTT^-1 (Algorithm 42) of w[off .. off + 256) times R (cancelling the R^-1 of {@link #rowProduct}), for
     * |w| < 2^26 in (sums double per level, so 2^34 at most; times the scaling constant, below 2^57); out in
     * [0, q).
     */
    abstract void invNtt(long[] w, int off);

    /**
     * HighBits (FIPS 204 Algorithm 37, r1 of Decompose, Algorithm 36) in place for w[0 .. count), each in
     * [0, q): UseHint (Algorithm 40) where the hint is 0. r1 is the integer with r - 2 gamma2 r1 in
     * (-gamma2, gamma2], floor((r + gamma2 - 1) / (2 gamma2)), and 0 where that is m (Decompose's case
     * r - r0 = q - 1). The division is a multiplication by M = ceil(2^48 / (2 gamma2)) and a shift by 48
     * (division by invariant integers, Granlund and Montgomery, PLDI 1994): with x = r + gamma2 - 1 < 2^24
     * and M 2 gamma2 = 2^48 + e, e < 2 gamma2 < 2^20, x M / 2^48 exceeds x / (2 gamma2) by less than
     * 1 / (2 gamma2), too little to reach the next integer. {@code gamma88}: gamma2 = (q - 1) / 88, else (q - 1) / 32.
     */
    abstract void highBits(long[] w, int count, boolean gamma88);

    /**
     * One row of Algorithm 8 line 9 before the inverse NTT: out = mont(sum_s aHat[s] zHat[s] - cHat t1Hat),
     * that is (A-hat z-hat - c-hat t1-hat) R^-1, with aHat[s] at {@code aOff + 256 s}, zHat[s] at {@code 256 s},
     * t1Hat at {@code tOff}. Needs |aHat| < q and |zHat|, |cHat|, |t1Hat| < 9 q so the sum stays below 2^55.
     */
    abstract void rowProduct(long[] aHat, int aOff, long[] zHat, int l, long[] cHat, long[] t1Hat, int tOff,
            long[] out, int outOff);

    /** Montgomery reduction of a long (scalar, same formula as the lanes'). */
    static long mont(long p) {
        long t = (p * QINV) << 32 >> 32;
        return (p - t * Q) >> 32;
    }

    /** The NTT levels len = fromLen, fromLen / 2, .., 1 in scalar code (block b of level len uses zeta[128 / len + b]). */
    static void scalarNttLevels(long[] w, int off, int fromLen) {
        if (fromLen >= 2) {
            for (int len = fromLen; len >= 4; len >>= 1) {
                scalarNttLevel(w, off, len);
            }
            // The last two levels (len 2 and 1) in registers, four coefficients at a time: group g's len-2 block
            // is block g of its level (zeta[64 + g]), its len-1 blocks are 2g and 2g + 1 (zeta[128 + 2g ..]).
            for (int g = 0; g < N / 4; g++) {
                int j = off + 4 * g;
                long a0 = w[j];
                long a1 = w[j + 1];
                long a2 = w[j + 2];
                long a3 = w[j + 3];
                long z = ZETAS_MONT[64 + g];
                long t = mont(z * a2);
                a2 = a0 - t;
                a0 += t;
                t = mont(z * a3);
                a3 = a1 - t;
                a1 += t;
                t = mont(ZETAS_MONT[128 + 2 * g] * a1);
                a1 = a0 - t;
                a0 += t;
                t = mont(ZETAS_MONT[129 + 2 * g] * a3);
                a3 = a2 - t;
                a2 += t;
                w[j] = a0;
                w[j + 1] = a1;
                w[j + 2] = a2;
                w[j + 3] = a3;
            }
            return;
        }
        for (int len = fromLen; len >= 1; len >>= 1) {
            scalarNttLevel(w, off, len);
        }
    }

    private static void scalarNttLevel(long[] w, int off, int len) {
        for (int start = 0, b = 128 / len; start < N; start += 2 * len, b++) {
            long z = ZETAS_MONT[b];
            for (int j = off + start; j < off + start + len; j++) {
                long t = mont(z * w[j + len]);
                w[j + len] = w[j] - t;
                w[j] = w[j] + t;
            }
        }
    }

    /** The inverse NTT levels len = 1, 2, .., toLen in scalar code (block b of level len uses -zeta[256 / len - 1 - b]). */
    static void scalarInvNttLevels(long[] w, int off, int toLen) {
        int first = 1;
        if (toLen >= 2) {
            // The first two levels (len 1 and 2) in registers, four coefficients at a time: group g's len-1
            // blocks are 2g and 2g + 1 (-zeta[255 - 2g], -zeta[254 - 2g]), its len-2 block is g (-zeta[127 - g]).
            for (int g = 0; g < N / 4; g++) {
                int j = off + 4 * g;
                long a0 = w[j];
                long a1 = w[j + 1];
                long a2 = w[j + 2];
                long a3 = w[j + 3];
                long t = a0;
                a0 = t + a1;
                a1 = mont(-ZETAS_MONT[255 - 2 * g] * (t - a1));
                t = a2;
                a2 = t + a3;
                a3 = mont(-ZETAS_MONT[254 - 2 * g] * (t - a3));
                long z = -ZETAS_MONT[127 - g];
                t = a0;
                a0 = t + a2;
                a2 = mont(z * (t - a2));
                t = a1;
                a1 = t + a3;
                a3 = mont(z * (t - a3));
                w[j] = a0;
                w[j + 1] = a1;
                w[j + 2] = a2;
                w[j + 3] = a3;
            }
            first = 4;
        }
        for (int len = first; len <= toLen; len <<= 1) {
            scalarInvNttLevel(w, off, len);
        }
    }

    private static void scalarInvNttLevel(long[] w, int off, int len) {
        for (int start = 0, b = N / len - 1; start < N; start += 2 * len, b--) {
            long z = -ZETAS_MONT[b];
            for (int j = off + start; j < off + start + len; j++) {
                long t = w[j];
                w[j] = t + w[j + len];
                w[j + len] = mont(z * (t - w[j + len]));
            }
        }
    }

    /** 128-bit vectors: 2 coefficients per vector. */
    static final class W128 extends MlDsaVectorMath {
        private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_128;
        private static final int L = 2;

        W128() {
            super(L);
        }

        /** Montgomery reduction (see {@link MlDsaVectorMath}) lane-wise. */
        private static LongVector mont(LongVector p) {
            LongVector t = p.add(p.lanewise(LSHL, 13)).add(p.lanewise(LSHL, 26)).sub(p.lanewise(LSHL, 23));
            t = t.lanewise(LSHL, 32).lanewise(ASHR, 32);
            LongVector tq = t.lanewise(LSHL, 23).sub(t.lanewise(LSHL, 13)).add(t);
            return p.sub(tq).lanewise(ASHR, 32);
        }

        @Override
        void ntt(long[] w, int off) {
            for (int len = 128; len >= L; len >>= 1) {
                for (int start = 0, b = 128 / len; start < N; start += 2 * len, b++) {
                    long z = ZETAS_MONT[b];
                    for (int j = off + start; j < off + start + len; j += L) {
                        LongVector a = LongVector.fromArray(SPECIES, w, j);
                        LongVector t = mont(LongVector.fromArray(SPECIES, w, j + len).mul(z));
                        a.sub(t).intoArray(w, j + len);
                        a.add(t).intoArray(w, j);
                    }
                }
            }
            scalarNttLevels(w, off, L / 2);
        }

        @Override
        void invNtt(long[] w, int off) {
            scalarInvNttLevels(w, off, L / 2);
            for (int len = L; len < N; len <<= 1) {
                for (int start = 0, b = N / len - 1; start < N; start += 2 * len, b--) {
                    long z = -ZETAS_MONT[b];
                    for (int j = off + start; j < off + start + len; j += L) {
                        LongVector a = LongVector.fromArray(SPECIES, w, j);
                        LongVector c = LongVector.fromArray(SPECIES, w, j + len);
                        a.add(c).intoArray(w, j);
                        mont(a.sub(c).mul(z)).intoArray(w, j + len);
                    }
                }
            }
            for (int j = off; j < off + N; j += L) {
                LongVector x = mont(LongVector.fromArray(SPECIES, w, j).mul(INV_NTT_SCALE));
                // reduce: x - round(x / 2^23) q, then add q where negative (ASHR 63 is all ones there).
                LongVector t = x.add(1L << 22).lanewise(ASHR, 23);
                x = x.sub(t.lanewise(LSHL, 23).sub(t.lanewise(LSHL, 13)).add(t));
                x.add(x.lanewise(ASHR, 63).and((long) Q)).intoArray(w, j);
            }
        }

        @Override
        void highBits(long[] w, int count, boolean gamma88) {
            long add = gamma88 ? GAMMA2_88 - 1 : GAMMA2_32 - 1;
            long magic = gamma88 ? MAGIC_88 : MAGIC_32;
            long m = gamma88 ? 44 : 16;
            for (int j = 0; j < count; j += L) {
                LongVector r1 = LongVector.fromArray(SPECIES, w, j).add(add).mul(magic).lanewise(ASHR, 48);
                r1.blend(0L, r1.eq(m)).intoArray(w, j);
            }
        }

        @Override
        void rowProduct(long[] aHat, int aOff, long[] zHat, int l, long[] cHat, long[] t1Hat, int tOff, long[] out,
                int outOff) {
            for (int j = 0; j < N; j += L) {
                LongVector acc = LongVector.fromArray(SPECIES, cHat, j).mul(LongVector.fromArray(SPECIES, t1Hat, tOff + j))
                        .neg();
                for (int s = 0; s < l; s++) {
                    acc = acc.add(LongVector.fromArray(SPECIES, aHat, aOff + s * N + j)
                            .mul(LongVector.fromArray(SPECIES, zHat, s * N + j)));
                }
                mont(acc).intoArray(out, outOff + j);
            }
        }
    }

    /** 256-bit vectors: 4 coefficients per vector. */
    static final class W256 extends MlDsaVectorMath {
        private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_256;
        private static final int L = 4;

        W256() {
            super(L);
        }

        /** Montgomery reduction (see {@link MlDsaVectorMath}) lane-wise. */
        private static LongVector mont(LongVector p) {
            LongVector t = p.add(p.lanewise(LSHL, 13)).add(p.lanewise(LSHL, 26)).sub(p.lanewise(LSHL, 23));
            t = t.lanewise(LSHL, 32).lanewise(ASHR, 32);
            LongVector tq = t.lanewise(LSHL, 23).sub(t.lanewise(LSHL, 13)).add(t);
            return p.sub(tq).lanewise(ASHR, 32);
        }

        @Override
        void ntt(long[] w, int off) {
            for (int len = 128; len >= L; len >>= 1) {
                for (int start = 0, b = 128 / len; start < N; start += 2 * len, b++) {
                    long z = ZETAS_MONT[b];
                    for (int j = off + start; j < off + start + len; j += L) {
                        LongVector a = LongVector.fromArray(SPECIES, w, j);
                        LongVector t = mont(LongVector.fromArray(SPECIES, w, j + len).mul(z));
                        a.sub(t).intoArray(w, j + len);
                        a.add(t).intoArray(w, j);
                    }
                }
            }
            scalarNttLevels(w, off, L / 2);
        }

        @Override
        void invNtt(long[] w, int off) {
            scalarInvNttLevels(w, off, L / 2);
            for (int len = L; len < N; len <<= 1) {
                for (int start = 0, b = N / len - 1; start < N; start += 2 * len, b--) {
                    long z = -ZETAS_MONT[b];
                    for (int j = off + start; j < off + start + len; j += L) {
                        LongVector a = LongVector.fromArray(SPECIES, w, j);
                        LongVector c = LongVector.fromArray(SPECIES, w, j + len);
                        a.add(c).intoArray(w, j);
                        mont(a.sub(c).mul(z)).intoArray(w, j + len);
                    }
                }
            }
            for (int j = off; j < off + N; j += L) {
                LongVector x = mont(LongVector.fromArray(SPECIES, w, j).mul(INV_NTT_SCALE));
                // reduce: x - round(x / 2^23) q, then add q where negative (ASHR 63 is all ones there).
                LongVector t = x.add(1L << 22).lanewise(ASHR, 23);
                x = x.sub(t.lanewise(LSHL, 23).sub(t.lanewise(LSHL, 13)).add(t));
                x.add(x.lanewise(ASHR, 63).and((long) Q)).intoArray(w, j);
            }
        }

        @Override
        void highBits(long[] w, int count, boolean gamma88) {
            long add = gamma88 ? GAMMA2_88 - 1 : GAMMA2_32 - 1;
            long magic = gamma88 ? MAGIC_88 : MAGIC_32;
            long m = gamma88 ? 44 : 16;
            for (int j = 0; j < count; j += L) {
                LongVector r1 = LongVector.fromArray(SPECIES, w, j).add(add).mul(magic).lanewise(ASHR, 48);
                r1.blend(0L, r1.eq(m)).intoArray(w, j);
            }
        }

        @Override
        void rowProduct(long[] aHat, int aOff, long[] zHat, int l, long[] cHat, long[] t1Hat, int tOff, long[] out,
                int outOff) {
            for (int j = 0; j < N; j += L) {
                LongVector acc = LongVector.fromArray(SPECIES, cHat, j).mul(LongVector.fromArray(SPECIES, t1Hat, tOff + j))
                        .neg();
                for (int s = 0; s < l; s++) {
                    acc = acc.add(LongVector.fromArray(SPECIES, aHat, aOff + s * N + j)
                            .mul(LongVector.fromArray(SPECIES, zHat, s * N + j)));
                }
                mont(acc).intoArray(out, outOff + j);
            }
        }
    }

    /** 512-bit vectors: 8 coefficients per vector. */
    static final class W512 extends MlDsaVectorMath {
        private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_512;
        private static final int L = 8;

        W512() {
            super(L);
        }

        /** Montgomery reduction (see {@link MlDsaVectorMath}) lane-wise. */
        private static LongVector mont(LongVector p) {
            LongVector t = p.add(p.lanewise(LSHL, 13)).add(p.lanewise(LSHL, 26)).sub(p.lanewise(LSHL, 23));
            t = t.lanewise(LSHL, 32).lanewise(ASHR, 32);
            LongVector tq = t.lanewise(LSHL, 23).sub(t.lanewise(LSHL, 13)).add(t);
            return p.sub(tq).lanewise(ASHR, 32);
        }

        @Override
        void ntt(long[] w, int off) {
            for (int len = 128; len >= L; len >>= 1) {
                for (int start = 0, b = 128 / len; start < N; start += 2 * len, b++) {
                    long z = ZETAS_MONT[b];
                    for (int j = off + start; j < off + start + len; j += L) {
                        LongVector a = LongVector.fromArray(SPECIES, w, j);
                        LongVector t = mont(LongVector.fromArray(SPECIES, w, j + len).mul(z));
                        a.sub(t).intoArray(w, j + len);
                        a.add(t).intoArray(w, j);
                    }
                }
            }
            scalarNttLevels(w, off, L / 2);
        }

        @Override
        void invNtt(long[] w, int off) {
            scalarInvNttLevels(w, off, L / 2);
            for (int len = L; len < N; len <<= 1) {
                for (int start = 0, b = N / len - 1; start < N; start += 2 * len, b--) {
                    long z = -ZETAS_MONT[b];
                    for (int j = off + start; j < off + start + len; j += L) {
                        LongVector a = LongVector.fromArray(SPECIES, w, j);
                        LongVector c = LongVector.fromArray(SPECIES, w, j + len);
                        a.add(c).intoArray(w, j);
                        mont(a.sub(c).mul(z)).intoArray(w, j + len);
                    }
                }
            }
            for (int j = off; j < off + N; j += L) {
                LongVector x = mont(LongVector.fromArray(SPECIES, w, j).mul(INV_NTT_SCALE));
                // reduce: x - round(x / 2^23) q, then add q where negative (ASHR 63 is all ones there).
                LongVector t = x.add(1L << 22).lanewise(ASHR, 23);
                x = x.sub(t.lanewise(LSHL, 23).sub(t.lanewise(LSHL, 13)).add(t));
                x.add(x.lanewise(ASHR, 63).and((long) Q)).intoArray(w, j);
            }
        }

        @Override
        void highBits(long[] w, int count, boolean gamma88) {
            long add = gamma88 ? GAMMA2_88 - 1 : GAMMA2_32 - 1;
            long magic = gamma88 ? MAGIC_88 : MAGIC_32;
            long m = gamma88 ? 44 : 16;
            for (int j = 0; j < count; j += L) {
                LongVector r1 = LongVector.fromArray(SPECIES, w, j).add(add).mul(magic).lanewise(ASHR, 48);
                r1.blend(0L, r1.eq(m)).intoArray(w, j);
            }
        }

        @Override
        void rowProduct(long[] aHat, int aOff, long[] zHat, int l, long[] cHat, long[] t1Hat, int tOff, long[] out,
                int outOff) {
            for (int j = 0; j < N; j += L) {
                LongVector acc = LongVector.fromArray(SPECIES, cHat, j).mul(LongVector.fromArray(SPECIES, t1Hat, tOff + j))
                        .neg();
                for (int s = 0; s < l; s++) {
                    acc = acc.add(LongVector.fromArray(SPECIES, aHat, aOff + s * N + j)
                            .mul(LongVector.fromArray(SPECIES, zHat, s * N + j)));
                }
                mont(acc).intoArray(out, outOff + j);
            }
        }
    }
}
