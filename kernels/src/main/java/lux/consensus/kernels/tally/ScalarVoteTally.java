package lux.consensus.kernels.tally;

import java.util.Arrays;

/**
 * The reference {@link VoteTally}: one plain loop per poll. Every other backend is tested against it.
 */
public final class ScalarVoteTally implements VoteTally {

    /** Creates the scalar backend; it has no state. */
    public ScalarVoteTally() {
    }

    @Override
    public void tally(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        count(votes, polls, votesPerPoll, candidates, counts);
    }

    @Override
    public void tallyWeighted(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates,
            long[] counts) {
        TallyArguments.check(votes, weights, polls, votesPerPoll, candidates, counts);
        weigh(votes, weights, polls, votesPerPoll, candidates, counts);
    }

    @Override
    public void tallyColumns(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        countColumns(votes, 0, polls, polls, votesPerPoll, candidates, counts);
    }

    /**
     * The column counting loop without argument checks, for polls {@code [from, to)} of a batch of
     * {@code polls}; also the SIMD backend's path for the polls after its last whole vector.
     */
    static void countColumns(byte[] votes, int from, int to, int polls, int votesPerPoll, int candidates,
            int[] counts) {
        for (int c = 0; c < candidates; c++) {
            Arrays.fill(counts, c * polls + from, c * polls + to, 0);
        }
        for (int i = 0, row = 0; i < votesPerPoll; i++, row += polls) {
            for (int p = from; p < to; p++) {
                int c = votes[row + p] & 0xFF; // the vote byte as an unsigned candidate index
                if (c < candidates) {
                    counts[c * polls + p]++;
                }
            }
        }
    }

    /** The counting loop without argument checks; also the SIMD backend's path for tiny polls. */
    static void count(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        Arrays.fill(counts, 0, polls * candidates, 0);
        for (int p = 0; p < polls; p++) {
            int row = p * candidates;
            for (int i = p * votesPerPoll, end = i + votesPerPoll; i < end; i++) {
                int c = votes[i] & 0xFF; // the vote byte as an unsigned candidate index
                if (c < candidates) {
                    counts[row + c]++;
                }
            }
        }
    }

    /** The weighing loop without argument checks; also the SIMD backend's path for most weighted shapes. */
    static void weigh(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates, long[] counts) {
        Arrays.fill(counts, 0, polls * candidates, 0L);
        for (int p = 0; p < polls; p++) {
            int row = p * candidates;
            for (int i = p * votesPerPoll, end = i + votesPerPoll; i < end; i++) {
                int c = votes[i] & 0xFF; // the vote byte as an unsigned candidate index
                if (c < candidates) {
                    counts[row + c] += weights[i];
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public String toString() {
        return "ScalarVoteTally";
    }
}
