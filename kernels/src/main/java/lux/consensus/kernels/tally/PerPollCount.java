package lux.consensus.kernels.tally;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vote counting for long polls (many vectors per poll) with few candidates: each vector of a poll is
 * loaded once and compared with up to {@value #GROUP} candidates, each bumping one byte counter per lane;
 * the lanes are summed once every {@value #BLOCK} vectors, before a byte counter could wrap. One read of
 * the votes per group of candidates keeps a poll far out of cache at memory speed, and no mask ever
 * leaves the vector unit.
 */
final class PerPollCount {

    /** Vectors per block: each lane gains at most 1 per vector, so a lane holds at most 255 = 0xFF. */
    static final int BLOCK = 255;
    /** Candidates counted in one pass over a poll (four counters stay in registers). */
    static final int GROUP = 4;

    private PerPollCount() {
    }

    /** Fills {@code counts[0 .. polls*candidates)}, overwriting it. */
    static void count(SimdWidth width, byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        for (int p = 0, base = 0, row = 0; p < polls; p++, base += votesPerPoll, row += candidates) {
            for (int c = 0; c < candidates; c += GROUP) {
                countGroup(width, votes, base, votesPerPoll, c, Math.min(GROUP, candidates - c), counts, row);
            }
        }
    }

    /** Counts candidates {@code [first, first + group)} in the poll at {@code votes[base ..]}. */
    private static void countGroup(SimdWidth width, byte[] votes, int base, int votesPerPoll, int first, int group,
            int[] counts, int row) {
        VectorSpecies<Byte> species = width.bytes();
        int lanes = species.length();
        int vectorEnd = species.loopBound(votesPerPoll);
        ByteVector zero = ByteVector.zero(species);
        ByteVector one = ByteVector.broadcast(species, (byte) 1);
        // Candidate indices are <= 254, so byte equality is unsigned equality. Slots past the group compare
        // with some byte value too; their sums are simply never stored. Each candidate is broadcast once
        // here (a compare with a scalar would broadcast it in the loop); the tail compares the bytes.
        byte c0 = (byte) first;
        byte c1 = (byte) (first + 1);
        byte c2 = (byte) (first + 2);
        byte c3 = (byte) (first + 3);
        ByteVector v0 = ByteVector.broadcast(species, c0);
        ByteVector v1 = ByteVector.broadcast(species, c1);
        ByteVector v2 = ByteVector.broadcast(species, c2);
        ByteVector v3 = ByteVector.broadcast(species, c3);
        int sum0 = 0;
        int sum1 = 0;
        int sum2 = 0;
        int sum3 = 0;
        int i = 0;
        while (i < vectorEnd) {
            int blockEnd = vectorEnd - i <= BLOCK * lanes ? vectorEnd : i + BLOCK * lanes;
            ByteVector n0 = zero;
            ByteVector n1 = zero;
            ByteVector n2 = zero;
            ByteVector n3 = zero;
            for (; i < blockEnd; i += lanes) {
                ByteVector v = ByteVector.fromArray(species, votes, base + i);
                // Adds 1 in the lanes equal to the candidate: one masked add where masks are registers
                // (AVX-512), a compare and a blend on AVX2 and NEON.
                n0 = n0.add(one, v.eq(v0));
                n1 = n1.add(one, v.eq(v1));
                n2 = n2.add(one, v.eq(v2));
                n3 = n3.add(one, v.eq(v3));
            }
            sum0 += unsignedSum(n0);
            sum1 += unsignedSum(n1);
            sum2 += unsignedSum(n2);
            sum3 += unsignedSum(n3);
        }
        for (; i < votesPerPoll; i++) { // scalar tail of the poll
            byte vote = votes[base + i];
            sum0 += vote == c0 ? 1 : 0;
            sum1 += vote == c1 ? 1 : 0;
            sum2 += vote == c2 ? 1 : 0;
            sum3 += vote == c3 ? 1 : 0;
        }
        counts[row + first] = sum0;
        if (group > 1) {
            counts[row + first + 1] = sum1;
        }
        if (group > 2) {
            counts[row + first + 2] = sum2;
        }
        if (group > 3) {
            counts[row + first + 3] = sum3;
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
