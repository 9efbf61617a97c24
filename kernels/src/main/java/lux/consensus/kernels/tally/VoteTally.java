package lux.consensus.kernels.tally;

/**
 * Counts the votes of many polls at once: arrays in, arrays out.
 *
 * <p>Votes are laid out flat: the votes of poll {@code p} are
 * {@code votes[p * votesPerPoll .. (p + 1) * votesPerPoll)}, one unsigned byte per vote naming a
 * candidate. The counts come out flat as well: {@code counts[p * candidates + c]} is how many votes
 * (or how much weight) poll {@code p} gave candidate {@code c}. A vote byte that names no candidate
 * ({@code >= candidates}, for example {@link #NO_VOTE}) counts for nothing.
 *
 * <p>Every implementation computes exactly the same function as {@link ScalarVoteTally}, the
 * reference, and rejects the same bad arguments with the same exception. Implementations are
 * stateless and safe to share between threads.
 */
public interface VoteTally {

    /** A vote byte that matches no candidate (a silent validator / no response). */
    byte NO_VOTE = (byte) 0xFF;

    /** Largest candidate count: candidate indices are unsigned bytes 0..254; 255 is {@link #NO_VOTE}. */
    int MAX_CANDIDATES = 255;

    /**
     * Counts votes per poll and candidate.
     *
     * <p>{@code counts[p*candidates + c]} becomes the number of {@code i} in {@code [0, votesPerPoll)}
     * with {@code (votes[p*votesPerPoll + i] & 0xFF) == c}, for {@code p < polls}, {@code c < candidates}.
     * Overwrites that prefix of {@code counts} and nothing after it.
     *
     * @param votes        at least {@code polls * votesPerPoll} vote bytes
     * @param polls        number of polls, {@code >= 0}
     * @param votesPerPoll votes in each poll, {@code >= 0}
     * @param candidates   number of candidates, {@code 0..255}
     * @param counts       at least {@code polls * candidates} entries; receives the counts
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if a count is negative, {@code candidates > 255}, or an array is too short
     */
    void tally(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts);

    /**
     * Like {@link #tally}, but vote {@code i} adds {@code weights[p*votesPerPoll + i]} instead of 1.
     *
     * <p>Weights are meant to be {@code >= 0}; they are not checked, and sums wrap in two's complement
     * exactly like {@code long} addition, so every implementation gives the same bits for any input.
     *
     * @param weights at least {@code polls * votesPerPoll} weights, one per vote
     * @param counts  at least {@code polls * candidates} entries; receives the summed weights
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException as for {@link #tally}, or if {@code weights} is too short
     */
    void tallyWeighted(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates, long[] counts);

    /**
     * Counts votes laid out by columns: vote {@code i} of poll {@code p} is {@code votes[i*polls + p]}, so
     * the {@code i}-th votes of all polls sit side by side and a vector holds one vote of many polls. The
     * counts come out the same way: {@code counts[c*polls + p]} is how many votes poll {@code p} gave
     * candidate {@code c}. This is the layout for short polls (k = 21): no vector lane straddles two polls.
     *
     * <p>Same function as {@link #tally} on the transposed arrays. This default transposes and calls
     * {@link #tally}; backends with a column kernel override it.
     *
     * @param votes        at least {@code polls * votesPerPoll} vote bytes, column by column
     * @param counts       at least {@code polls * candidates} entries; receives the counts, candidate by candidate
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException as for {@link #tally}
     */
    default void tallyColumns(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        byte[] rows = new byte[polls * votesPerPoll];
        for (int i = 0; i < votesPerPoll; i++) {
            for (int p = 0; p < polls; p++) {
                rows[p * votesPerPoll + i] = votes[i * polls + p];
            }
        }
        int[] byPoll = new int[polls * candidates];
        tally(rows, polls, votesPerPoll, candidates, byPoll);
        for (int p = 0; p < polls; p++) {
            for (int c = 0; c < candidates; c++) {
                counts[c * polls + p] = byPoll[p * candidates + c];
            }
        }
    }

    /** A short name for logs and reports, for example {@code "scalar"} or {@code "simd-512"}. */
    String name();

    /** Vector width in bits this backend uses (0 for scalar). */
    int vectorBits();
}
