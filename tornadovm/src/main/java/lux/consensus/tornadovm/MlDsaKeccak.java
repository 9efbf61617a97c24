package lux.consensus.tornadovm;

import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * Keccak-f[1600] and the SHAKE sponge (FIPS 202) as code TornadoVM can compile into a kernel: static methods on
 * TornadoVM arrays, no objects. A thread's state is {@link #STATE} longs of a {@link LongArray} from {@code base},
 * lane x + 5 y first. The caller tracks the byte
 * position within the rate ({@code pos}); {@link #RATE_128} and {@link #RATE_256} are SHAKE128's and
 * SHAKE256's rates in bytes. The constants come in {@code rc} ({@link #constants()}).
 */
final class MlDsaKeccak {

    /** SHAKE128's rate in bytes. */
    static final int RATE_128 = 168;
    /** SHAKE256's rate in bytes. */
    static final int RATE_256 = 136;
    /** Longs of a thread's state: 25 lanes, then 5 column parities and 25 moved lanes for the round's steps. */
    static final int STATE = 55;
    private static final int PARITY = 25;
    private static final int MOVED = 30;
    /** Where {@link #constants()} keeps the rho offsets and the pi destinations. */
    static final int ROTATIONS = 24;
    static final int DESTINATIONS = 49;

    private MlDsaKeccak() {
    }

    /**
     * The constants the permutation takes ({@code rc} everywhere here): the 24 round constants (FIPS 202
     * Algorithm 6, from the LFSR of Algorithm 5), then from {@link #ROTATIONS} each lane's rho offset, from
     * {@link #DESTINATIONS} the lane pi moves it to. Lane (x, y) is x + 5 y; the offsets are (t + 1)(t + 2) / 2 mod 64
     * along the walk from (1, 0) by (x, y) -> (y, 2 x + 3 y) (Algorithm 2), and pi moves (x, y) to (y, 2 x + 3 y).
     */
    static long[] constants() {
        long[] kc = new long[DESTINATIONS + 25];
        int lfsr = 1; // the register of Algorithm 5, x^8 + x^6 + x^5 + x^4 + 1
        for (int round = 0; round < 24; round++) {
            for (int j = 0; j < 7; j++) {
                if ((lfsr & 1) != 0) {
                    kc[round] |= 1L << ((1 << j) - 1);
                }
                lfsr = (lfsr & 0x80) != 0 ? (lfsr << 1) ^ 0x171 : lfsr << 1;
            }
        }
        int x = 1;
        int y = 0;
        for (int t = 0; t < 24; t++) {
            kc[ROTATIONS + x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
            int nextY = (2 * x + 3 * y) % 5;
            x = y;
            y = nextY;
        }
        for (int i = 0; i < 25; i++) {
            int lx = i % 5;
            int ly = i / 5;
            kc[DESTINATIONS + i] = ly + 5 * ((2 * lx + 3 * ly) % 5);
        }
        return kc;
    }

    /** Zeroes a state's lanes. */
    static void clear(LongArray st, int base) {
        for (int i = 0; i < 25; i++) {
            st.set(base + i, 0L);
        }
    }

    /** Keccak-f[1600] on the state at {@code base}: 24 rounds. */
    static void permute(LongArray st, int base, LongArray rc) {
        for (int round = 0; round < 24; round++) {
            theta(st, base);
            rhoPi(st, base, rc);
            chi(st, base);
            st.set(base, st.get(base) ^ rc.get(round)); // iota
        }
    }

    // The round's steps are loops over the lanes, with the column parities at base + 25 .. 30 and the moved lanes
    // at base + 30 .. 55: TornadoVM inlines only methods below about 600 compiler nodes, and each state access
    // costs about a dozen, so unrolled code on 25 locals does not fit.

    /** Theta: each lane XORs the parities of the two neighbouring columns (one of them rotated by 1). */
    static void theta(LongArray st, int base) {
        for (int x = 0; x < 5; x++) {
            long c = 0;
            for (int y = 0; y < 5; y++) {
                c ^= st.get(base + x + 5 * y);
            }
            st.set(base + PARITY + x, c);
        }
        for (int x = 0; x < 5; x++) {
            long right = st.get(base + PARITY + (x + 1) % 5);
            long d = st.get(base + PARITY + (x + 4) % 5) ^ rotate(right, 1);
            for (int y = 0; y < 5; y++) {
                int lane = base + x + 5 * y;
                st.set(lane, st.get(lane) ^ d);
            }
        }
    }

    /**
     * Rho and pi: lane i rotated by {@code kc[ROTATIONS + i]} moves to {@code kc[DESTINATIONS + i]}
     * ({@link #constants()}). Tables, not the walk that defines them: loop variables that swap values are what a
     * kernel compiler gets wrong most easily.
     */
    static void rhoPi(LongArray st, int base, LongArray kc) {
        for (int i = 0; i < 25; i++) {
            int r = (int) kc.get(ROTATIONS + i);
            long v = st.get(base + i);
            long moved = r == 0 ? v : rotate(v, r);
            st.set(base + MOVED + (int) kc.get(DESTINATIONS + i), moved);
        }
    }

    /**
     * v rotated left by r, 0 < r < 64. Written with a masked arithmetic shift, not {@code >>>}: TornadoVM 5.2's OpenCL
     * code generator emits Java's {@code >>>} on a long as C's {@code >>} on a signed long, which copies the sign
     * bit in.
     */
    static long rotate(long v, int r) {
        return v << r | (v >> (64 - r)) & ~(-1L << r);
    }

    /** Chi: each lane XORs the AND of the next lane's complement and the one after, along its row. */
    static void chi(LongArray st, int base) {
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                long b1 = st.get(base + MOVED + (x + 1) % 5 + 5 * y);
                long b2 = st.get(base + MOVED + (x + 2) % 5 + 5 * y);
                st.set(base + x + 5 * y, st.get(base + MOVED + x + 5 * y) ^ (~b1 & b2));
            }
        }
    }

    /** XORs byte {@code value} in at {@code pos}; permutes when the rate is full. Returns the new position. */
    static int absorbByte(LongArray st, int base, int pos, int value, int rate, LongArray rc) {
        int lane = base + (pos >> 3);
        st.set(lane, st.get(lane) ^ ((long) (value & 0xFF) << ((pos & 7) << 3)));
        if (pos + 1 == rate) {
            permute(st, base, rc);
            return 0;
        }
        return pos + 1;
    }

    /** Absorbs {@code bytes[from .. from + length)}; returns the new position. */
    static int absorb(LongArray st, int base, int pos, ByteArray bytes, int from, int length, int rate, LongArray rc) {
        int p = pos;
        for (int i = 0; i < length; i++) {
            p = absorbByte(st, base, p, bytes.get(from + i), rate, rc);
        }
        return p;
    }

    /** SHAKE's padding (domain bits 1111, then pad10*1) and the permutation: the state is ready to squeeze at 0. */
    static void finish(LongArray st, int base, int pos, int rate, LongArray rc) {
        int lane = base + (pos >> 3);
        st.set(lane, st.get(lane) ^ (0x1FL << ((pos & 7) << 3)));
        int last = base + ((rate - 1) >> 3);
        st.set(last, st.get(last) ^ (0x80L << (((rate - 1) & 7) << 3)));
        permute(st, base, rc);
    }

    /** The output byte at {@code pos} of the squeezed state (the caller permutes when pos reaches the rate). */
    static int byteAt(LongArray st, int base, int pos) {
        return (int) (st.get(base + (pos >> 3)) >> ((pos & 7) << 3)) & 0xFF; // masked: no >>> needed (see rotate)
    }
}
