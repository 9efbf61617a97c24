package lux.consensus.kernels.tally;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vote counting for long polls (many vectors per poll) with few candidates: vector compares bump one byte
 * counter per lane and candidate, and the lanes are summed once every {@value #BLOCK} vectors, before a
 * byte counter could wrap; no mask ever leaves the vector unit. A poll that fits in cache
 * ({@value #CACHED_POLL_BYTES} bytes or less) is read once per candidate, a tight loop with one counter;
 * a larger poll is read once per {@value #GROUP} candidates, so that memory is streamed as few times as
 * possible (measured on AVX2: the single-counter loop is about 1.4x faster in cache, the grouped one 1.8x
 * faster out of cache).
 */
final class PerPollCount {

    /** Vectors per block: each lane gains at most 1 per vector, so a lane holds at most 255 = 0xFF. */
    static final int BLOCK = 255;
    /** Candidates counted in one pass over a poll too large for the cache (three counters in registers). */
    static final int GROUP = 3;
    /** Largest poll counted one candidate per pass: well inside a 512 KiB L2 cache. */
    static final int CACHED_POLL_BYTES = 256 * 1024;

    private PerPollCount() {
    }

    /** Fills {@code counts[0 .. polls*candidates)}, overwriting it. */
    static void count(SimdWidth width, byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        int group = votesPerPoll <= CACHED_POLL_BYTES && !masksInRegisters(width) ? 1 : GROUP;
        count(width, votes, polls, votesPerPoll, candidates, counts, group);
    }

    /** Counts {@code group} (1 to {@value #GROUP}) candidates per pass over a poll. Package-private for tests. */
    static void count(SimdWidth width, byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts,
            int group) {
        for (int p = 0, base = 0, row = 0; p < polls; p++, base += votesPerPoll, row += candidates) {
            for (int c = 0; c < candidates; c += group) {
                if (group == 1) {
                    counts[row + c] = countOne(width, votes, base, votesPerPoll, c);
                } else {
                    countGroup(width, votes, base, votesPerPoll, c, Math.min(group, candidates - c), counts, row);
                }
            }
        }
    }

    /** The votes for candidate {@code candidate} in the poll at {@code votes[base ..]}. */
    private static int countOne(SimdWidth width, byte[] votes, int base, int votesPerPoll, int candidate) {
        VectorSpecies<Byte> species = width.bytes();
        int lanes = species.length();
        int vectorEnd = species.loopBound(votesPerPoll);
        ByteVector zero = ByteVector.zero(species);
        byte value = (byte) candidate; // candidate <= 254, so byte equality is unsigned equality
        ByteVector broadcast = ByteVector.broadcast(species, value);
        int count = 0;
        int i = 0;
        while (i < vectorEnd) {
            int blockEnd = vectorEnd - i <= BLOCK * lanes ? vectorEnd : i + BLOCK * lanes;
            ByteVector hits = zero;
            for (; i < blockEnd; i += lanes) {
                ByteVector v = ByteVector.fromArray(species, votes, base + i);
                // A true mask lane as a vector lane is -1 (all ones), so subtracting it adds 1.
                hits = hits.sub((ByteVector) v.eq(broadcast).toVector());
            }
            count += unsignedSum(hits);
        }
        for (; i < votesPerPoll; i++) { // scalar tail of the poll
            count += votes[base + i] == value ? 1 : 0;
        }
        return count;
    }

    /** Counts candidates {@code [first, first + group)} in the poll at {@code votes[base ..]}. */
    private static void countGroup(SimdWidth width, byte[] votes, int base, int votesPerPoll, int first, int group,
            int[] counts, int row) {
        VectorSpecies<Byte> species = width.bytes();
        int lanes = species.length();
        int vectorEnd = species.loopBound(votesPerPoll);
        ByteVector zero = ByteVector.zero(species);
        // Candidate indices are <= 254, so byte equality is unsigned equality. Slots past the group compare
        // with some byte value too; their sums are simply never stored. Each candidate is broadcast once
        // here (a compare with a scalar would broadcast it in the loop); the tail compares the bytes. The
        // counters subtract the compare results as vectors (-1 per hit): faster here than a masked add.
        byte c0 = (byte) first;
        byte c1 = (byte) (first + 1);
        byte c2 = (byte) (first + 2);
        ByteVector v0 = ByteVector.broadcast(species, c0);
        ByteVector v1 = ByteVector.broadcast(species, c1);
        ByteVector v2 = ByteVector.broadcast(species, c2);
        ByteVector one = ByteVector.broadcast(species, (byte) 1);
        int sum0 = 0;
        int sum1 = 0;
        int sum2 = 0;
        int i = 0;
        while (i < vectorEnd) {
            int blockEnd = vectorEnd - i <= BLOCK * lanes ? vectorEnd : i + BLOCK * lanes;
            ByteVector n0 = zero;
            ByteVector n1 = zero;
            ByteVector n2 = zero;
            if (masksInRegisters(width)) {
                for (; i < blockEnd; i += lanes) {
                    ByteVector v = ByteVector.fromArray(species, votes, base + i);
                    n0 = n0.add(one, v.eq(v0));
                    n1 = n1.add(one, v.eq(v1));
                    n2 = n2.add(one, v.eq(v2));
                }
            } else {
                for (; i < blockEnd; i += lanes) {
                    ByteVector v = ByteVector.fromArray(species, votes, base + i);
                    // A true mask lane as a vector lane is -1 (all ones), so subtracting it adds 1.
                    n0 = n0.sub((ByteVector) v.eq(v0).toVector());
                    n1 = n1.sub((ByteVector) v.eq(v1).toVector());
                    n2 = n2.sub((ByteVector) v.eq(v2).toVector());
                }
            }
            sum0 += unsignedSum(n0);
            sum1 += unsignedSum(n1);
            sum2 += unsignedSum(n2);
        }
        for (; i < votesPerPoll; i++) { // scalar tail of the poll
            byte vote = votes[base + i];
            sum0 += vote == c0 ? 1 : 0;
            sum1 += vote == c1 ? 1 : 0;
            sum2 += vote == c2 ? 1 : 0;
        }
        counts[row + first] = sum0;
        if (group > 1) {
            counts[row + first + 1] = sum1;
        }
        if (group > 2) {
            counts[row + first + 2] = sum2;
        }
    }

    /** Whether a masked add is one instruction: 512-bit vectors, where masks live in AVX-512's mask registers. */
    private static boolean masksInRegisters(SimdWidth width) {
        return width.bytes().vectorBitSize() == 512;
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
