package lux.consensus.snow;

import lux.consensus.Id;

/**
 * Bit helpers: comparisons of two ids over a range of bits (numbered as {@link Id#bit(int)} numbers them),
 * and the check that a binary choice is 0 or 1.
 */
final class Bits {
    private Bits() {}

    /**
     * The lowest bit index in {@code [from, to)} at which {@code a} and {@code b} differ, or -1 if they agree
     * on the whole range (an empty range included). Requires {@code 0 <= from} and {@code to <= 256}.
     */
    static int firstDifference(int from, int to, Id a, Id b) {
        if (from >= to || a == b) {
            return -1;
        }
        int last = to - 1;
        int firstByte = from >>> 3;
        int lastByte = last >>> 3;
        for (int w = firstByte >>> 3; w <= lastByte >>> 3; w++) {
            long x = a.word(w) ^ b.word(w);
            if (x == 0) {
                continue; // eight equal bytes at once
            }
            for (int i = Math.max(firstByte, 8 * w); i <= Math.min(lastByte, 8 * w + 7); i++) {
                int diff = (int) (x >>> (56 - 8 * (i & 7))) & 0xFF; // byte i, the most significant byte first
                if (i == firstByte) {
                    diff &= 0xFF << (from & 7); // drop bits below 'from'
                }
                if (i == lastByte) {
                    diff &= (2 << (last & 7)) - 1; // drop bits above 'last'
                }
                if (diff != 0) {
                    // bit k of byte i is bit 8*i + k; the lowest set bit of the xor is the first difference
                    return (i << 3) + Integer.numberOfTrailingZeros(diff);
                }
            }
        }
        return -1;
    }

    /** Whether {@code a} and {@code b} agree on every bit in {@code [from, to)}. */
    static boolean equalRange(int from, int to, Id a, Id b) {
        return firstDifference(from, to, a, b) < 0;
    }

    /** Throws unless {@code choice} is 0 or 1. */
    static int checkChoice(int choice) {
        if ((choice & ~1) != 0) {
            throw new IllegalArgumentException("a binary choice must be 0 or 1, got " + choice);
        }
        return choice;
    }
}
