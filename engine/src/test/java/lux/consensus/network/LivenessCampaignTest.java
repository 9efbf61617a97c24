package lux.consensus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import lux.consensus.Config;
import lux.consensus.Liveness;
import lux.consensus.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast slice of the seeded campaign ({@code lux simulate --quick}): the defaults and both presets at k
 * equal to the validator count, honest and with faults, every fork shape. Every run must be decided,
 * exactly once, with no conflicting finalization.
 */
@Timeout(600)
class LivenessCampaignTest {
    @Test
    void theQuickSliceDecidesEveryForkSafely() {
        List<LivenessCampaign.Cell> plan = LivenessCampaign.quickPlan(10);
        assertTrue(plan.stream().mapToInt(LivenessCampaign.Cell::runs).sum() >= 300, "a few hundred seeded runs");
        assertTrue(plan.stream().anyMatch(c -> c.preset().equals("defaults") && c.validators() == 21 && c.shape().siblings() == 64));
        List<LivenessCampaign.CellResult> results = LivenessCampaign.run(plan, Kernels.voteTally(), 2, r -> { });
        for (LivenessCampaign.CellResult r : results) {
            LivenessCampaign.Cell c = r.cell();
            String where = c.preset() + " n=" + c.validators() + " " + c.faults() + ", " + c.shape();
            assertEquals(Liveness.Verdict.LIVE, c.verdict(), where);
            assertEquals(0, r.conflictingFinalizations(), where);
            assertEquals(r.runs(), r.decided(), where + ": every run decided within " + c.maxRounds() + " rounds");
            assertEquals(0, r.decidedWrongly(), where + ": one chain finalized, every other block rejected");
            assertTrue(r.passed(), where);
        }
    }

    @Test
    void theFullPlanHasTenThousandRunsOverEveryDimension() {
        List<LivenessCampaign.Cell> plan = LivenessCampaign.fullPlan(100);
        assertTrue(plan.stream().mapToInt(LivenessCampaign.Cell::runs).sum() >= 10_000);
        assertTrue(plan.stream().anyMatch(c -> c.validators() == 500));
        assertTrue(plan.stream().anyMatch(c -> c.faults().byzantine() == 0.2 && c.faults().behavior() == Config.ByzantineBehavior.RANDOM));
        assertTrue(plan.stream().anyMatch(c -> c.verdict() == Liveness.Verdict.STALLED), "some runs beyond the boundary");
        assertTrue(plan.stream().allMatch(c -> c.runs() >= 3));
    }

    @Test
    void aRunBeyondTheBoundaryStaysSafeAndUndecided() {
        LivenessCampaign.Cell cell = LivenessCampaign.cell(LivenessCampaign.Preset.defaults(), 21,
                new LivenessCampaign.Faults(0.1, 0.2, Config.ByzantineBehavior.CONFLICTING), new ForkSimulation.Shape(2, 0, false), 2);
        assertEquals(Liveness.Verdict.STALLED, cell.verdict());
        LivenessCampaign.CellResult r = LivenessCampaign.runCell(cell, Kernels.voteTally());
        assertEquals(0, r.conflictingFinalizations());
        assertTrue(r.passed(), "a stalled cell passes on safety alone");
        assertTrue(r.confidentPolls() < 0.3 * r.polls(), r.confidentPolls() + " of " + r.polls());
    }

    @Test
    void forkShapes() {
        ForkSimulation.Shape nested = new ForkSimulation.Shape(3, 2, true);
        List<NewBlock> blocks = ForkSimulation.blocks(nested, new SplittableRandom(1));
        assertEquals(2 + 3 + 6, blocks.size());
        assertEquals(nested.blocks(), blocks.size());
        assertEquals(3, blocks.stream().filter(b -> b.height() == 3).count(), "the siblings, above a chain of 2");
        assertEquals(6, blocks.stream().filter(b -> b.height() == 4).count(), "three children under each of two siblings");
        assertEquals(2, blocks.stream().filter(b -> b.height() == 4).map(NewBlock::parentId).distinct().count());
    }

    @Test
    void percentileIsNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, LivenessCampaign.percentile(sorted, 50));
        assertEquals(10, LivenessCampaign.percentile(sorted, 99));
        assertEquals(0, LivenessCampaign.percentile(new long[0], 50));
    }
}
