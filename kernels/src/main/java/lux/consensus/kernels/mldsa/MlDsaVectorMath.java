package lux.consensus.kernels.mldsa;

import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.FMA;
import static lux.consensus.kernels.mldsa.MlDsaSpec.N;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The NTT, its inverse, the matrix-row product and HighBits of ML-DSA verification (FIPS 204 Algorithms 41, 42,
 * line 9 of Algorithm 8 and Algorithm 37) on {@code DoubleVector}s, one coefficient per lane, for
 * {@link SimdMlDsaVerifier}; the scalar reference is {@link MlDsaCore} (and {@link NttTables#reduce}).
 *
 * <p>Why doubles: the machines' vector units multiply doubles natively (and fuse multiply-add), while 64-bit
 * integer lane products are emulated where AVX-512 is missing. Every value here is an integer below 2^53 in
 * magnitude, so products and sums are exact and a residue mod q is x - rint(x / q) q ({@link NttTables}):
 * four instructions per vector, no Montgomery form. Bounds are stated per method.
 *
 * <p>Levels of the NTT whose butterflies are closer than a vector (len below the lane count) run inside each
 * vector: the lanes of both halves of every butterfly are gathered with two constant shuffles, and a table gives
 * each lane its own zeta (with the sign of its half). Like {@code KeccakVector}, one subclass per width with its
 * own constant species and its own copy of the (generated) kernels. Polynomials are {@code double[256]} at an
 * offset; results equal {@link MlDsaCore}'s mod q.
 *
 * <p>The reduction {@code x - rint(x q^-1) q} ({@link NttTables#reduce}) is written out where it is used, with
 * its constants as vectors: no method here takes or returns a vector. A vector crosses a call the JIT declines to
 * inline as a boxed object, and C2 declines by profile ("low call site frequency") or by budget
 * ("NodeCountInliningCutoff") differently from one JVM to the next: with a {@code reduce(DoubleVector)} helper,
 * the cold verification measured 42 us per signature in some fresh JVMs and 60-112 us in others. The level
 * kernels pass arrays, so they may be inlined or not at no cost.
 */
abstract sealed class MlDsaVectorMath permits MlDsaVectorMath.W128, MlDsaVectorMath.W256, MlDsaVectorMath.W512 {

    private static final double Q = MlDsaSpec.Q;
    private static final double QINV = NttTables.QINV;
    private static final double MAGIC = NttTables.MAGIC;

    private final int lanes;

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

    /** NTT (Algorithm 41) of w[off .. off + 256) for |w| < 2^28 in; out reduced, |w| <= (q + 1) / 2. */
    abstract void ntt(double[] w, int off);

    /** NTT^-1 (Algorithm 42) of w[off .. off + 256) for |w| <= (q + 1) / 2 in; out in [0, q). */
    abstract void invNtt(double[] w, int off);

    /**
     * One row of Algorithm 8 line 9 before the inverse NTT: out = sum_s aHat[s] zHat[s] - cHat t1Hat, reduced
     * (|out| <= (q + 1) / 2), with aHat[s] at {@code aOff + 256 s}, zHat[s] at {@code 256 s}, cHat at {@code cOff}, t1Hat at
     * {@code tOff}. Needs |aHat| < q (exact as floats) and zHat, cHat, t1Hat reduced: every partial sum stays below 2^49.
     */
    abstract void rowProduct(float[] aHat, int aOff, double[] zHat, int l, double[] cHat, int cOff, double[] t1Hat, int tOff,
            double[] out, int outOff);

    /**
     * HighBits (Algorithm 37: r1 of Decompose, Algorithm 36) in place for w[0 .. count), each in [0, q): UseHint
     * (Algorithm 40) where the hint is 0. r1 = floor((r + gamma2 - 1) / (2 gamma2)), 0 where that is m
     * (Decompose's case r - r0 = q - 1). The floor is rint(x / (2 gamma2) + delta - 1/2) with delta = 2^-20: the
     * true fraction of x / (2 gamma2) is 0 or within [1 / (2 gamma2), 1 - 1 / (2 gamma2)], 2 gamma2 < 2^19, and
     * the computed quotient is off by below 2^-40, so the rounding never lands on the wrong side.
     * {@code gamma88}: gamma2 = (q - 1) / 88, else (q - 1) / 32.
     */
    abstract void highBits(double[] w, int count, boolean gamma88);

    /**
     * The NTT's last level (len 1) in scalar code, reduced, for 128-bit vectors: the JIT does not compile
     * two-lane double shuffles to machine shuffles (a 100x slower fallback).
     */
    static void nttLevel1(double[] w, int off) {
        for (int j = off; j < off + N; j += 2) {
            double t = NttTables.reduce(w[j + 1] * NttTables.FORWARD_1[j - off]);
            double a = w[j];
            w[j] = NttTables.reduce(a + t);
            w[j + 1] = NttTables.reduce(a - t);
        }
    }

    /** The inverse NTT's first level (len 1) in scalar code, reduced, for 128-bit vectors (see {@link #nttLevel1}). */
    static void invNttLevel1(double[] w, int off) {
        for (int j = off; j < off + N; j += 2) {
            double a = w[j];
            double b = w[j + 1];
            w[j] = NttTables.reduce(a + b);
            w[j + 1] = NttTables.reduce((a - b) * NttTables.INVERSE_1[j + 1 - off]);
        }
    }

    /** 128-bit vectors: 2 coefficients per vector. */
    static final class W128 extends MlDsaVectorMath {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_128;
        /** A-hat's {@code float}s, as many as S has lanes. */
        private static final VectorSpecies<Float> A = FloatVector.SPECIES_64;
        private static final int L = 2;
        private static final DoubleVector QINV_V = DoubleVector.broadcast(S, QINV);
        private static final DoubleVector MAGIC_V = DoubleVector.broadcast(S, MAGIC);
        private static final DoubleVector MINUS_Q_V = DoubleVector.broadcast(S, -Q);

        W128() {
            super(L);
        }

        @Override
        void ntt(double[] w, int off) {
            for (int len = 128; len >= L; len >>= 1) {
                for (int start = 0, b = 128 / len; start < N; start += 2 * len, b++) {
                    DoubleVector z = DoubleVector.broadcast(S, NttTables.ZETAS[b]);
                    for (int j = off + start; j < off + start + len; j += L) {
                        DoubleVector a = DoubleVector.fromArray(S, w, j);
                        DoubleVector product = DoubleVector.fromArray(S, w, j + len).mul(z);
                        DoubleVector t = product.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                                .lanewise(FMA, MINUS_Q_V, product);
                        a.sub(t).intoArray(w, j + len);
                        a.add(t).intoArray(w, j);
                    }
                }
            }
            nttLevel1(w, off);
        }

        @Override
        void invNtt(double[] w, int off) {
            invNttLevel1(w, off);
            for (int len = L; len < N; len <<= 1) {
                for (int start = 0, b = N / len - 1; start < N; start += 2 * len, b--) {
                    DoubleVector z = DoubleVector.broadcast(S, -NttTables.ZETAS[b]);
                    for (int j = off + start; j < off + start + len; j += L) {
                        DoubleVector a = DoubleVector.fromArray(S, w, j);
                        DoubleVector c = DoubleVector.fromArray(S, w, j + len);
                        a.add(c).intoArray(w, j);
                        DoubleVector unreduced = a.sub(c).mul(z);
                        unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                                .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, j + len);
                    }
                }
            }
            for (int j = off; j < off + N; j += L) {
                // times f = 256^-1, then x - floor(x / q) q in [0, q) ({@link NttTables#freeze}); no lane masks,
                // which the JIT does not compile for 128-bit double vectors.
                DoubleVector x = DoubleVector.fromArray(S, w, j).mul(NttTables.INV_SCALE);
                DoubleVector t = x.lanewise(FMA, QINV, NttTables.FREEZE_BIAS).add(MAGIC).sub(MAGIC);
                t.lanewise(FMA, -Q, x).intoArray(w, j);
            }
        }

        @Override
        void rowProduct(float[] aHat, int aOff, double[] zHat, int l, double[] cHat, int cOff, double[] t1Hat, int tOff,
                double[] out, int outOff) {
            for (int j = 0; j < N; j += L) {
                DoubleVector acc = DoubleVector.fromArray(S, cHat, cOff + j).mul(DoubleVector.fromArray(S, t1Hat, tOff + j))
                        .neg();
                for (int s = 0; s < l; s++) {
                    DoubleVector a = (DoubleVector) FloatVector.fromArray(A, aHat, aOff + s * N + j)
                            .convertShape(F2D, S, 0);
                    acc = a.lanewise(FMA, DoubleVector.fromArray(S, zHat, s * N + j), acc);
                }
                acc.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, acc).intoArray(out, outOff + j);
            }
        }

        @Override
        void highBits(double[] w, int count, boolean gamma88) {
            double add = gamma88 ? NttTables.GAMMA2_88 - 1 : NttTables.GAMMA2_32 - 1;
            double inverse = gamma88 ? NttTables.INV_2GAMMA2_88 : NttTables.INV_2GAMMA2_32;
            double m = gamma88 ? 44 : 16;
            for (int j = 0; j < count; j += L) {
                DoubleVector x = DoubleVector.fromArray(S, w, j).add(add);
                DoubleVector r1 = x.lanewise(FMA, inverse, NttTables.FLOOR_BIAS).add(MAGIC).sub(MAGIC);
                // r1 in [0, m]; y + |y| is 2 where y = r1 - m + 1 = 1 (r1 = m) and 0 below: subtract m there.
                DoubleVector y = r1.add(1 - m);
                y.add(y.abs()).lanewise(FMA, -m / 2, r1).intoArray(w, j);
            }
        }
    }

    /** 256-bit vectors: 4 coefficients per vector. */
    static final class W256 extends MlDsaVectorMath {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
        /** A-hat's {@code float}s, as many as S has lanes. */
        private static final VectorSpecies<Float> A = FloatVector.SPECIES_128;
        private static final int L = 4;
        private static final DoubleVector QINV_V = DoubleVector.broadcast(S, QINV);
        private static final DoubleVector MAGIC_V = DoubleVector.broadcast(S, MAGIC);
        private static final DoubleVector MINUS_Q_V = DoubleVector.broadcast(S, -Q);
        private static final VectorShuffle<Double> LOW1 = VectorShuffle.fromValues(S, 0, 0, 2, 2);
        private static final VectorShuffle<Double> HIGH1 = VectorShuffle.fromValues(S, 1, 1, 3, 3);
        private static final VectorShuffle<Double> LOW2 = VectorShuffle.fromValues(S, 0, 1, 0, 1);
        private static final VectorShuffle<Double> HIGH2 = VectorShuffle.fromValues(S, 2, 3, 2, 3);

        W256() {
            super(L);
        }

        @Override
        void ntt(double[] w, int off) {
            for (int len = 128; len >= L; len >>= 1) {
                for (int start = 0, b = 128 / len; start < N; start += 2 * len, b++) {
                    DoubleVector z = DoubleVector.broadcast(S, NttTables.ZETAS[b]);
                    for (int j = off + start; j < off + start + len; j += L) {
                        DoubleVector a = DoubleVector.fromArray(S, w, j);
                        DoubleVector product = DoubleVector.fromArray(S, w, j + len).mul(z);
                        DoubleVector t = product.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                                .lanewise(FMA, MINUS_Q_V, product);
                        a.sub(t).intoArray(w, j + len);
                        a.add(t).intoArray(w, j);
                    }
                }
            }
            nttLen2(w, off);
            nttLen1(w, off);
        }

        /** NTT level len = 2 inside vectors: lane i gets a[i & ~2] + zeta_i a[i | 2] (zeta_i signed per half), reduced. */
        private static void nttLen2(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector product = v.rearrange(HIGH2).mul(DoubleVector.fromArray(S, NttTables.FORWARD_2, j));
                DoubleVector t = product.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V).lanewise(FMA, MINUS_Q_V, product);
                DoubleVector unreduced = v.rearrange(LOW2).add(t);
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        /** NTT level len = 1 inside vectors: lane i gets a[i & ~1] + zeta_i a[i | 1] (zeta_i signed per half), reduced. */
        private static void nttLen1(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector product = v.rearrange(HIGH1).mul(DoubleVector.fromArray(S, NttTables.FORWARD_1, j));
                DoubleVector t = product.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V).lanewise(FMA, MINUS_Q_V, product);
                DoubleVector unreduced = v.rearrange(LOW1).add(t);
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        @Override
        void invNtt(double[] w, int off) {
            invNttLen1(w, off);
            invNttLen2(w, off);
            for (int len = L; len < N; len <<= 1) {
                for (int start = 0, b = N / len - 1; start < N; start += 2 * len, b--) {
                    DoubleVector z = DoubleVector.broadcast(S, -NttTables.ZETAS[b]);
                    for (int j = off + start; j < off + start + len; j += L) {
                        DoubleVector a = DoubleVector.fromArray(S, w, j);
                        DoubleVector c = DoubleVector.fromArray(S, w, j + len);
                        a.add(c).intoArray(w, j);
                        DoubleVector unreduced = a.sub(c).mul(z);
                        unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                                .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, j + len);
                    }
                }
            }
            for (int j = off; j < off + N; j += L) {
                // times f = 256^-1, then x - floor(x / q) q in [0, q) ({@link NttTables#freeze}); no lane masks,
                // which the JIT does not compile for 128-bit double vectors.
                DoubleVector x = DoubleVector.fromArray(S, w, j).mul(NttTables.INV_SCALE);
                DoubleVector t = x.lanewise(FMA, QINV, NttTables.FREEZE_BIAS).add(MAGIC).sub(MAGIC);
                t.lanewise(FMA, -Q, x).intoArray(w, j);
            }
        }

        /** NTT^-1 level len = 1 inside vectors: lane i gets a[i & ~1] + a[i | 1] (lower half, reduced) or -zeta (a - b). */
        private static void invNttLen1(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector s = v.rearrange(HIGH1).lanewise(FMA, DoubleVector.fromArray(S, NttTables.SIGNS_1, j),
                        v.rearrange(LOW1));
                DoubleVector unreduced = s.mul(DoubleVector.fromArray(S, NttTables.INVERSE_1, j));
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        /** NTT^-1 level len = 2 inside vectors: lane i gets a[i & ~2] + a[i | 2] (lower half, reduced) or -zeta (a - b). */
        private static void invNttLen2(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector s = v.rearrange(HIGH2).lanewise(FMA, DoubleVector.fromArray(S, NttTables.SIGNS_2, j),
                        v.rearrange(LOW2));
                DoubleVector unreduced = s.mul(DoubleVector.fromArray(S, NttTables.INVERSE_2, j));
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        @Override
        void rowProduct(float[] aHat, int aOff, double[] zHat, int l, double[] cHat, int cOff, double[] t1Hat, int tOff,
                double[] out, int outOff) {
            for (int j = 0; j < N; j += L) {
                DoubleVector acc = DoubleVector.fromArray(S, cHat, cOff + j).mul(DoubleVector.fromArray(S, t1Hat, tOff + j))
                        .neg();
                for (int s = 0; s < l; s++) {
                    DoubleVector a = (DoubleVector) FloatVector.fromArray(A, aHat, aOff + s * N + j)
                            .convertShape(F2D, S, 0);
                    acc = a.lanewise(FMA, DoubleVector.fromArray(S, zHat, s * N + j), acc);
                }
                acc.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, acc).intoArray(out, outOff + j);
            }
        }

        @Override
        void highBits(double[] w, int count, boolean gamma88) {
            double add = gamma88 ? NttTables.GAMMA2_88 - 1 : NttTables.GAMMA2_32 - 1;
            double inverse = gamma88 ? NttTables.INV_2GAMMA2_88 : NttTables.INV_2GAMMA2_32;
            double m = gamma88 ? 44 : 16;
            for (int j = 0; j < count; j += L) {
                DoubleVector x = DoubleVector.fromArray(S, w, j).add(add);
                DoubleVector r1 = x.lanewise(FMA, inverse, NttTables.FLOOR_BIAS).add(MAGIC).sub(MAGIC);
                // r1 in [0, m]; y + |y| is 2 where y = r1 - m + 1 = 1 (r1 = m) and 0 below: subtract m there.
                DoubleVector y = r1.add(1 - m);
                y.add(y.abs()).lanewise(FMA, -m / 2, r1).intoArray(w, j);
            }
        }
    }

    /** 512-bit vectors: 8 coefficients per vector. */
    static final class W512 extends MlDsaVectorMath {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
        /** A-hat's {@code float}s, as many as S has lanes. */
        private static final VectorSpecies<Float> A = FloatVector.SPECIES_256;
        private static final int L = 8;
        private static final DoubleVector QINV_V = DoubleVector.broadcast(S, QINV);
        private static final DoubleVector MAGIC_V = DoubleVector.broadcast(S, MAGIC);
        private static final DoubleVector MINUS_Q_V = DoubleVector.broadcast(S, -Q);
        private static final VectorShuffle<Double> LOW1 = VectorShuffle.fromValues(S, 0, 0, 2, 2, 4, 4, 6, 6);
        private static final VectorShuffle<Double> HIGH1 = VectorShuffle.fromValues(S, 1, 1, 3, 3, 5, 5, 7, 7);
        private static final VectorShuffle<Double> LOW2 = VectorShuffle.fromValues(S, 0, 1, 0, 1, 4, 5, 4, 5);
        private static final VectorShuffle<Double> HIGH2 = VectorShuffle.fromValues(S, 2, 3, 2, 3, 6, 7, 6, 7);
        private static final VectorShuffle<Double> LOW4 = VectorShuffle.fromValues(S, 0, 1, 2, 3, 0, 1, 2, 3);
        private static final VectorShuffle<Double> HIGH4 = VectorShuffle.fromValues(S, 4, 5, 6, 7, 4, 5, 6, 7);

        W512() {
            super(L);
        }

        @Override
        void ntt(double[] w, int off) {
            for (int len = 128; len >= L; len >>= 1) {
                for (int start = 0, b = 128 / len; start < N; start += 2 * len, b++) {
                    DoubleVector z = DoubleVector.broadcast(S, NttTables.ZETAS[b]);
                    for (int j = off + start; j < off + start + len; j += L) {
                        DoubleVector a = DoubleVector.fromArray(S, w, j);
                        DoubleVector product = DoubleVector.fromArray(S, w, j + len).mul(z);
                        DoubleVector t = product.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                                .lanewise(FMA, MINUS_Q_V, product);
                        a.sub(t).intoArray(w, j + len);
                        a.add(t).intoArray(w, j);
                    }
                }
            }
            nttLen4(w, off);
            nttLen2(w, off);
            nttLen1(w, off);
        }

        /** NTT level len = 4 inside vectors: lane i gets a[i & ~4] + zeta_i a[i | 4] (zeta_i signed per half), reduced. */
        private static void nttLen4(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector product = v.rearrange(HIGH4).mul(DoubleVector.fromArray(S, NttTables.FORWARD_4, j));
                DoubleVector t = product.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V).lanewise(FMA, MINUS_Q_V, product);
                DoubleVector unreduced = v.rearrange(LOW4).add(t);
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        /** NTT level len = 2 inside vectors: lane i gets a[i & ~2] + zeta_i a[i | 2] (zeta_i signed per half), reduced. */
        private static void nttLen2(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector product = v.rearrange(HIGH2).mul(DoubleVector.fromArray(S, NttTables.FORWARD_2, j));
                DoubleVector t = product.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V).lanewise(FMA, MINUS_Q_V, product);
                DoubleVector unreduced = v.rearrange(LOW2).add(t);
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        /** NTT level len = 1 inside vectors: lane i gets a[i & ~1] + zeta_i a[i | 1] (zeta_i signed per half), reduced. */
        private static void nttLen1(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector product = v.rearrange(HIGH1).mul(DoubleVector.fromArray(S, NttTables.FORWARD_1, j));
                DoubleVector t = product.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V).lanewise(FMA, MINUS_Q_V, product);
                DoubleVector unreduced = v.rearrange(LOW1).add(t);
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        @Override
        void invNtt(double[] w, int off) {
            invNttLen1(w, off);
            invNttLen2(w, off);
            invNttLen4(w, off);
            for (int len = L; len < N; len <<= 1) {
                for (int start = 0, b = N / len - 1; start < N; start += 2 * len, b--) {
                    DoubleVector z = DoubleVector.broadcast(S, -NttTables.ZETAS[b]);
                    for (int j = off + start; j < off + start + len; j += L) {
                        DoubleVector a = DoubleVector.fromArray(S, w, j);
                        DoubleVector c = DoubleVector.fromArray(S, w, j + len);
                        a.add(c).intoArray(w, j);
                        DoubleVector unreduced = a.sub(c).mul(z);
                        unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                                .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, j + len);
                    }
                }
            }
            for (int j = off; j < off + N; j += L) {
                // times f = 256^-1, then x - floor(x / q) q in [0, q) ({@link NttTables#freeze}); no lane masks,
                // which the JIT does not compile for 128-bit double vectors.
                DoubleVector x = DoubleVector.fromArray(S, w, j).mul(NttTables.INV_SCALE);
                DoubleVector t = x.lanewise(FMA, QINV, NttTables.FREEZE_BIAS).add(MAGIC).sub(MAGIC);
                t.lanewise(FMA, -Q, x).intoArray(w, j);
            }
        }

        /** NTT^-1 level len = 1 inside vectors: lane i gets a[i & ~1] + a[i | 1] (lower half, reduced) or -zeta (a - b). */
        private static void invNttLen1(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector s = v.rearrange(HIGH1).lanewise(FMA, DoubleVector.fromArray(S, NttTables.SIGNS_1, j),
                        v.rearrange(LOW1));
                DoubleVector unreduced = s.mul(DoubleVector.fromArray(S, NttTables.INVERSE_1, j));
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        /** NTT^-1 level len = 2 inside vectors: lane i gets a[i & ~2] + a[i | 2] (lower half, reduced) or -zeta (a - b). */
        private static void invNttLen2(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector s = v.rearrange(HIGH2).lanewise(FMA, DoubleVector.fromArray(S, NttTables.SIGNS_2, j),
                        v.rearrange(LOW2));
                DoubleVector unreduced = s.mul(DoubleVector.fromArray(S, NttTables.INVERSE_2, j));
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        /** NTT^-1 level len = 4 inside vectors: lane i gets a[i & ~4] + a[i | 4] (lower half, reduced) or -zeta (a - b). */
        private static void invNttLen4(double[] w, int off) {
            for (int j = 0; j < N; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, w, off + j);
                DoubleVector s = v.rearrange(HIGH4).lanewise(FMA, DoubleVector.fromArray(S, NttTables.SIGNS_4, j),
                        v.rearrange(LOW4));
                DoubleVector unreduced = s.mul(DoubleVector.fromArray(S, NttTables.INVERSE_4, j));
                unreduced.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, unreduced).intoArray(w, off + j);
            }
        }

        @Override
        void rowProduct(float[] aHat, int aOff, double[] zHat, int l, double[] cHat, int cOff, double[] t1Hat, int tOff,
                double[] out, int outOff) {
            for (int j = 0; j < N; j += L) {
                DoubleVector acc = DoubleVector.fromArray(S, cHat, cOff + j).mul(DoubleVector.fromArray(S, t1Hat, tOff + j))
                        .neg();
                for (int s = 0; s < l; s++) {
                    DoubleVector a = (DoubleVector) FloatVector.fromArray(A, aHat, aOff + s * N + j)
                            .convertShape(F2D, S, 0);
                    acc = a.lanewise(FMA, DoubleVector.fromArray(S, zHat, s * N + j), acc);
                }
                acc.lanewise(FMA, QINV_V, MAGIC_V).sub(MAGIC_V)
                        .lanewise(FMA, MINUS_Q_V, acc).intoArray(out, outOff + j);
            }
        }

        @Override
        void highBits(double[] w, int count, boolean gamma88) {
            double add = gamma88 ? NttTables.GAMMA2_88 - 1 : NttTables.GAMMA2_32 - 1;
            double inverse = gamma88 ? NttTables.INV_2GAMMA2_88 : NttTables.INV_2GAMMA2_32;
            double m = gamma88 ? 44 : 16;
            for (int j = 0; j < count; j += L) {
                DoubleVector x = DoubleVector.fromArray(S, w, j).add(add);
                DoubleVector r1 = x.lanewise(FMA, inverse, NttTables.FLOOR_BIAS).add(MAGIC).sub(MAGIC);
                // r1 in [0, m]; y + |y| is 2 where y = r1 - m + 1 = 1 (r1 = m) and 0 below: subtract m there.
                DoubleVector y = r1.add(1 - m);
                y.add(y.abs()).lanewise(FMA, -m / 2, r1).intoArray(w, j);
            }
        }
    }
}
