package lux.consensus.tornadovm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.gpu.GpuUnavailableException;
import lux.consensus.kernels.tally.TallyArguments;
import lux.consensus.kernels.tally.VoteTally;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * A {@link VoteTally} written as TornadoVM Java kernels ({@link TallyKernels}), computing exactly what
 * {@code ScalarVoteTally} computes, on a TornadoVM device (a GPU, or PoCL's CPU device through TornadoVM's OpenCL
 * backend). Runs only in a JVM started with TornadoVM's flags.
 *
 * <p>Device memory is bounded: each kind of call (counting, weighing) has a budget, a quarter of the device's
 * global memory unless given, and a batch whose buffers would pass half of it, or the device's largest buffer,
 * runs as consecutive chunks of whole polls. A TornadoVM failure throws {@link GpuException} naming the device;
 * the counts prefix is then unspecified (earlier chunks may be written) and the caller can run the batch again on
 * the CPU. Bad arguments are rejected before the device is touched, with the same exceptions as every backend.
 *
 * <p>Compiled plans are kept from call to call ({@link PlanCache}). Calls are serialized, so one instance may be
 * shared between threads. Close it to release the device memory.
 */
public final class TornadoVoteTally implements VoteTally, AutoCloseable {

    /** Largest element count of a buffer: every index the kernels compute stays below 2^31. */
    static final int MAX_ELEMENTS = 1 << 30;

    private final TornadoDevice device;
    private final long budgetBytes;
    private final PlanCache counting;
    private final PlanCache weighing;
    private final Object lock = new Object();
    private boolean closed;

    /**
     * On TornadoVM's default device.
     *
     * @throws GpuUnavailableException if this JVM does not run under TornadoVM, or TornadoVM has no device
     */
    public TornadoVoteTally() {
        this(requireDevice(), -1, null);
    }

    /** On a device the caller picked. */
    public TornadoVoteTally(TornadoDevice device) {
        this(device, -1, null);
    }

    /** For tests: a memory budget far below the device's, so that batches split into many chunks. */
    TornadoVoteTally(TornadoDevice device, long budgetBytes) {
        this(device, budgetBytes, null);
    }

    /**
     * For tests: also a TornadoVM memory limit for each plan (as {@code withMemoryLimit} takes it, e.g. "1MB"), so
     * that TornadoVM itself fails a chunk larger than that.
     */
    TornadoVoteTally(TornadoDevice device, long budgetBytes, String memoryLimit) {
        this.device = device;
        this.budgetBytes = budgetBytes > 0 ? budgetBytes : device.getMaxGlobalMemory() / 4;
        this.counting = new PlanCache(device, false, this.budgetBytes, memoryLimit);
        this.weighing = new PlanCache(device, true, this.budgetBytes, memoryLimit);
    }

    private static TornadoDevice requireDevice() {
        String why = TornadoVm.absentReason().orElse(null);
        if (why != null) {
            throw new GpuUnavailableException("TornadoVM vote tally cannot run: " + why);
        }
        return TornadoVm.defaultDevice();
    }

    @Override
    public void tally(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        if (TallyArguments.answeredWithoutCounting(polls, votesPerPoll, candidates, counts)) {
            return;
        }
        int chunk = chunkPolls(polls, votesPerPoll, candidates, false);
        synchronized (lock) {
            TallyPlan plan = open(counting).fitting(chunk * votesPerPoll, chunk * candidates);
            MemorySegment in = plan.votes.getSegment();
            MemorySegment out = plan.counts.getSegment();
            try {
                for (int first = 0; first < polls; first += chunk) {
                    int n = Math.min(chunk, polls - first);
                    MemorySegment.copy(votes, first * votesPerPoll, in, ValueLayout.JAVA_BYTE, 0, n * votesPerPoll);
                    plan.run(n, votesPerPoll, candidates);
                    MemorySegment.copy(out, ValueLayout.JAVA_INT, 0, counts, first * candidates, n * candidates);
                }
            } catch (GpuException e) {
                counting.discard(plan, e);
                throw e;
            }
        }
    }

    @Override
    public void tallyWeighted(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates,
            long[] counts) {
        TallyArguments.check(votes, weights, polls, votesPerPoll, candidates, counts);
        if (TallyArguments.answeredWithoutCounting(polls, votesPerPoll, candidates, counts)) {
            return;
        }
        int chunk = chunkPolls(polls, votesPerPoll, candidates, true);
        synchronized (lock) {
            TallyPlan plan = open(weighing).fitting(chunk * votesPerPoll, chunk * candidates);
            MemorySegment in = plan.votes.getSegment();
            MemorySegment w = plan.weights.getSegment();
            MemorySegment out = plan.sums.getSegment();
            try {
                for (int first = 0; first < polls; first += chunk) {
                    int n = Math.min(chunk, polls - first);
                    MemorySegment.copy(votes, first * votesPerPoll, in, ValueLayout.JAVA_BYTE, 0, n * votesPerPoll);
                    MemorySegment.copy(weights, first * votesPerPoll, w, ValueLayout.JAVA_LONG, 0, n * votesPerPoll);
                    plan.run(n, votesPerPoll, candidates);
                    MemorySegment.copy(out, ValueLayout.JAVA_LONG, 0, counts, first * candidates, n * candidates);
                }
            } catch (GpuException e) {
                weighing.discard(plan, e);
                throw e;
            }
        }
    }

    /**
     * Polls per chunk (at least 1, at most {@code polls}) such that the chunk's buffers, rounded up to powers of
     * two, take at most half the budget, and each stays within the device's largest buffer and
     * {@link #MAX_ELEMENTS}.
     *
     * @throws GpuException if not even one poll fits
     */
    int chunkPolls(int polls, int votesPerPoll, int candidates, boolean weighted) {
        long perPoll = TallyPlan.bytes(weighted, votesPerPoll, candidates);
        long maxBuffer = Math.max(1, device.getMaxAllocMemory());
        long maxVotes = Math.min(MAX_ELEMENTS, maxBuffer / (weighted ? Long.BYTES : 1));
        long maxResults = Math.min(MAX_ELEMENTS, maxBuffer / (weighted ? Long.BYTES : Integer.BYTES));
        // Halved: a power-of-two capacity is up to twice what the chunk needs.
        long chunk = Math.min(budgetBytes / 2 / perPoll, Math.min(maxVotes / 2 / votesPerPoll, maxResults / 2 / candidates));
        if (chunk < 1) {
            throw new GpuException("one poll of " + votesPerPoll + " votes and " + candidates + " candidates needs "
                    + perPoll + " bytes, more than device " + TornadoVm.describe(device) + " can hold (budget "
                    + budgetBytes + " bytes)");
        }
        return (int) Math.min(polls, chunk);
    }

    private PlanCache open(PlanCache plans) {
        if (closed) {
            throw new IllegalStateException("TornadoVoteTally is closed");
        }
        return plans;
    }

    /** Plans held now (counting and weighing), for tests. */
    int plansHeld() {
        synchronized (lock) {
            return counting.size() + weighing.size();
        }
    }

    /** The device this tally runs on, in words. */
    public String device() {
        return TornadoVm.describe(device);
    }

    @Override
    public String name() {
        return "tornadovm";
    }

    /** 0: work is spread over threads of the device, not vector lanes. */
    @Override
    public int vectorBits() {
        return 0;
    }

    /** Releases the plans' device memory; idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            try {
                counting.close();
            } finally {
                weighing.close();
            }
        }
    }

    @Override
    public String toString() {
        return "TornadoVoteTally[" + device() + "]";
    }
}
