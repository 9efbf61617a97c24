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
        for (int w = from >>> 6, last = (to - 1) >>> 6; w <= last; w++) {
            long x = (a.word(w) ^ b.word(w)) & atOrAbove(from - 64 * w) & ~atOrAbove(to - 64 * w);
            if (x != 0) {
                // The lowest differing index is in the word's most significant nonzero byte (bytes are big-endian
                // in a word), at that byte's lowest set bit.
                int byteInWord = Long.numberOfLeadingZeros(x) >>> 3;
                int diff = (int) (x >>> (56 - 8 * byteInWord)) & 0xFF;
                return 64 * w + 8 * byteInWord + Integer.numberOfTrailingZeros(diff);
            }
        }
        return -1;
    }

    /**
     * The bits of an id's word ({@link Id#word}) whose index within the word, numbered as {@link Id#bit} numbers
     * them, is {@code i} or more: every bit for {@code i <= 0}, none for {@code i >= 64}. Byte {@code j} of the
     * word sits at shift {@code 56 - 8j}; the bytes after byte {@code i / 8} sit below it.
     */
    private static long atOrAbove(int i) {
        if (i <= 0) {
            return -1L;
        }
        if (i >= 64) {
            return 0L;
        }
        int shift = 56 - 8 * (i >>> 3);
        long partByte = (0xFFL << (i & 7)) & 0xFF;
        return (partByte << shift) | ((1L << shift) - 1);
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
