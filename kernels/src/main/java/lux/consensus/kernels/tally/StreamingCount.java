package lux.consensus.kernels.tally;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vote counting for short polls (k = 21 and the like): streams over the flat vote array in whole
 * vectors, so no lane is wasted when a vector spans the end of one poll and the start of the next.
 *
 * <p>For each vector it takes the lanes that hold a real candidate as a bit set (lane i = bit i), then
 * repeatedly picks the candidate of the lowest pending lane, finds all lanes equal to it with one
 * vector compare, and adds the population count of those bits, cut at poll boundaries, to each poll the
 * vector overlaps. The work per vector is one compare per distinct candidate present in it (often one
 * or two). A vector holding many different candidates costs more than the scalar loop, which is why
 * {@link SimdVoteTally#countPath} sends batches with many candidates to the scalar loop instead.
 */
final class StreamingCount {

    private StreamingCount() {
    }

    /**
     * Fills {@code counts[0 .. polls*candidates)}, which must be zero on entry.
     * Requires {@code votesPerPoll >= 1} and {@code candidates >= 1}.
     */
    static void count(SimdWidth width, byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        VectorSpecies<Byte> species = width.bytes();
        int lanes = species.length();
        int total = polls * votesPerPoll;
        int vectorEnd = species.loopBound(total);
        // Unsigned compare by flipping the sign bit: for bytes a, b read unsigned, a < b exactly when
        // (a ^ 0x80) < (b ^ 0x80) read signed. (The Vector API's own unsigned compare is UNSIGNED_LT in
        // JDK 21 and ULT in JDK 25, so no one name links on both.) So "flipped lane < flipped candidates"
        // keeps exactly the lanes naming a candidate, and never NO_VOTE, since 0xFF = 255 >= candidates.
        byte flippedLimit = (byte) (candidates ^ 0x80);
        int poll = 0;                // first poll that overlaps the current vector
        int pollEnd = votesPerPoll;  // flat index just past that poll
        for (int i = 0; i < vectorEnd; i += lanes) {
            while (pollEnd <= i) {
                poll++;
                pollEnd += votesPerPoll;
            }
            ByteVector v = ByteVector.fromArray(species, votes, i);
            // toLong(): bit j is set iff lane j satisfies the comparison (at most 64 lanes, so it fits).
            long pending = v.lanewise(VectorOperators.XOR, (byte) 0x80).compare(VectorOperators.LT, flippedLimit)
                    .toLong();
            while (pending != 0) {
                // numberOfTrailingZeros(pending) is the lowest pending lane; its vote names the next candidate.
                int candidate = votes[i + Long.numberOfTrailingZeros(pending)] & 0xFF;
                long hits = v.eq((byte) candidate).toLong();
                pending &= ~hits; // these lanes are now counted
                spread(hits, lanes, pollEnd - i, votesPerPoll, counts, poll * candidates + candidate, candidates);
            }
        }
        for (int i = vectorEnd; i < total; i++) { // scalar tail: the last partial vector
            while (pollEnd <= i) {
                poll++;
                pollEnd += votesPerPoll;
            }
            int candidate = votes[i] & 0xFF; // unsigned candidate index
            if (candidate < candidates) {
                counts[poll * candidates + candidate]++;
            }
        }
    }

    /**
     * Adds the set bits of {@code hits} to the polls a vector overlaps. The first poll covers lanes
     * {@code [0, firstEnd)}, each next one {@code votesPerPoll} more lanes; {@code firstEnd >= 1}.
     */
    private static void spread(long hits, int lanes, int firstEnd, int votesPerPoll, int[] counts, int row,
            int candidates) {
        int lo = 0;
        int end = firstEnd;
        while (true) {
            int hi = Math.min(end, lanes);
            // Lanes [lo, hi) as a bit mask: (-1L >>> (64 - hi)) keeps the low hi bits and (-1L << lo) drops
            // the low lo bits. Here 1 <= hi <= 64 and 0 <= lo < 64, so neither shift count reaches 64,
            // where Java would take it mod 64 (a shift by 64 is a shift by 0).
            long range = (-1L >>> (64 - hi)) & (-1L << lo);
            counts[row] += Long.bitCount(hits & range);
            if (hi == lanes) {
                return;
            }
            lo = hi;
            end += votesPerPoll;
            row += candidates;
        }
    }
}
