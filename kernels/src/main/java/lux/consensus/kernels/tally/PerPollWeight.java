package lux.consensus.kernels.tally;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weighted counting for long polls with few candidates: for each poll and candidate, the votes are
 * compared a byte vector at a time, and the resulting bits select weights from long vectors (eight long
 * vectors per byte vector, since a long is eight bytes), which are summed lane-wise.
 * Sums wrap like {@code long} addition, which is associative, so the order of the adds changes nothing.
 */
final class PerPollWeight {

    /** j at index j, for up to 8 long lanes (512 bits). */
    private static final long[] LANE_INDEX = {0, 1, 2, 3, 4, 5, 6, 7};

    private PerPollWeight() {
    }

    /** Fills {@code counts[0 .. polls*candidates)}, overwriting it. */
    static void weigh(SimdWidth width, byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates,
            long[] counts) {
        VectorSpecies<Byte> bytes = width.bytes();
        VectorSpecies<Long> longs = width.longs();
        int lanes = bytes.length();
        int longLanes = longs.length();
        // Lane j of laneIndex holds j, the bit of a bit set that lane j stands for.
        LongVector laneIndex = LongVector.fromArray(longs, LANE_INDEX, 0);
        int vectorEnd = bytes.loopBound(votesPerPoll);
        LongVector zero = LongVector.zero(longs);
        for (int p = 0, base = 0, row = 0; p < polls; p++, base += votesPerPoll, row += candidates) {
            for (int c = 0; c < candidates; c++) {
                byte value = (byte) c; // c <= 254, so byte equality is unsigned equality
                LongVector sums = zero;
                int i = 0;
                for (; i < vectorEnd; i += lanes) {
                    // Bit j of hits is set iff vote base+i+j equals c.
                    long hits = ByteVector.fromArray(bytes, votes, base + i).eq(value).toLong();
                    for (int j = 0; j < lanes; j += longLanes) {
                        // Turn bits j .. j+longLanes-1 of hits into lane masks without VectorMask (masked long
                        // ops are not compiled to vector code for every shape, e.g. 2 long lanes on AVX2):
                        // broadcast hits >>> j, shift lane l right by l and keep bit 0, so lane l holds bit
                        // j+l of hits as 0 or 1; negating gives 0 or -1 (all ones), and AND-ing that with the
                        // weights keeps exactly the weights of matching votes.
                        LongVector select = LongVector.broadcast(longs, hits >>> j)
                                .lanewise(VectorOperators.LSHR, laneIndex).and(1L).neg();
                        sums = sums.add(LongVector.fromArray(longs, weights, base + i + j).and(select));
                    }
                }
                long sum = sums.reduceLanes(VectorOperators.ADD);
                for (; i < votesPerPoll; i++) { // scalar tail of the poll
                    if (votes[base + i] == value) {
                        sum += weights[base + i];
                    }
                }
                counts[row + c] = sum;
            }
        }
    }
}
