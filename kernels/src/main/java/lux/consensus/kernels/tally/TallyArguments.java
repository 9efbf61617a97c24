package lux.consensus.kernels.tally;

import java.util.Arrays;
import java.util.Objects;

/**
 * The argument checks every {@link VoteTally} backend runs first, kept in one place so that all
 * backends reject the same bad input with the same exception and message. Public for backends outside this
 * package (the optional TornadoVM module).
 */
public final class TallyArguments {

    private TallyArguments() {
    }

    /** Checks the arguments of {@link VoteTally#tally} (and {@link VoteTally#tallyColumns}, which takes the same). */
    public static void check(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        Objects.requireNonNull(votes, "votes must not be null");
        Objects.requireNonNull(counts, "counts must not be null");
        checkShape(votes, polls, votesPerPoll, candidates);
        checkLength("counts", counts.length, polls, "candidates", candidates);
    }

    /** Checks the arguments of {@link VoteTally#tallyWeighted}. */
    public static void check(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates, long[] counts) {
        Objects.requireNonNull(votes, "votes must not be null");
        Objects.requireNonNull(weights, "weights must not be null");
        Objects.requireNonNull(counts, "counts must not be null");
        checkShape(votes, polls, votesPerPoll, candidates);
        checkLength("weights", weights.length, polls, "votesPerPoll", votesPerPoll);
        checkLength("counts", counts.length, polls, "candidates", candidates);
    }

    /**
     * For the GPU backends, after {@link #check}: answers a {@link VoteTally#tally} call that leaves a device nothing
     * to do and says whether it did. No polls or no candidates: nothing to write; no votes: every count 0.
     */
    public static boolean answeredWithoutCounting(int polls, int votesPerPoll, int candidates, int[] counts) {
        if (polls == 0 || candidates == 0) {
            return true;
        }
        if (votesPerPoll == 0) {
            Arrays.fill(counts, 0, polls * candidates, 0);
            return true;
        }
        return false;
    }

    /** {@link #answeredWithoutCounting(int, int, int, int[])} for {@link VoteTally#tallyWeighted}. */
    public static boolean answeredWithoutCounting(int polls, int votesPerPoll, int candidates, long[] counts) {
        if (polls == 0 || candidates == 0) {
            return true;
        }
        if (votesPerPoll == 0) {
            Arrays.fill(counts, 0, polls * candidates, 0L);
            return true;
        }
        return false;
    }

    private static void checkShape(byte[] votes, int polls, int votesPerPoll, int candidates) {
        if (polls < 0) {
            throw new IllegalArgumentException("polls must be >= 0, got polls=" + polls);
        }
        if (votesPerPoll < 0) {
            throw new IllegalArgumentException("votesPerPoll must be >= 0, got votesPerPoll=" + votesPerPoll);
        }
        if (candidates < 0 || candidates > VoteTally.MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidates must satisfy 0 <= candidates <= "
                    + VoteTally.MAX_CANDIDATES + ", got candidates=" + candidates);
        }
        checkLength("votes", votes.length, polls, "votesPerPoll", votesPerPoll);
    }

    /** Requires {@code length >= polls * perPoll}, the product taken in long so it cannot wrap. */
    private static void checkLength(String array, int length, int polls, String perPollName, int perPoll) {
        long needed = (long) polls * perPoll;
        if (length < needed) {
            throw new IllegalArgumentException(array + ".length must be >= polls * " + perPollName
                    + ", got " + array + ".length=" + length + " polls=" + polls + " " + perPollName + "="
                    + perPoll + " (needs " + needed + ")");
        }
    }
}
