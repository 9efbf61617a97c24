package lux.consensus.tornadovm;

import java.util.Arrays;
import java.util.SplittableRandom;
import lux.consensus.kernels.tally.VoteTally;

/** Random vote batches of awkward shapes for the differential tests, and the sentinels that must survive. */
final class TallyShapes {

    /** Votes per poll: none, tiny, around powers of two, k = 21, long, prime. */
    static final int[] VOTES_PER_POLL = {0, 1, 2, 3, 15, 16, 17, 21, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 4099};
    /** Candidates: none, few, many, the largest. */
    static final int[] CANDIDATES = {0, 1, 2, 3, 17, 254, 255};
    /** Poll counts. */
    static final int[] POLLS = {0, 1, 2, 3, 7, 13, 100};
    /** Written past the counts prefix before each call; it must still be there after. */
    static final int SENTINEL = 0x5EE_D5EED;
    /** Same for weighted counts. */
    static final long LONG_SENTINEL = 0x5EED_5EED_5EED_5EEDL;
    /** Entries past the prefix. */
    static final int SLACK = 4;

    private TallyShapes() {
    }

    /**
     * {@code length} votes plus a few past the end: 70% a real candidate, 15% NO_VOTE, 15% a byte naming none.
     */
    static byte[] votes(SplittableRandom random, int length, int candidates) {
        byte[] votes = new byte[length + 3];
        for (int i = 0; i < votes.length; i++) {
            int roll = random.nextInt(100);
            if (roll < 70 && candidates > 0) {
                votes[i] = (byte) random.nextInt(candidates);
            } else if (roll < 85 || candidates >= 255) {
                votes[i] = VoteTally.NO_VOTE;
            } else {
                votes[i] = (byte) (candidates + random.nextInt(255 - candidates));
            }
        }
        return votes;
    }

    /** Weights of every size, with some near the top so that sums wrap. */
    static long[] weights(SplittableRandom random, int length) {
        long[] weights = new long[length + 3];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = switch (random.nextInt(3)) {
                case 0 -> random.nextInt(1000);
                case 1 -> random.nextLong();
                default -> Long.MAX_VALUE - random.nextInt(10);
            };
        }
        return weights;
    }

    /** A counts array for {@code polls * candidates} results, filled with the sentinel. */
    static int[] counts(int polls, int candidates) {
        int[] counts = new int[polls * candidates + SLACK];
        Arrays.fill(counts, SENTINEL);
        return counts;
    }

    /** A weighted counts array, filled with the sentinel. */
    static long[] longCounts(int polls, int candidates) {
        long[] counts = new long[polls * candidates + SLACK];
        Arrays.fill(counts, LONG_SENTINEL);
        return counts;
    }
}
