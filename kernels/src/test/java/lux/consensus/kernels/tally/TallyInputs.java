package lux.consensus.kernels.tally;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random and boundary inputs for the tally tests, and the shapes they are tried on. */
final class TallyInputs {

    /** Poll counts to try. */
    static final int[] POLLS = {0, 1, 2, 3, 7, 13, 100, 1000};
    /** Votes per poll: 0, tiny, every lane width (16, 32, 64, 128 bytes) -1/+1, k = 21, long, prime. */
    static final int[] VOTES_PER_POLL = {0, 1, 2, 3, 15, 16, 17, 21, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 4099};
    /** Candidate counts: none, few (the usual case), many, the largest. */
    static final int[] CANDIDATES = {0, 1, 2, 3, 17, 254, 255};

    /** Value in counts after the prefix a tally may write; it must survive the call. */
    static final int SENTINEL = 0x5EE_D5EED;
    /** Same for weighted counts. */
    static final long LONG_SENTINEL = 0x5EED_5EED_5EED_5EEDL;
    /** Extra entries past the prefix in every counts array. */
    static final int SLACK = 5;

    /** How the vote bytes are filled. */
    enum Fill { MIXED, ALL_FIRST, ALL_LAST, ALL_NO_VOTE, ALL_254 }

    /** How the weights are drawn. */
    enum Weights { SMALL, HUGE, WRAPPING }

    private TallyInputs() {
    }

    /**
     * {@code length} vote bytes (plus a few bytes past the end that must be ignored). MIXED draws 70% a
     * real candidate, 15% NO_VOTE and 15% a byte naming no candidate ({@code >= candidates}).
     */
    static byte[] votes(SplittableRandom random, int length, int candidates, Fill fill) {
        byte[] votes = new byte[length + 3];
        for (int i = 0; i < votes.length; i++) {
            votes[i] = switch (fill) {
                case MIXED -> mixedVote(random, candidates);
                case ALL_FIRST -> 0;
                case ALL_LAST -> (byte) Math.max(candidates - 1, 0);
                case ALL_NO_VOTE -> VoteTally.NO_VOTE;
                case ALL_254 -> (byte) 254;
            };
        }
        for (int i = length; i < votes.length; i++) {
            votes[i] = 0; // past the batch: candidate 0, which must not be counted
        }
        return votes;
    }

    /**
     * The column layout of {@code rows} (vote {@code i} of poll {@code p} at {@code [p*perPoll + i]} moves to
     * {@code [i*polls + p]}), plus the same 3 trailing bytes of candidate 0 that must be ignored.
     */
    static byte[] columns(byte[] rows, int polls, int perPoll) {
        byte[] columns = new byte[polls * perPoll + 3];
        for (int p = 0; p < polls; p++) {
            for (int i = 0; i < perPoll; i++) {
                columns[i * polls + p] = rows[p * perPoll + i];
            }
        }
        return columns;
    }

    /** The column layout of counts made by {@code tally} ({@code [p*candidates + c]} to {@code [c*polls + p]}), sentinels kept. */
    static int[] columns(int[] counts, int polls, int candidates) {
        int[] columns = counts(polls, candidates);
        for (int p = 0; p < polls; p++) {
            for (int c = 0; c < candidates; c++) {
                columns[c * polls + p] = counts[p * candidates + c];
            }
        }
        return columns;
    }

    private static byte mixedVote(SplittableRandom random, int candidates) {
        int roll = random.nextInt(100);
        if (roll < 70 && candidates > 0) {
            return (byte) random.nextInt(candidates);
        }
        if (roll < 85 || candidates >= 255) {
            return VoteTally.NO_VOTE;
        }
        return (byte) random.nextInt(candidates, 256); // names no candidate
    }

    /** {@code length} weights, drawn per {@code kind}; HUGE ones sum to just under Long.MAX_VALUE per poll. */
    static long[] weights(SplittableRandom random, int length, int votesPerPoll, Weights kind) {
        long[] weights = new long[length + 3];
        long hugeBound = Long.MAX_VALUE / Math.max(votesPerPoll, 1);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = switch (kind) {
                case SMALL -> random.nextLong(1_000_000);
                case HUGE -> hugeBound - random.nextLong(1_000);
                case WRAPPING -> random.nextLong(Long.MAX_VALUE);
            };
        }
        return weights;
    }

    static int[] counts(int polls, int candidates) {
        int[] counts = new int[polls * candidates + SLACK];
        Arrays.fill(counts, SENTINEL);
        return counts;
    }

    static long[] longCounts(int polls, int candidates) {
        long[] counts = new long[polls * candidates + SLACK];
        Arrays.fill(counts, LONG_SENTINEL);
        return counts;
    }

    static String shape(int polls, int votesPerPoll, int candidates, Object fill) {
        return "polls=" + polls + " votesPerPoll=" + votesPerPoll + " candidates=" + candidates + " fill=" + fill;
    }
}
