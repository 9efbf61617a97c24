package lux.consensus.kernels.tally;

import java.util.Arrays;
import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.gpu.GpuUnavailableException;
import lux.consensus.kernels.gpu.OpenClBuffer;
import lux.consensus.kernels.gpu.OpenClContext;
import lux.consensus.kernels.gpu.OpenClKernel;
import lux.consensus.kernels.gpu.OpenClProgram;

/**
 * A {@link VoteTally} on an OpenCL device (a GPU, or PoCL's CPU device in CI), computing exactly what
 * {@link ScalarVoteTally} computes. Every call copies its votes (and weights) to the device, runs one
 * work-item per (poll, candidate) pair (see {@code vote_tally.cl}), and copies the counts back.
 *
 * <p>Device memory is bounded: a batch whose buffers would pass {@link OpenClContext#memoryBudgetBytes()}
 * or the device's largest buffer runs as consecutive chunks of whole polls. A device error throws
 * {@link GpuException}; the counts prefix is then unspecified (earlier chunks may be written) and the
 * caller can run the batch again on the CPU. Bad arguments are rejected before the device is touched,
 * with the same exceptions as every backend.
 *
 * <p>Calls are serialized (the kernels' arguments are shared state), so one instance is safe to share
 * between threads. Close it to release the device; an instance made on a caller's context leaves the
 * context open.
 */
public final class OpenClVoteTally implements VoteTally, AutoCloseable {

    /** The OpenCL C source, a class-path resource. */
    static final String SOURCE = "lux/consensus/kernels/gpu/vote_tally.cl";

    private final OpenClContext context;
    private final boolean ownsContext;
    private final long budgetBytes;
    private final OpenClProgram program;
    private final OpenClKernel countKernel;
    private final OpenClKernel weighKernel;
    private final Object lock = new Object();

    /**
     * Opens the preferred OpenCL device ({@link GpuDevices#open()}) and builds the kernels on it.
     *
     * @throws GpuUnavailableException if there is no OpenCL device
     * @throws GpuException            if the kernels do not build there
     */
    public OpenClVoteTally() {
        this(GpuDevices.open(), true, -1);
    }

    /**
     * Builds the kernels on a context the caller owns (and closes after this tally).
     *
     * @throws GpuException if the kernels do not build there
     */
    public OpenClVoteTally(OpenClContext context) {
        this(context, false, -1);
    }

    /** For tests: a memory budget far below the device's, so that batches split into many chunks. */
    OpenClVoteTally(OpenClContext context, long budgetBytes) {
        this(context, false, budgetBytes);
    }

    private OpenClVoteTally(OpenClContext context, boolean ownsContext, long budgetBytes) {
        this.context = context;
        this.ownsContext = ownsContext;
        this.budgetBytes = budgetBytes > 0 ? budgetBytes : context.memoryBudgetBytes();
        OpenClProgram built = null;
        OpenClKernel count = null;
        try {
            built = context.buildResources("", SOURCE);
            count = built.kernel("tally");
            this.weighKernel = built.kernel("tally_weighted");
        } catch (RuntimeException e) {
            if (count != null) {
                count.close();
            }
            if (built != null) {
                built.close();
            }
            if (ownsContext) {
                context.close();
            }
            throw e;
        }
        this.program = built;
        this.countKernel = count;
    }

    @Override
    public void tally(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        if (TallyArguments.answeredWithoutCounting(polls, votesPerPoll, candidates, counts)) {
            return;
        }
        // Per poll: its votes in, its counts out.
        int chunk = chunkPolls(polls, votesPerPoll, (long) candidates * Integer.BYTES);
        synchronized (lock) {
            try (OpenClBuffer in = context.input((long) chunk * votesPerPoll);
                 OpenClBuffer out = context.output((long) chunk * candidates * Integer.BYTES)) {
                countKernel.arg(0, in).arg(3, candidates).arg(4, out);
                for (int first = 0; first < polls; first += chunk) {
                    int n = Math.min(chunk, polls - first);
                    in.write(votes, first * votesPerPoll, n * votesPerPoll);
                    countKernel.arg(1, n).arg(2, votesPerPoll).run((long) n * candidates);
                    out.read(counts, first * candidates, n * candidates);
                }
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
        // Per poll: its votes and weights in, its sums out.
        int chunk = chunkPolls(polls, votesPerPoll, (long) votesPerPoll * Long.BYTES, (long) candidates * Long.BYTES);
        synchronized (lock) {
            try (OpenClBuffer in = context.input((long) chunk * votesPerPoll);
                 OpenClBuffer w = context.input((long) chunk * votesPerPoll * Long.BYTES);
                 OpenClBuffer out = context.output((long) chunk * candidates * Long.BYTES)) {
                weighKernel.arg(0, in).arg(1, w).arg(4, candidates).arg(5, out);
                for (int first = 0; first < polls; first += chunk) {
                    int n = Math.min(chunk, polls - first);
                    in.write(votes, first * votesPerPoll, n * votesPerPoll);
                    w.write(weights, first * votesPerPoll, n * votesPerPoll);
                    weighKernel.arg(2, n).arg(3, votesPerPoll).run((long) n * candidates);
                    out.read(counts, first * candidates, n * candidates);
                }
            }
        }
    }

    /** Polls per chunk (at most {@code polls}): the first buffer holds the votes, one byte each. */
    private int chunkPolls(int polls, int votesPerPoll, long... otherBytesPerPoll) {
        long[] perPoll = Arrays.copyOf(new long[] {votesPerPoll}, 1 + otherBytesPerPoll.length);
        System.arraycopy(otherBytesPerPoll, 0, perPoll, 1, otherBytesPerPoll.length);
        return (int) Math.min(polls, context.itemsPerChunk(budgetBytes, perPoll));
    }

    /** The device this tally runs on. */
    public OpenClContext context() {
        return context;
    }

    @Override
    public String name() {
        return "opencl";
    }

    /** 0: work is spread over work-items, not vector lanes. */
    @Override
    public int vectorBits() {
        return 0;
    }

    /** Releases the kernels and program, and the context if this tally opened it; idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            weighKernel.close();
            countKernel.close();
            program.close();
            if (ownsContext) {
                context.close();
            }
        }
    }

    @Override
    public String toString() {
        return "OpenClVoteTally[" + context.device().describe() + "]";
    }
}
