package lux.consensus.tornadovm;

import java.util.Objects;
import lux.consensus.kernels.tally.VoteTally;

/**
 * The argument checks of {@link VoteTally}, with the same exceptions and messages as the kernels module's backends
 * (whose checks are not visible from here); {@code TallyChecksTest} holds the two to the same answers.
 */
final class TallyChecks {

    private TallyChecks() {
    }

    /** Checks the arguments of {@link VoteTally#tally}. */
    static void check(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        Objects.requireNonNull(votes, "votes must not be null");
        Objects.requireNonNull(counts, "counts must not be null");
        checkShape(votes, polls, votesPerPoll, candidates);
        checkLength("counts", counts.length, polls, "candidates", candidates);
    }

    /** Checks the arguments of {@link VoteTally#tallyWeighted}. */
    static void check(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates, long[] counts) {
        Objects.requireNonNull(votes, "votes must not be null");
        Objects.requireNonNull(weights, "weights must not be null");
        Objects.requireNonNull(counts, "counts must not be null");
        checkShape(votes, polls, votesPerPoll, candidates);
        checkLength("weights", weights.length, polls, "votesPerPoll", votesPerPoll);
        checkLength("counts", counts.length, polls, "candidates", candidates);
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

    /** Requires {@code length >= polls * perPoll}, in long so the product cannot wrap. */
    private static void checkLength(String array, int length, int polls, String perPollName, int perPoll) {
        long needed = (long) polls * perPoll;
        if (length < needed) {
            throw new IllegalArgumentException(array + ".length must be >= polls * " + perPollName
                    + ", got " + array + ".length=" + length + " polls=" + polls + " " + perPollName + "="
                    + perPoll + " (needs " + needed + ")");
        }
    }
}
