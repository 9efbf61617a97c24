package lux.consensus.kernels.keccak;

import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;
import static lux.consensus.kernels.keccak.Keccak.RC;
import static lux.consensus.kernels.keccak.Keccak.ROUNDS;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Keccak-f[1600] on {@link #states()} independent states at once, one state per {@code LongVector} lane: the
 * same round as {@link Keccak#permute}, with each of the 25 lanes of FIPS 202 held as one vector whose lane s
 * belongs to state s.
 *
 * <p>Layout: the states live in one {@code long[25 * N]}, FIPS 202 lane i of state s at {@code [i * N + s]},
 * so lane i of all states is one contiguous vector load.
 *
 * <p>One subclass per width, each with its own {@code static final} species and its own copy of the
 * (generated) round body: the Vector API compiles to machine vectors only where the species is a constant,
 * and the round is too big to be inlined into a shared generic method. The chi step uses
 * {@code c.lanewise(AND_NOT, b)}, which is {@code c & ~b} (the {@code VectorOperators.AND_NOT} javadoc), and
 * rotations are {@code ROL} (VPROLQ on AVX-512, shifts and OR elsewhere).
 * Nothing here loads before a SIMD backend is built.
 */
public abstract sealed class KeccakVector permits KeccakVector.W128, KeccakVector.W256, KeccakVector.W512 {

    private final int states;

    KeccakVector(int states) {
        this.states = states;
    }

    /** How many states one call permutes (the species' long lanes). */
    public final int states() {
        return states;
    }

    /** Applies Keccak-f[1600] to each of the {@link #states()} states in {@code state[0 .. 25 N)}. */
    public abstract void permute(long[] state);

    /**
     * The permutation for a vector width.
     *
     * @param bits 128, 256 or 512
     * @throws UnsupportedOperationException for another width
     */
    public static KeccakVector of(int bits) {
        return switch (bits) {
            case 128 -> new W128();
            case 256 -> new W256();
            case 512 -> new W512();
            default -> throw new UnsupportedOperationException(
                    "Keccak lanes support vector widths of 128, 256 or 512 bits, got " + bits);
        };
    }

    /** 128-bit vectors: 2 states. */
    static final class W128 extends KeccakVector {
        private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_128;
        private static final int L = 2;

        W128() {
            super(L);
        }

        @Override
        public void permute(long[] state) {
            LongVector a0 = LongVector.fromArray(SPECIES, state, 0 * L);
            LongVector a1 = LongVector.fromArray(SPECIES, state, 1 * L);
            LongVector a2 = LongVector.fromArray(SPECIES, state, 2 * L);
            LongVector a3 = LongVector.fromArray(SPECIES, state, 3 * L);
            LongVector a4 = LongVector.fromArray(SPECIES, state, 4 * L);
            LongVector a5 = LongVector.fromArray(SPECIES, state, 5 * L);
            LongVector a6 = LongVector.fromArray(SPECIES, state, 6 * L);
            LongVector a7 = LongVector.fromArray(SPECIES, state, 7 * L);
            LongVector a8 = LongVector.fromArray(SPECIES, state, 8 * L);
            LongVector a9 = LongVector.fromArray(SPECIES, state, 9 * L);
            LongVector a10 = LongVector.fromArray(SPECIES, state, 10 * L);
            LongVector a11 = LongVector.fromArray(SPECIES, state, 11 * L);
            LongVector a12 = LongVector.fromArray(SPECIES, state, 12 * L);
            LongVector a13 = LongVector.fromArray(SPECIES, state, 13 * L);
            LongVector a14 = LongVector.fromArray(SPECIES, state, 14 * L);
            LongVector a15 = LongVector.fromArray(SPECIES, state, 15 * L);
            LongVector a16 = LongVector.fromArray(SPECIES, state, 16 * L);
            LongVector a17 = LongVector.fromArray(SPECIES, state, 17 * L);
            LongVector a18 = LongVector.fromArray(SPECIES, state, 18 * L);
            LongVector a19 = LongVector.fromArray(SPECIES, state, 19 * L);
            LongVector a20 = LongVector.fromArray(SPECIES, state, 20 * L);
            LongVector a21 = LongVector.fromArray(SPECIES, state, 21 * L);
            LongVector a22 = LongVector.fromArray(SPECIES, state, 22 * L);
            LongVector a23 = LongVector.fromArray(SPECIES, state, 23 * L);
            LongVector a24 = LongVector.fromArray(SPECIES, state, 24 * L);
            for (int round = 0; round < ROUNDS; round++) {
                LongVector c0 = a0.lanewise(XOR, a5).lanewise(XOR, a10).lanewise(XOR, a15).lanewise(XOR, a20);
                LongVector c1 = a1.lanewise(XOR, a6).lanewise(XOR, a11).lanewise(XOR, a16).lanewise(XOR, a21);
                LongVector c2 = a2.lanewise(XOR, a7).lanewise(XOR, a12).lanewise(XOR, a17).lanewise(XOR, a22);
                LongVector c3 = a3.lanewise(XOR, a8).lanewise(XOR, a13).lanewise(XOR, a18).lanewise(XOR, a23);
                LongVector c4 = a4.lanewise(XOR, a9).lanewise(XOR, a14).lanewise(XOR, a19).lanewise(XOR, a24);
                LongVector d0 = c4.lanewise(XOR, c1.lanewise(ROL, 1));
                LongVector d1 = c0.lanewise(XOR, c2.lanewise(ROL, 1));
                LongVector d2 = c1.lanewise(XOR, c3.lanewise(ROL, 1));
                LongVector d3 = c2.lanewise(XOR, c4.lanewise(ROL, 1));
                LongVector d4 = c3.lanewise(XOR, c0.lanewise(ROL, 1));
                LongVector b0 = a0.lanewise(XOR, d0);
                LongVector b16 = a5.lanewise(XOR, d0).lanewise(ROL, 36);
                LongVector b7 = a10.lanewise(XOR, d0).lanewise(ROL, 3);
                LongVector b23 = a15.lanewise(XOR, d0).lanewise(ROL, 41);
                LongVector b14 = a20.lanewise(XOR, d0).lanewise(ROL, 18);
                LongVector b10 = a1.lanewise(XOR, d1).lanewise(ROL, 1);
                LongVector b1 = a6.lanewise(XOR, d1).lanewise(ROL, 44);
                LongVector b17 = a11.lanewise(XOR, d1).lanewise(ROL, 10);
                LongVector b8 = a16.lanewise(XOR, d1).lanewise(ROL, 45);
                LongVector b24 = a21.lanewise(XOR, d1).lanewise(ROL, 2);
                LongVector b20 = a2.lanewise(XOR, d2).lanewise(ROL, 62);
                LongVector b11 = a7.lanewise(XOR, d2).lanewise(ROL, 6);
                LongVector b2 = a12.lanewise(XOR, d2).lanewise(ROL, 43);
                LongVector b18 = a17.lanewise(XOR, d2).lanewise(ROL, 15);
                LongVector b9 = a22.lanewise(XOR, d2).lanewise(ROL, 61);
                LongVector b5 = a3.lanewise(XOR, d3).lanewise(ROL, 28);
                LongVector b21 = a8.lanewise(XOR, d3).lanewise(ROL, 55);
                LongVector b12 = a13.lanewise(XOR, d3).lanewise(ROL, 25);
                LongVector b3 = a18.lanewise(XOR, d3).lanewise(ROL, 21);
                LongVector b19 = a23.lanewise(XOR, d3).lanewise(ROL, 56);
                LongVector b15 = a4.lanewise(XOR, d4).lanewise(ROL, 27);
                LongVector b6 = a9.lanewise(XOR, d4).lanewise(ROL, 20);
                LongVector b22 = a14.lanewise(XOR, d4).lanewise(ROL, 39);
                LongVector b13 = a19.lanewise(XOR, d4).lanewise(ROL, 8);
                LongVector b4 = a24.lanewise(XOR, d4).lanewise(ROL, 14);
                a0 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1)).lanewise(XOR, RC[round]);
                a1 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
                a2 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
                a3 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
                a4 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
                a5 = b5.lanewise(XOR, b7.lanewise(AND_NOT, b6));
                a6 = b6.lanewise(XOR, b8.lanewise(AND_NOT, b7));
                a7 = b7.lanewise(XOR, b9.lanewise(AND_NOT, b8));
                a8 = b8.lanewise(XOR, b5.lanewise(AND_NOT, b9));
                a9 = b9.lanewise(XOR, b6.lanewise(AND_NOT, b5));
                a10 = b10.lanewise(XOR, b12.lanewise(AND_NOT, b11));
                a11 = b11.lanewise(XOR, b13.lanewise(AND_NOT, b12));
                a12 = b12.lanewise(XOR, b14.lanewise(AND_NOT, b13));
                a13 = b13.lanewise(XOR, b10.lanewise(AND_NOT, b14));
                a14 = b14.lanewise(XOR, b11.lanewise(AND_NOT, b10));
                a15 = b15.lanewise(XOR, b17.lanewise(AND_NOT, b16));
                a16 = b16.lanewise(XOR, b18.lanewise(AND_NOT, b17));
                a17 = b17.lanewise(XOR, b19.lanewise(AND_NOT, b18));
                a18 = b18.lanewise(XOR, b15.lanewise(AND_NOT, b19));
                a19 = b19.lanewise(XOR, b16.lanewise(AND_NOT, b15));
                a20 = b20.lanewise(XOR, b22.lanewise(AND_NOT, b21));
                a21 = b21.lanewise(XOR, b23.lanewise(AND_NOT, b22));
                a22 = b22.lanewise(XOR, b24.lanewise(AND_NOT, b23));
                a23 = b23.lanewise(XOR, b20.lanewise(AND_NOT, b24));
                a24 = b24.lanewise(XOR, b21.lanewise(AND_NOT, b20));
            }
            a0.intoArray(state, 0 * L);
            a1.intoArray(state, 1 * L);
            a2.intoArray(state, 2 * L);
            a3.intoArray(state, 3 * L);
            a4.intoArray(state, 4 * L);
            a5.intoArray(state, 5 * L);
            a6.intoArray(state, 6 * L);
            a7.intoArray(state, 7 * L);
            a8.intoArray(state, 8 * L);
            a9.intoArray(state, 9 * L);
            a10.intoArray(state, 10 * L);
            a11.intoArray(state, 11 * L);
            a12.intoArray(state, 12 * L);
            a13.intoArray(state, 13 * L);
            a14.intoArray(state, 14 * L);
            a15.intoArray(state, 15 * L);
            a16.intoArray(state, 16 * L);
            a17.intoArray(state, 17 * L);
            a18.intoArray(state, 18 * L);
            a19.intoArray(state, 19 * L);
            a20.intoArray(state, 20 * L);
            a21.intoArray(state, 21 * L);
            a22.intoArray(state, 22 * L);
            a23.intoArray(state, 23 * L);
            a24.intoArray(state, 24 * L);
        }
    }

    /** 256-bit vectors: 4 states. */
    static final class W256 extends KeccakVector {
        private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_256;
        private static final int L = 4;

        W256() {
            super(L);
        }

        @Override
        public void permute(long[] state) {
            LongVector a0 = LongVector.fromArray(SPECIES, state, 0 * L);
            LongVector a1 = LongVector.fromArray(SPECIES, state, 1 * L);
            LongVector a2 = LongVector.fromArray(SPECIES, state, 2 * L);
            LongVector a3 = LongVector.fromArray(SPECIES, state, 3 * L);
            LongVector a4 = LongVector.fromArray(SPECIES, state, 4 * L);
            LongVector a5 = LongVector.fromArray(SPECIES, state, 5 * L);
            LongVector a6 = LongVector.fromArray(SPECIES, state, 6 * L);
            LongVector a7 = LongVector.fromArray(SPECIES, state, 7 * L);
            LongVector a8 = LongVector.fromArray(SPECIES, state, 8 * L);
            LongVector a9 = LongVector.fromArray(SPECIES, state, 9 * L);
            LongVector a10 = LongVector.fromArray(SPECIES, state, 10 * L);
            LongVector a11 = LongVector.fromArray(SPECIES, state, 11 * L);
            LongVector a12 = LongVector.fromArray(SPECIES, state, 12 * L);
            LongVector a13 = LongVector.fromArray(SPECIES, state, 13 * L);
            LongVector a14 = LongVector.fromArray(SPECIES, state, 14 * L);
            LongVector a15 = LongVector.fromArray(SPECIES, state, 15 * L);
            LongVector a16 = LongVector.fromArray(SPECIES, state, 16 * L);
            LongVector a17 = LongVector.fromArray(SPECIES, state, 17 * L);
            LongVector a18 = LongVector.fromArray(SPECIES, state, 18 * L);
            LongVector a19 = LongVector.fromArray(SPECIES, state, 19 * L);
            LongVector a20 = LongVector.fromArray(SPECIES, state, 20 * L);
            LongVector a21 = LongVector.fromArray(SPECIES, state, 21 * L);
            LongVector a22 = LongVector.fromArray(SPECIES, state, 22 * L);
            LongVector a23 = LongVector.fromArray(SPECIES, state, 23 * L);
            LongVector a24 = LongVector.fromArray(SPECIES, state, 24 * L);
            for (int round = 0; round < ROUNDS; round++) {
                LongVector c0 = a0.lanewise(XOR, a5).lanewise(XOR, a10).lanewise(XOR, a15).lanewise(XOR, a20);
                LongVector c1 = a1.lanewise(XOR, a6).lanewise(XOR, a11).lanewise(XOR, a16).lanewise(XOR, a21);
                LongVector c2 = a2.lanewise(XOR, a7).lanewise(XOR, a12).lanewise(XOR, a17).lanewise(XOR, a22);
                LongVector c3 = a3.lanewise(XOR, a8).lanewise(XOR, a13).lanewise(XOR, a18).lanewise(XOR, a23);
                LongVector c4 = a4.lanewise(XOR, a9).lanewise(XOR, a14).lanewise(XOR, a19).lanewise(XOR, a24);
                LongVector d0 = c4.lanewise(XOR, c1.lanewise(ROL, 1));
                LongVector d1 = c0.lanewise(XOR, c2.lanewise(ROL, 1));
                LongVector d2 = c1.lanewise(XOR, c3.lanewise(ROL, 1));
                LongVector d3 = c2.lanewise(XOR, c4.lanewise(ROL, 1));
                LongVector d4 = c3.lanewise(XOR, c0.lanewise(ROL, 1));
                LongVector b0 = a0.lanewise(XOR, d0);
                LongVector b16 = a5.lanewise(XOR, d0).lanewise(ROL, 36);
                LongVector b7 = a10.lanewise(XOR, d0).lanewise(ROL, 3);
                LongVector b23 = a15.lanewise(XOR, d0).lanewise(ROL, 41);
                LongVector b14 = a20.lanewise(XOR, d0).lanewise(ROL, 18);
                LongVector b10 = a1.lanewise(XOR, d1).lanewise(ROL, 1);
                LongVector b1 = a6.lanewise(XOR, d1).lanewise(ROL, 44);
                LongVector b17 = a11.lanewise(XOR, d1).lanewise(ROL, 10);
                LongVector b8 = a16.lanewise(XOR, d1).lanewise(ROL, 45);
                LongVector b24 = a21.lanewise(XOR, d1).lanewise(ROL, 2);
                LongVector b20 = a2.lanewise(XOR, d2).lanewise(ROL, 62);
                LongVector b11 = a7.lanewise(XOR, d2).lanewise(ROL, 6);
                LongVector b2 = a12.lanewise(XOR, d2).lanewise(ROL, 43);
                LongVector b18 = a17.lanewise(XOR, d2).lanewise(ROL, 15);
                LongVector b9 = a22.lanewise(XOR, d2).lanewise(ROL, 61);
                LongVector b5 = a3.lanewise(XOR, d3).lanewise(ROL, 28);
                LongVector b21 = a8.lanewise(XOR, d3).lanewise(ROL, 55);
                LongVector b12 = a13.lanewise(XOR, d3).lanewise(ROL, 25);
                LongVector b3 = a18.lanewise(XOR, d3).lanewise(ROL, 21);
                LongVector b19 = a23.lanewise(XOR, d3).lanewise(ROL, 56);
                LongVector b15 = a4.lanewise(XOR, d4).lanewise(ROL, 27);
                LongVector b6 = a9.lanewise(XOR, d4).lanewise(ROL, 20);
                LongVector b22 = a14.lanewise(XOR, d4).lanewise(ROL, 39);
                LongVector b13 = a19.lanewise(XOR, d4).lanewise(ROL, 8);
                LongVector b4 = a24.lanewise(XOR, d4).lanewise(ROL, 14);
                a0 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1)).lanewise(XOR, RC[round]);
                a1 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
                a2 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
                a3 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
                a4 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
                a5 = b5.lanewise(XOR, b7.lanewise(AND_NOT, b6));
                a6 = b6.lanewise(XOR, b8.lanewise(AND_NOT, b7));
                a7 = b7.lanewise(XOR, b9.lanewise(AND_NOT, b8));
                a8 = b8.lanewise(XOR, b5.lanewise(AND_NOT, b9));
                a9 = b9.lanewise(XOR, b6.lanewise(AND_NOT, b5));
                a10 = b10.lanewise(XOR, b12.lanewise(AND_NOT, b11));
                a11 = b11.lanewise(XOR, b13.lanewise(AND_NOT, b12));
                a12 = b12.lanewise(XOR, b14.lanewise(AND_NOT, b13));
                a13 = b13.lanewise(XOR, b10.lanewise(AND_NOT, b14));
                a14 = b14.lanewise(XOR, b11.lanewise(AND_NOT, b10));
                a15 = b15.lanewise(XOR, b17.lanewise(AND_NOT, b16));
                a16 = b16.lanewise(XOR, b18.lanewise(AND_NOT, b17));
                a17 = b17.lanewise(XOR, b19.lanewise(AND_NOT, b18));
                a18 = b18.lanewise(XOR, b15.lanewise(AND_NOT, b19));
                a19 = b19.lanewise(XOR, b16.lanewise(AND_NOT, b15));
                a20 = b20.lanewise(XOR, b22.lanewise(AND_NOT, b21));
                a21 = b21.lanewise(XOR, b23.lanewise(AND_NOT, b22));
                a22 = b22.lanewise(XOR, b24.lanewise(AND_NOT, b23));
                a23 = b23.lanewise(XOR, b20.lanewise(AND_NOT, b24));
                a24 = b24.lanewise(XOR, b21.lanewise(AND_NOT, b20));
            }
            a0.intoArray(state, 0 * L);
            a1.intoArray(state, 1 * L);
            a2.intoArray(state, 2 * L);
            a3.intoArray(state, 3 * L);
            a4.intoArray(state, 4 * L);
            a5.intoArray(state, 5 * L);
            a6.intoArray(state, 6 * L);
            a7.intoArray(state, 7 * L);
            a8.intoArray(state, 8 * L);
            a9.intoArray(state, 9 * L);
            a10.intoArray(state, 10 * L);
            a11.intoArray(state, 11 * L);
            a12.intoArray(state, 12 * L);
            a13.intoArray(state, 13 * L);
            a14.intoArray(state, 14 * L);
            a15.intoArray(state, 15 * L);
            a16.intoArray(state, 16 * L);
            a17.intoArray(state, 17 * L);
            a18.intoArray(state, 18 * L);
            a19.intoArray(state, 19 * L);
            a20.intoArray(state, 20 * L);
            a21.intoArray(state, 21 * L);
            a22.intoArray(state, 22 * L);
            a23.intoArray(state, 23 * L);
            a24.intoArray(state, 24 * L);
        }
    }

    /** 512-bit vectors: 8 states. */
    static final class W512 extends KeccakVector {
        private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_512;
        private static final int L = 8;

        W512() {
            super(L);
        }

        @Override
        public void permute(long[] state) {
            LongVector a0 = LongVector.fromArray(SPECIES, state, 0 * L);
            LongVector a1 = LongVector.fromArray(SPECIES, state, 1 * L);
            LongVector a2 = LongVector.fromArray(SPECIES, state, 2 * L);
            LongVector a3 = LongVector.fromArray(SPECIES, state, 3 * L);
            LongVector a4 = LongVector.fromArray(SPECIES, state, 4 * L);
            LongVector a5 = LongVector.fromArray(SPECIES, state, 5 * L);
            LongVector a6 = LongVector.fromArray(SPECIES, state, 6 * L);
            LongVector a7 = LongVector.fromArray(SPECIES, state, 7 * L);
            LongVector a8 = LongVector.fromArray(SPECIES, state, 8 * L);
            LongVector a9 = LongVector.fromArray(SPECIES, state, 9 * L);
            LongVector a10 = LongVector.fromArray(SPECIES, state, 10 * L);
            LongVector a11 = LongVector.fromArray(SPECIES, state, 11 * L);
            LongVector a12 = LongVector.fromArray(SPECIES, state, 12 * L);
            LongVector a13 = LongVector.fromArray(SPECIES, state, 13 * L);
            LongVector a14 = LongVector.fromArray(SPECIES, state, 14 * L);
            LongVector a15 = LongVector.fromArray(SPECIES, state, 15 * L);
            LongVector a16 = LongVector.fromArray(SPECIES, state, 16 * L);
            LongVector a17 = LongVector.fromArray(SPECIES, state, 17 * L);
            LongVector a18 = LongVector.fromArray(SPECIES, state, 18 * L);
            LongVector a19 = LongVector.fromArray(SPECIES, state, 19 * L);
            LongVector a20 = LongVector.fromArray(SPECIES, state, 20 * L);
            LongVector a21 = LongVector.fromArray(SPECIES, state, 21 * L);
            LongVector a22 = LongVector.fromArray(SPECIES, state, 22 * L);
            LongVector a23 = LongVector.fromArray(SPECIES, state, 23 * L);
            LongVector a24 = LongVector.fromArray(SPECIES, state, 24 * L);
            for (int round = 0; round < ROUNDS; round++) {
                LongVector c0 = a0.lanewise(XOR, a5).lanewise(XOR, a10).lanewise(XOR, a15).lanewise(XOR, a20);
                LongVector c1 = a1.lanewise(XOR, a6).lanewise(XOR, a11).lanewise(XOR, a16).lanewise(XOR, a21);
                LongVector c2 = a2.lanewise(XOR, a7).lanewise(XOR, a12).lanewise(XOR, a17).lanewise(XOR, a22);
                LongVector c3 = a3.lanewise(XOR, a8).lanewise(XOR, a13).lanewise(XOR, a18).lanewise(XOR, a23);
                LongVector c4 = a4.lanewise(XOR, a9).lanewise(XOR, a14).lanewise(XOR, a19).lanewise(XOR, a24);
                LongVector d0 = c4.lanewise(XOR, c1.lanewise(ROL, 1));
                LongVector d1 = c0.lanewise(XOR, c2.lanewise(ROL, 1));
                LongVector d2 = c1.lanewise(XOR, c3.lanewise(ROL, 1));
                LongVector d3 = c2.lanewise(XOR, c4.lanewise(ROL, 1));
                LongVector d4 = c3.lanewise(XOR, c0.lanewise(ROL, 1));
                LongVector b0 = a0.lanewise(XOR, d0);
                LongVector b16 = a5.lanewise(XOR, d0).lanewise(ROL, 36);
                LongVector b7 = a10.lanewise(XOR, d0).lanewise(ROL, 3);
                LongVector b23 = a15.lanewise(XOR, d0).lanewise(ROL, 41);
                LongVector b14 = a20.lanewise(XOR, d0).lanewise(ROL, 18);
                LongVector b10 = a1.lanewise(XOR, d1).lanewise(ROL, 1);
                LongVector b1 = a6.lanewise(XOR, d1).lanewise(ROL, 44);
                LongVector b17 = a11.lanewise(XOR, d1).lanewise(ROL, 10);
                LongVector b8 = a16.lanewise(XOR, d1).lanewise(ROL, 45);
                LongVector b24 = a21.lanewise(XOR, d1).lanewise(ROL, 2);
                LongVector b20 = a2.lanewise(XOR, d2).lanewise(ROL, 62);
                LongVector b11 = a7.lanewise(XOR, d2).lanewise(ROL, 6);
                LongVector b2 = a12.lanewise(XOR, d2).lanewise(ROL, 43);
                LongVector b18 = a17.lanewise(XOR, d2).lanewise(ROL, 15);
                LongVector b9 = a22.lanewise(XOR, d2).lanewise(ROL, 61);
                LongVector b5 = a3.lanewise(XOR, d3).lanewise(ROL, 28);
                LongVector b21 = a8.lanewise(XOR, d3).lanewise(ROL, 55);
                LongVector b12 = a13.lanewise(XOR, d3).lanewise(ROL, 25);
                LongVector b3 = a18.lanewise(XOR, d3).lanewise(ROL, 21);
                LongVector b19 = a23.lanewise(XOR, d3).lanewise(ROL, 56);
                LongVector b15 = a4.lanewise(XOR, d4).lanewise(ROL, 27);
                LongVector b6 = a9.lanewise(XOR, d4).lanewise(ROL, 20);
                LongVector b22 = a14.lanewise(XOR, d4).lanewise(ROL, 39);
                LongVector b13 = a19.lanewise(XOR, d4).lanewise(ROL, 8);
                LongVector b4 = a24.lanewise(XOR, d4).lanewise(ROL, 14);
                a0 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1)).lanewise(XOR, RC[round]);
                a1 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
                a2 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
                a3 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
                a4 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
                a5 = b5.lanewise(XOR, b7.lanewise(AND_NOT, b6));
                a6 = b6.lanewise(XOR, b8.lanewise(AND_NOT, b7));
                a7 = b7.lanewise(XOR, b9.lanewise(AND_NOT, b8));
                a8 = b8.lanewise(XOR, b5.lanewise(AND_NOT, b9));
                a9 = b9.lanewise(XOR, b6.lanewise(AND_NOT, b5));
                a10 = b10.lanewise(XOR, b12.lanewise(AND_NOT, b11));
                a11 = b11.lanewise(XOR, b13.lanewise(AND_NOT, b12));
                a12 = b12.lanewise(XOR, b14.lanewise(AND_NOT, b13));
                a13 = b13.lanewise(XOR, b10.lanewise(AND_NOT, b14));
                a14 = b14.lanewise(XOR, b11.lanewise(AND_NOT, b10));
                a15 = b15.lanewise(XOR, b17.lanewise(AND_NOT, b16));
                a16 = b16.lanewise(XOR, b18.lanewise(AND_NOT, b17));
                a17 = b17.lanewise(XOR, b19.lanewise(AND_NOT, b18));
                a18 = b18.lanewise(XOR, b15.lanewise(AND_NOT, b19));
                a19 = b19.lanewise(XOR, b16.lanewise(AND_NOT, b15));
                a20 = b20.lanewise(XOR, b22.lanewise(AND_NOT, b21));
                a21 = b21.lanewise(XOR, b23.lanewise(AND_NOT, b22));
                a22 = b22.lanewise(XOR, b24.lanewise(AND_NOT, b23));
                a23 = b23.lanewise(XOR, b20.lanewise(AND_NOT, b24));
                a24 = b24.lanewise(XOR, b21.lanewise(AND_NOT, b20));
            }
            a0.intoArray(state, 0 * L);
            a1.intoArray(state, 1 * L);
            a2.intoArray(state, 2 * L);
            a3.intoArray(state, 3 * L);
            a4.intoArray(state, 4 * L);
            a5.intoArray(state, 5 * L);
            a6.intoArray(state, 6 * L);
            a7.intoArray(state, 7 * L);
            a8.intoArray(state, 8 * L);
            a9.intoArray(state, 9 * L);
            a10.intoArray(state, 10 * L);
            a11.intoArray(state, 11 * L);
            a12.intoArray(state, 12 * L);
            a13.intoArray(state, 13 * L);
            a14.intoArray(state, 14 * L);
            a15.intoArray(state, 15 * L);
            a16.intoArray(state, 16 * L);
            a17.intoArray(state, 17 * L);
            a18.intoArray(state, 18 * L);
            a19.intoArray(state, 19 * L);
            a20.intoArray(state, 20 * L);
            a21.intoArray(state, 21 * L);
            a22.intoArray(state, 22 * L);
            a23.intoArray(state, 23 * L);
            a24.intoArray(state, 24 * L);
        }
    }
}
