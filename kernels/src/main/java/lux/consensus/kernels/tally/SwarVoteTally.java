package lux.consensus.kernels.tally;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The fastest plain-Java tally we could write, and the baseline the SIMD kernels are judged against: no Vector
 * API, eight votes per {@code long} (SWAR, SIMD within a register). For each candidate, the vote bytes equal to it
 * are marked with the exact zero-byte test of Bit Twiddling Hacks ("Determine if a word has a zero byte",
 * https://graphics.stanford.edu/~seander/bithacks.html#ZeroInWord): {@code ~(((x & 0x7F..) + 0x7F..) | x | 0x7F..)}
 * has the high bit of exactly the zero bytes of {@code x} set, and {@code x} is the word XOR the candidate
 * repeated in every byte. Rows count the marks with {@link Long#bitCount}; columns (one poll per byte lane) add
 * them lane by lane. Above {@value #SWAR_CANDIDATES} candidates, where a test per candidate costs more than it
 * saves, four interleaved histograms count instead, so that equal consecutive votes do not wait on each other's
 * increments. Weighted tallies use the reference loop.
 */
public final class SwarVoteTally implements VoteTally {
    /** Most candidates counted by SWAR tests; more use interleaved histograms. */
    static final int SWAR_CANDIDATES = 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long ONES = 0x0101_0101_0101_0101L;
    /** Byte-lane counters hold at most 255: columns flush them at least this often. */
    private static final int LANE_LIMIT = 255;

    /** Creates the SWAR backend; it has no state. */
    public SwarVoteTally() {
    }

    @Override
    public void tally(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        for (int p = 0; p < polls; p++) {
            int from = p * votesPerPoll;
            if (candidates <= SWAR_CANDIDATES) {
                countSwar(votes, from, from + votesPerPoll, candidates, counts, p * candidates);
            } else {
                countInterleaved(votes, from, from + votesPerPoll, candidates, counts, p * candidates);
            }
        }
    }

    /** High bit set in each byte of {@code x} that is zero, and only there. */
    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    private static void countSwar(byte[] votes, int from, int to, int candidates, int[] counts, int at) {
        for (int c = 0; c < candidates; c++) {
            long pattern = ONES * c;
            long n = 0;
            int i = from;
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                n += Long.bitCount(zeroBytes((long) LONGS.get(votes, i) ^ pattern));
            }
            for (; i < to; i++) {
                n += (votes[i] & 0xFF) == c ? 1 : 0;
            }
            counts[at + c] = (int) n;
        }
    }

    private static void countInterleaved(byte[] votes, int from, int to, int candidates, int[] counts, int at) {
        int[] h = new int[4 * 256]; // four histograms over every byte value; 255 (and any >= candidates) is dropped below
        int i = from;
        for (; i + 4 <= to; i += 4) {
            h[votes[i] & 0xFF]++;
            h[256 + (votes[i + 1] & 0xFF)]++;
            h[512 + (votes[i + 2] & 0xFF)]++;
            h[768 + (votes[i + 3] & 0xFF)]++;
        }
        for (; i < to; i++) {
            h[votes[i] & 0xFF]++;
        }
        for (int c = 0; c < candidates; c++) {
            counts[at + c] = h[c] + h[256 + c] + h[512 + c] + h[768 + c];
        }
    }

    @Override
    public void tallyWeighted(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates, long[] counts) {
        TallyArguments.check(votes, weights, polls, votesPerPoll, candidates, counts);
        ScalarVoteTally.weigh(votes, weights, polls, votesPerPoll, candidates, counts);
    }

    /**
     * Eight polls at a time, one per byte lane: for each candidate, a lane gains 1 where that poll's vote names it;
     * lanes are unpacked into the counts every {@value #LANE_LIMIT} rows and at the end.
     */
    @Override
    public void tallyColumns(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        if (candidates > SWAR_CANDIDATES) {
            ScalarVoteTally.countColumns(votes, 0, polls, polls, votesPerPoll, candidates, counts);
            return;
        }
        int whole = polls - polls % Long.BYTES;
        for (int c = 0; c < candidates; c++) {
            Arrays.fill(counts, c * polls, c * polls + whole, 0);
        }
        long[] lanes = new long[candidates];
        for (int p = 0; p < whole; p += Long.BYTES) {
            for (int first = 0; first < votesPerPoll; first += LANE_LIMIT) {
                Arrays.fill(lanes, 0);
                for (int s = first, end = Math.min(votesPerPoll, first + LANE_LIMIT); s < end; s++) {
                    long word = (long) LONGS.get(votes, s * polls + p);
                    for (int c = 0; c < candidates; c++) {
                        lanes[c] += zeroBytes(word ^ (ONES * c)) >>> 7;
                    }
                }
                for (int c = 0; c < candidates; c++) {
                    for (int b = 0; b < Long.BYTES; b++) {
                        counts[c * polls + p + b] += (int) (lanes[c] >>> (8 * b)) & 0xFF;
                    }
                }
            }
        }
        ScalarVoteTally.countColumns(votes, whole, polls, polls, votesPerPoll, candidates, counts);
    }

    @Override
    public String name() {
        return "swar";
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public String toString() {
        return "SwarVoteTally";
    }
}
