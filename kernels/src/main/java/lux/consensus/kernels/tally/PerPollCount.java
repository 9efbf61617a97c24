package lux.consensus.kernels.tally;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vote counting for long polls (many vectors per poll) with few candidates: for each poll and
 * candidate, one byte counter per lane is bumped by a vector compare, and the lanes are summed once
 * every {@value #BLOCK} vectors, before a byte counter could wrap. No mask ever leaves the vector unit.
 */
final class PerPollCount {

    /** Vectors per block: each lane gains at most 1 per vector, so a lane holds at most 255 = 0xFF. */
    static final int BLOCK = 255;

    private PerPollCount() {
    }

    /** Fills {@code counts[0 .. polls*candidates)}, overwriting it. */
    static void count(SimdWidth width, byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        VectorSpecies<Byte> species = width.bytes();
        int lanes = species.length();
        int vectorEnd = species.loopBound(votesPerPoll);
        ByteVector zero = ByteVector.zero(species);
        for (int p = 0, base = 0, row = 0; p < polls; p++, base += votesPerPoll, row += candidates) {
            for (int c = 0; c < candidates; c++) {
                byte value = (byte) c; // c <= 254, so byte equality is unsigned equality
                int count = 0;
                int i = 0;
                while (i < vectorEnd) {
                    int blockEnd = vectorEnd - i <= BLOCK * lanes ? vectorEnd : i + BLOCK * lanes;
                    ByteVector lanesHit = zero;
                    for (; i < blockEnd; i += lanes) {
                        ByteVector v = ByteVector.fromArray(species, votes, base + i);
                        // A true mask lane as a vector lane is -1 (all ones), so subtracting it adds 1.
                        lanesHit = lanesHit.sub((ByteVector) v.eq(value).toVector());
                    }
                    count += unsignedSum(lanesHit);
                }
                for (; i < votesPerPoll; i++) { // scalar tail of the poll
                    if (votes[base + i] == value) {
                        count++;
                    }
                }
                counts[row + c] = count;
            }
        }
    }

    /** Sum of all lanes read as unsigned bytes (each 0..255). */
    private static int unsignedSum(ByteVector counters) {
        // View each pair of byte lanes as one short lane s. (s & 0xFF) + ((s >>> 8) & 0xFF) is the sum of
        // the two unsigned bytes (at most 510, whichever byte order the pair has). Summing at most 32 such
        // shorts gives at most 32 * 510 = 16320, which fits a short, so the reduction cannot wrap.
        ShortVector s = counters.reinterpretAsShorts();
        ShortVector pairs = s.and((short) 0xFF).add(s.lanewise(VectorOperators.LSHR, 8).and((short) 0xFF));
        return pairs.reduceLanes(VectorOperators.ADD);
    }
}
