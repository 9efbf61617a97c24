package lux.consensus.kernels.tally;

import static lux.consensus.kernels.tally.TallyInputs.CANDIDATES;
import static lux.consensus.kernels.tally.TallyInputs.VOTES_PER_POLL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import lux.consensus.kernels.tally.TallyInputs.Fill;
import lux.consensus.kernels.tally.TallyInputs.Weights;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link VoteTally} backend must meet: hand-checked answers, and exactly the
 * reference's answers on random and boundary inputs of awkward shapes. Subclasses name the backend.
 */
abstract class VoteTallyTestCase {

    /** The reference every backend is compared with. */
    static final VoteTally REFERENCE = new ScalarVoteTally();

    /** Poll counts used with every shape (the larger ones get their own tests). */
    private static final int[] FEW_POLLS = {0, 1, 2, 3, 7, 13};

    /** The backend under test. */
    abstract VoteTally backend();

    @Test
    void countsAHandCheckedBatch() {
        // Two polls of 5 votes, 3 candidates; 0xFF is NO_VOTE, 7 and 200 name no candidate.
        byte[] votes = {0, 1, 1, (byte) 0xFF, 2, /* poll 1 */ 2, 2, 7, (byte) 200, 0};
        int[] counts = TallyInputs.counts(2, 3);
        backend().tally(votes, 2, 5, 3, counts);
        int s = TallyInputs.SENTINEL;
        assertArrayEquals(new int[] {1, 2, 1, 1, 0, 2, s, s, s, s, s}, counts);
    }

    @Test
    void countsAHandCheckedBatchOfColumns() {
        // The batch above by columns: vote i of polls 0 and 1 side by side; counts come out candidate by candidate.
        byte[] votes = {0, 2, /* votes 1 */ 1, 2, /* 2 */ 1, 7, /* 3 */ (byte) 0xFF, (byte) 200, /* 4 */ 2, 0};
        int[] counts = TallyInputs.counts(2, 3);
        backend().tallyColumns(votes, 2, 5, 3, counts);
        int s = TallyInputs.SENTINEL;
        assertArrayEquals(new int[] {1, 1, 2, 0, 1, 2, s, s, s, s, s}, counts);
    }

    @Test
    void weighsAHandCheckedBatch() {
        byte[] votes = {0, 1, 1, (byte) 0xFF, 2, /* poll 1 */ 2, 2, 7, (byte) 200, 0};
        long[] weights = {1, 10, 100, 1000, 10_000, /* poll 1 */ 5, 50, 500, 5000, Long.MAX_VALUE};
        long[] counts = TallyInputs.longCounts(2, 3);
        backend().tallyWeighted(votes, weights, 2, 5, 3, counts);
        long s = TallyInputs.LONG_SENTINEL;
        assertArrayEquals(new long[] {1, 110, 10_000, Long.MAX_VALUE, 0, 55, s, s, s, s, s}, counts);
    }

    @Test
    void countsEveryVoteOfALongPollWithAllCandidates() {
        // 4099 votes cycling through all 255 byte values 0..254 plus NO_VOTE: each candidate gets 16 or 17.
        byte[] votes = new byte[4099];
        for (int i = 0; i < votes.length; i++) {
            votes[i] = (byte) i; // i mod 256; 255 is NO_VOTE
        }
        int[] counts = TallyInputs.counts(1, 255);
        backend().tally(votes, 1, votes.length, 255, counts);
        for (int c = 0; c < 255; c++) {
            int expected = 4099 / 256 + (c < 4099 % 256 ? 1 : 0);
            assertEquals(expected, counts[c], "candidate " + c);
        }
    }

    @Test
    void matchesReferenceOnEveryShape() {
        SplittableRandom random = new SplittableRandom(0x7A11_0001L);
        int round = 0;
        for (int votesPerPoll : VOTES_PER_POLL) {
            for (int candidates : CANDIDATES) {
                for (int polls : FEW_POLLS) {
                    Weights weights = Weights.values()[round++ % Weights.values().length];
                    compare(random, polls, votesPerPoll, candidates, Fill.MIXED, weights);
                }
            }
        }
    }

    @Test
    void matchesReferenceOnBoundaryFills() {
        SplittableRandom random = new SplittableRandom(0x7A11_0002L);
        for (int votesPerPoll : VOTES_PER_POLL) {
            for (int candidates : new int[] {1, 2, 17, 254, 255}) {
                for (Fill fill : Fill.values()) {
                    if (fill != Fill.MIXED) {
                        compare(random, 3, votesPerPoll, candidates, fill, Weights.HUGE);
                    }
                }
            }
        }
    }

    @Test
    void matchesReferenceOnManyShortPolls() {
        SplittableRandom random = new SplittableRandom(0x7A11_0003L);
        for (int votesPerPoll : VOTES_PER_POLL) {
            if (votesPerPoll <= 129) {
                for (int candidates : CANDIDATES) {
                    compare(random, 100, votesPerPoll, candidates, Fill.MIXED, Weights.WRAPPING);
                }
            }
            if (votesPerPoll <= 65) {
                for (int candidates : new int[] {1, 2, 3, 255}) {
                    compare(random, 1000, votesPerPoll, candidates, Fill.MIXED, Weights.SMALL);
                }
            }
        }
    }

    @Test
    void matchesReferenceOnManyLongPolls() {
        SplittableRandom random = new SplittableRandom(0x7A11_0004L);
        for (int candidates : new int[] {1, 2, 3, 17}) {
            compare(random, 100, 1000, candidates, Fill.MIXED, Weights.HUGE);
            compare(random, 13, 4099, candidates, Fill.MIXED, Weights.WRAPPING);
        }
        compare(random, 100, 129, 254, Fill.MIXED, Weights.SMALL);
    }

    /** Runs both methods on one random batch and requires the reference's answer, sentinels intact. */
    void compare(SplittableRandom random, int polls, int votesPerPoll, int candidates, Fill fill, Weights kind) {
        int length = polls * votesPerPoll;
        byte[] votes = TallyInputs.votes(random, length, candidates, fill);
        String shape = TallyInputs.shape(polls, votesPerPoll, candidates, fill);

        int[] expected = TallyInputs.counts(polls, candidates);
        REFERENCE.tally(votes, polls, votesPerPoll, candidates, expected);
        int[] actual = TallyInputs.counts(polls, candidates);
        backend().tally(votes, polls, votesPerPoll, candidates, actual);
        assertArrayEquals(expected, actual, () -> backend().name() + " tally, " + shape);

        byte[] columns = TallyInputs.columns(votes, polls, votesPerPoll);
        int[] expectedColumns = TallyInputs.columns(expected, polls, candidates);
        int[] actualColumns = TallyInputs.counts(polls, candidates);
        backend().tallyColumns(columns, polls, votesPerPoll, candidates, actualColumns);
        assertArrayEquals(expectedColumns, actualColumns, () -> backend().name() + " tallyColumns, " + shape);

        long[] weights = TallyInputs.weights(random, length, votesPerPoll, kind);
        long[] expectedSums = TallyInputs.longCounts(polls, candidates);
        REFERENCE.tallyWeighted(votes, weights, polls, votesPerPoll, candidates, expectedSums);
        long[] actualSums = TallyInputs.longCounts(polls, candidates);
        backend().tallyWeighted(votes, weights, polls, votesPerPoll, candidates, actualSums);
        assertArrayEquals(expectedSums, actualSums, () -> backend().name() + " tallyWeighted " + kind + ", " + shape);
    }
}
