package lux.consensus.tornadovm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.VoteTally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link TallyChecks} rejects exactly what {@link ScalarVoteTally} rejects (and accepts what it accepts), with the same exception and message.
 * Needs no TornadoVM, so it runs in every {@code -Ptornadovm} build.
 */
class TallyChecksTest {

    private static final VoteTally SCALAR = new ScalarVoteTally();

    @Test
    void rejectsWhatTheScalarTallyRejectsWithTheSameMessage() throws Throwable {
        List<Object[]> bad = new ArrayList<>();
        // votes, weights, polls, votesPerPoll, candidates, counts (int and long sized alike)
        bad.add(new Object[] {null, new long[4], 1, 2, 2, 4});
        bad.add(new Object[] {new byte[4], null, 1, 2, 2, 4});
        bad.add(new Object[] {new byte[4], new long[4], 1, 2, 2, -1}); // counts null
        bad.add(new Object[] {new byte[4], new long[4], -1, 2, 2, 4});
        bad.add(new Object[] {new byte[4], new long[4], 1, -2, 2, 4});
        bad.add(new Object[] {new byte[4], new long[4], 1, 2, -1, 4});
        bad.add(new Object[] {new byte[4], new long[4], 1, 2, 256, 4});
        bad.add(new Object[] {new byte[3], new long[4], 2, 2, 2, 4});
        bad.add(new Object[] {new byte[4], new long[3], 2, 2, 2, 4});
        bad.add(new Object[] {new byte[4], new long[4], 2, 2, 3, 5});
        bad.add(new Object[] {new byte[4], new long[4], 65_536, 65_536, 2, 4}); // the product passes 2^31
        for (Object[] c : bad) {
            byte[] votes = (byte[]) c[0];
            long[] weights = (long[]) c[1];
            int polls = (int) c[2];
            int perPoll = (int) c[3];
            int candidates = (int) c[4];
            int[] counts = (int) c[5] < 0 ? null : new int[(int) c[5]];
            long[] sums = (int) c[5] < 0 ? null : new long[(int) c[5]];
            sameFailure(() -> SCALAR.tally(votes, polls, perPoll, candidates, counts),
                    () -> TallyChecks.check(votes, polls, perPoll, candidates, counts));
            sameFailure(() -> SCALAR.tallyWeighted(votes, weights, polls, perPoll, candidates, sums),
                    () -> TallyChecks.check(votes, weights, polls, perPoll, candidates, sums));
        }
    }

    /** Both throw the same exception with the same message, or neither throws. */
    private static void sameFailure(Executable reference, Executable checks) throws Throwable {
        Throwable expected = outcome(reference);
        Throwable actual = outcome(checks);
        if (expected == null) {
            assertNull(actual, () -> "the scalar tally accepted what the checks reject: " + actual);
            return;
        }
        assertNotNull(actual, () -> "the checks accepted what the scalar tally rejects: " + expected);
        assertEquals(expected.getClass(), actual.getClass(), expected.getMessage());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    private static Throwable outcome(Executable call) {
        try {
            call.execute();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
