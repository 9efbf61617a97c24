package lux.consensus.kernels.tally;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every backend rejects each bad argument with the same exception and message, and writes nothing. */
class TallyArgumentsTest {

    private static final List<VoteTally> BACKENDS = List.of(
            new ScalarVoteTally(), new SimdVoteTally(128), new SimdVoteTally(256), new SimdVoteTally(512));

    private interface Call {
        void run(VoteTally tally, int[] counts, long[] sums);
    }

    /** Runs {@code call} on every backend; each must throw {@code type} with {@code message}. */
    private static void rejects(Class<? extends RuntimeException> type, String message, Call call) {
        for (VoteTally tally : BACKENDS) {
            int[] counts = TallyInputs.counts(2, 2);
            long[] sums = TallyInputs.longCounts(2, 2);
            Executable executable = () -> call.run(tally, counts, sums);
            RuntimeException thrown = assertThrows(type, executable, tally.name());
            assertEquals(message, thrown.getMessage(), tally.name());
            assertArrayEquals(TallyInputs.counts(2, 2), counts, tally.name() + " wrote counts before failing");
            assertArrayEquals(TallyInputs.longCounts(2, 2), sums, tally.name() + " wrote sums before failing");
        }
    }

    private static final byte[] VOTES = new byte[6];
    private static final long[] WEIGHTS = new long[6];

    @Test
    void nullArraysAreNamed() {
        rejects(NullPointerException.class, "votes must not be null", (t, c, s) -> t.tally(null, 2, 3, 2, c));
        rejects(NullPointerException.class, "counts must not be null", (t, c, s) -> t.tally(VOTES, 2, 3, 2, null));
        rejects(NullPointerException.class, "votes must not be null",
                (t, c, s) -> t.tallyWeighted(null, WEIGHTS, 2, 3, 2, s));
        rejects(NullPointerException.class, "weights must not be null",
                (t, c, s) -> t.tallyWeighted(VOTES, null, 2, 3, 2, s));
        rejects(NullPointerException.class, "counts must not be null",
                (t, c, s) -> t.tallyWeighted(VOTES, WEIGHTS, 2, 3, 2, null));
    }

    @Test
    void negativeSizesAreRejected() {
        rejects(IllegalArgumentException.class, "polls must be >= 0, got polls=-1",
                (t, c, s) -> t.tally(VOTES, -1, 3, 2, c));
        rejects(IllegalArgumentException.class, "votesPerPoll must be >= 0, got votesPerPoll=-3",
                (t, c, s) -> t.tally(VOTES, 2, -3, 2, c));
        rejects(IllegalArgumentException.class, "polls must be >= 0, got polls=-1",
                (t, c, s) -> t.tallyWeighted(VOTES, WEIGHTS, -1, 3, 2, s));
        rejects(IllegalArgumentException.class, "votesPerPoll must be >= 0, got votesPerPoll=-3",
                (t, c, s) -> t.tallyWeighted(VOTES, WEIGHTS, 2, -3, 2, s));
    }

    @Test
    void candidatesMustFitAByte() {
        for (int candidates : new int[] {-1, 256, Integer.MAX_VALUE}) {
            String message = "candidates must satisfy 0 <= candidates <= 255, got candidates=" + candidates;
            rejects(IllegalArgumentException.class, message, (t, c, s) -> t.tally(VOTES, 2, 3, candidates, c));
            rejects(IllegalArgumentException.class, message,
                    (t, c, s) -> t.tallyWeighted(VOTES, WEIGHTS, 2, 3, candidates, s));
        }
    }

    @Test
    void shortArraysAreRejectedWithTheirSizes() {
        rejects(IllegalArgumentException.class,
                "votes.length must be >= polls * votesPerPoll, got votes.length=6 polls=2 votesPerPoll=4 (needs 8)",
                (t, c, s) -> t.tally(VOTES, 2, 4, 2, c));
        rejects(IllegalArgumentException.class,
                "counts.length must be >= polls * candidates, got counts.length=9 polls=2 candidates=5 (needs 10)",
                (t, c, s) -> t.tally(VOTES, 2, 3, 5, c));
        rejects(IllegalArgumentException.class,
                "weights.length must be >= polls * votesPerPoll, got weights.length=5 polls=2 votesPerPoll=3 (needs 6)",
                (t, c, s) -> t.tallyWeighted(VOTES, new long[5], 2, 3, 2, s));
        rejects(IllegalArgumentException.class,
                "counts.length must be >= polls * candidates, got counts.length=9 polls=2 candidates=5 (needs 10)",
                (t, c, s) -> t.tallyWeighted(VOTES, WEIGHTS, 2, 3, 5, s));
    }

    @Test
    void sizesAreMultipliedWithoutOverflow() {
        // 65536 * 65536 wraps to 0 in int arithmetic; in long it is far beyond any array.
        rejects(IllegalArgumentException.class,
                "votes.length must be >= polls * votesPerPoll, got votes.length=6 polls=65536 votesPerPoll=65536"
                        + " (needs 4294967296)",
                (t, c, s) -> t.tally(VOTES, 65536, 65536, 0, c));
        rejects(IllegalArgumentException.class,
                "counts.length must be >= polls * candidates, got counts.length=9 polls=16777216 candidates=255"
                        + " (needs 4278190080)",
                (t, c, s) -> t.tally(VOTES, 16_777_216, 0, 255, c));
    }

    @Test
    void emptyBatchesAreFine() {
        for (VoteTally tally : BACKENDS) {
            int[] counts = TallyInputs.counts(0, 0);
            tally.tally(new byte[0], 0, 0, 0, counts);
            tally.tally(new byte[0], 5, 0, 0, counts);
            assertArrayEquals(TallyInputs.counts(0, 0), counts, tally.name());
            int[] zeros = TallyInputs.counts(5, 1);
            tally.tally(new byte[0], 5, 0, 1, zeros);
            assertArrayEquals(new int[] {0, 0, 0, 0, 0}, Arrays.copyOf(zeros, 5), tally.name());
        }
    }

    @Test
    void unsupportedWidthsAreRefused() {
        for (int bits : new int[] {0, 64, 100, 1024}) {
            UnsupportedOperationException thrown =
                    assertThrows(UnsupportedOperationException.class, () -> new SimdVoteTally(bits));
            assertEquals("SIMD vote tally supports vector widths of 128, 256 or 512 bits, got " + bits,
                    thrown.getMessage());
        }
    }
}
