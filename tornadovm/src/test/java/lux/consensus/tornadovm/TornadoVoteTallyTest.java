package lux.consensus.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.VoteTally;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TornadoVoteTally} against {@link ScalarVoteTally} on hand-checked, random and boundary batches of awkward
 * shapes, whole and split into chunks; and its failures. Runs only under TornadoVM, and skips elsewhere.
 */
class TornadoVoteTallyTest {

    private static final VoteTally REFERENCE = new ScalarVoteTally();
    private static TornadoVoteTally tally;

    @BeforeAll
    static void open() {
        if (TornadoVm.absentReason().isEmpty()) {
            tally = new TornadoVoteTally();
        }
    }

    @BeforeEach
    void requireTornadoVm() {
        TornadoAssumptions.assumeTornadoVm(); // each test is reported skipped, with the reason
    }

    @AfterAll
    static void close() {
        if (tally != null) {
            tally.close();
        }
    }

    @Test
    void countsAndWeighsAHandCheckedBatch() {
        // Two polls of 5 votes, 3 candidates; 0xFF is NO_VOTE, 7 and 200 name no candidate.
        byte[] votes = {0, 1, 1, (byte) 0xFF, 2, /* poll 1 */ 2, 2, 7, (byte) 200, 0};
        int[] counts = TallyShapes.counts(2, 3);
        tally.tally(votes, 2, 5, 3, counts);
        int s = TallyShapes.SENTINEL;
        assertArrayEquals(new int[] {1, 2, 1, 1, 0, 2, s, s, s, s}, counts);
        long[] weights = {1, 10, 100, 1000, 10_000, /* poll 1 */ 5, 50, 500, 5000, Long.MAX_VALUE};
        long[] sums = TallyShapes.longCounts(2, 3);
        tally.tallyWeighted(votes, weights, 2, 5, 3, sums);
        long l = TallyShapes.LONG_SENTINEL;
        assertArrayEquals(new long[] {1, 110, 10_000, Long.MAX_VALUE, 0, 55, l, l, l, l}, sums);
    }

    @Test
    void matchesScalarOnEveryShape() {
        SplittableRandom random = new SplittableRandom(0x70_12AD0L);
        for (int votesPerPoll : TallyShapes.VOTES_PER_POLL) {
            for (int candidates : TallyShapes.CANDIDATES) {
                for (int polls : TallyShapes.POLLS) {
                    compare(tally, random, polls, votesPerPoll, candidates);
                }
            }
        }
    }

    @Test
    void matchesScalarOnLargeBatches() {
        SplittableRandom random = new SplittableRandom(0x70_12AD1L);
        compare(tally, random, 20_000, 21, 3);   // the usual poll: k = 21, a few candidates
        compare(tally, random, 4097, 65, 255);  // every candidate
        compare(tally, random, 13, 100_003, 2); // long polls
    }

    @Test
    void splitsABatchThatPassesTheBudgetAndStillMatches() {
        SplittableRandom random = new SplittableRandom(0x70_12AD2L);
        try (TornadoVoteTally small = new TornadoVoteTally(TornadoVm.defaultDevice(), 4096)) {
            // 4096 bytes hold 2048 bytes of buffers at most: 21 votes + 3 int counts = 33 bytes a poll, so 62 a chunk.
            int chunk = small.chunkPolls(1000, 21, 3, false);
            assertEquals(62, chunk);
            compare(small, random, 1000, 21, 3);
            compare(small, random, 333, 17, 5);
            assertTrue(small.chunkPolls(1000, 21, 3, true) < chunk, "weights make chunks smaller");
        }
    }

    @Test
    void keepsFewPlansAcrossChangingShapes() {
        SplittableRandom random = new SplittableRandom(0x70_12AD4L);
        try (TornadoVoteTally fresh = new TornadoVoteTally(TornadoVm.defaultDevice())) {
            for (int polls : new int[] {1, 100, 7, 1000, 13, 100}) {
                compare(fresh, random, polls, 21, 3); // all share the smallest plan of each kind
            }
            assertEquals(2, fresh.plansHeld());
            compare(fresh, random, 50_000, 21, 3);
            compare(fresh, random, 10, 21, 3);
            assertTrue(fresh.plansHeld() <= 2 * PlanCache.MAX_PLANS, "plans held: " + fresh.plansHeld());
        }
    }

    @Test
    void aPollTooLargeForTheBudgetFailsNamingIt() {
        try (TornadoVoteTally small = new TornadoVoteTally(TornadoVm.defaultDevice(), 64)) {
            GpuException e = assertThrows(GpuException.class, () -> small.tally(new byte[100], 1, 100, 2, new int[2]));
            assertTrue(e.getMessage().startsWith("one poll of 100 votes and 2 candidates needs 108 bytes"),
                    e.getMessage());
        }
    }

    @Test
    void aTornadoVmFailureSurfacesAsGpuExceptionAndTheTallyRecovers() {
        SplittableRandom random = new SplittableRandom(0x70_12AD3L);
        // TornadoVM itself refuses a plan whose buffers pass its memory limit.
        try (TornadoVoteTally limited = new TornadoVoteTally(TornadoVm.defaultDevice(), -1, "1MB")) {
            byte[] votes = TallyShapes.votes(random, 200_000 * 21, 3);
            int[] counts = TallyShapes.counts(200_000, 3);
            GpuException e = assertThrows(GpuException.class, () -> limited.tally(votes, 200_000, 21, 3, counts));
            assertTrue(e.getMessage().startsWith("TornadoVM tally failed on device "), e.getMessage());
            assertTrue(e.getMessage().contains("200000 polls x 21 votes"), e.getMessage());
            compare(limited, random, 100, 21, 3); // a batch within the limit still runs, on a new plan
        }
    }

    /** Runs both methods of {@code backend} on one random batch and requires the reference's answers. */
    static void compare(VoteTally backend, SplittableRandom random, int polls, int votesPerPoll, int candidates) {
        String shape = "polls=" + polls + " votesPerPoll=" + votesPerPoll + " candidates=" + candidates;
        byte[] votes = TallyShapes.votes(random, polls * votesPerPoll, candidates);
        int[] expected = TallyShapes.counts(polls, candidates);
        int[] actual = TallyShapes.counts(polls, candidates);
        REFERENCE.tally(votes, polls, votesPerPoll, candidates, expected);
        backend.tally(votes, polls, votesPerPoll, candidates, actual);
        assertArrayEquals(expected, actual, "tally " + shape);
        long[] weights = TallyShapes.weights(random, polls * votesPerPoll);
        long[] expectedSums = TallyShapes.longCounts(polls, candidates);
        long[] actualSums = TallyShapes.longCounts(polls, candidates);
        REFERENCE.tallyWeighted(votes, weights, polls, votesPerPoll, candidates, expectedSums);
        backend.tallyWeighted(votes, weights, polls, votesPerPoll, candidates, actualSums);
        assertArrayEquals(expectedSums, actualSums, "tallyWeighted " + shape);
    }
}
