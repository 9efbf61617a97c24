package lux.consensus.tornadovm;

import java.util.ArrayList;
import java.util.List;
import lux.consensus.kernels.gpu.GpuException;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.exceptions.TornadoInternalError;

/**
 * The compiled tally plans of one kind (counting or weighing) on one device, kept from call to call: compiling a
 * plan costs about 0.1 s on PoCL, a run about 1 ms. A chunk takes the smallest held plan with room for it that is
 * at most {@link #SPARE} times its size (every run copies whole buffers); otherwise a new plan is made with
 * power-of-two capacities (at least {@link #MIN_VOTES} and {@link #MIN_RESULTS} when the budget allows). At most
 * {@link #MAX_PLANS} are held, together within the memory budget; the least recently used go first. Not
 * thread-safe: its owner serializes calls.
 */
final class PlanCache implements AutoCloseable {

    /** Vote capacity small batches share, so that their shapes do not each compile a plan. */
    static final int MIN_VOTES = 1 << 16;
    /** Result capacity small batches share. */
    static final int MIN_RESULTS = 1 << 14;
    /** A plan serves chunks down to this many times smaller than its buffers. */
    static final int SPARE = 8;
    /** Most plans held at once. */
    static final int MAX_PLANS = 4;

    private final TornadoDevice device;
    private final boolean weighted;
    private final long budgetBytes;
    private final String memoryLimit;
    /** Most recently used first. */
    private final List<TallyPlan> plans = new ArrayList<>();

    /**
     * @param budgetBytes bytes the held plans may take together
     * @param memoryLimit TornadoVM's limit for each plan (e.g. "1MB", for tests), or null for none
     */
    PlanCache(TornadoDevice device, boolean weighted, long budgetBytes, String memoryLimit) {
        this.device = device;
        this.weighted = weighted;
        this.budgetBytes = budgetBytes;
        this.memoryLimit = memoryLimit;
    }

    /**
     * A plan with room for {@code votes} votes and {@code results} results, held or new.
     *
     * @throws GpuException if TornadoVM cannot set one up
     */
    TallyPlan fitting(int votes, int results) {
        TallyPlan best = null;
        for (TallyPlan p : plans) {
            if (p.voteCapacity >= votes && p.resultCapacity >= results
                    && p.voteCapacity / SPARE <= Math.max(votes, MIN_VOTES)
                    && p.resultCapacity / SPARE <= Math.max(results, MIN_RESULTS)
                    && (best == null || p.voteCapacity + p.resultCapacity < best.voteCapacity + best.resultCapacity)) {
                best = p;
            }
        }
        if (best == null) {
            best = make(votes, results);
        }
        plans.remove(best);
        plans.add(0, best);
        evictBeyondLimits();
        return best;
    }

    /** Drops a plan that failed (it is not reused); a failure to release it is added to {@code failure}. */
    void discard(TallyPlan plan, GpuException failure) {
        DevicePlan.discard(plans, plan, failure);
    }

    private TallyPlan make(int votes, int results) {
        int voteCapacity = powerOfTwoAtLeast(votes);
        int resultCapacity = powerOfTwoAtLeast(results);
        int sharedVotes = Math.max(voteCapacity, MIN_VOTES);
        int sharedResults = Math.max(resultCapacity, MIN_RESULTS);
        if (TallyPlan.bytes(weighted, sharedVotes, sharedResults) <= budgetBytes / 2) {
            voteCapacity = sharedVotes;
            resultCapacity = sharedResults;
        }
        try {
            return weighted ? TallyPlan.weighing(device, voteCapacity, resultCapacity, memoryLimit)
                    : TallyPlan.counting(device, voteCapacity, resultCapacity, memoryLimit);
        } catch (RuntimeException | TornadoInternalError e) {
            throw new GpuException("TornadoVM could not set up a tally plan of " + voteCapacity + " votes and "
                    + resultCapacity + " results on device " + TornadoVm.describe(device) + ": " + e, e);
        }
    }

    /** Closes the least recently used plans (never the first) until the rest fit the count and the budget. */
    private void evictBeyondLimits() {
        long total = 0;
        for (TallyPlan p : plans) {
            total += TallyPlan.bytes(weighted, p.voteCapacity, p.resultCapacity);
        }
        while (plans.size() > 1 && (plans.size() > MAX_PLANS || total > budgetBytes)) {
            TallyPlan last = plans.remove(plans.size() - 1);
            total -= TallyPlan.bytes(weighted, last.voteCapacity, last.resultCapacity);
            last.close();
        }
    }

    /** Plans held now, for tests. */
    int size() {
        return plans.size();
    }

    static int powerOfTwoAtLeast(long n) {
        return (int) Math.max(1, Long.highestOneBit(n - 1) << 1);
    }

    /** Releases every plan's device memory. */
    @Override
    public void close() {
        DevicePlan.closeAll(plans);
    }
}
