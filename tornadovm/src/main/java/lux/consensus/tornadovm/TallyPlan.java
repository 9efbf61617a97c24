package lux.consensus.tornadovm;

import java.util.concurrent.atomic.AtomicInteger;
import lux.consensus.kernels.gpu.GpuException;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.exceptions.TornadoInternalError;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * One tally task graph (counting or weighing) on one device, with its off-heap buffers at fixed capacities. The
 * host fills the buffers with a chunk of polls, {@link #run} copies them in, runs {@link TallyKernels} over the
 * chunk's (poll, candidate) pairs and copies the results back. Not thread-safe: its owner serializes calls.
 */
final class TallyPlan implements DevicePlan {

    private static final AtomicInteger GRAPHS = new AtomicInteger();

    /** Vote bytes (and weights) the buffers hold. */
    final int voteCapacity;
    /** Results (counts or sums) the buffers hold. */
    final int resultCapacity;
    /** The chunk's votes. */
    final ByteArray votes;
    /** The chunk's weights, or null for a counting plan. */
    final LongArray weights;
    /** The chunk's counts, or null for a weighing plan. */
    final IntArray counts;
    /** The chunk's sums, or null for a counting plan. */
    final LongArray sums;

    /** Whether this plan weighs (else it counts). */
    final boolean weighted;

    private final IntArray shape = new IntArray(3);
    private final WorkerGrid1D grid = new WorkerGrid1D(1);
    private final TornadoExecutionPlan plan;
    private final TornadoDevice device;

    private TallyPlan(TornadoDevice device, boolean weighted, int voteCapacity, int resultCapacity, String memoryLimit) {
        this.device = device;
        this.weighted = weighted;
        this.voteCapacity = voteCapacity;
        this.resultCapacity = resultCapacity;
        this.votes = new ByteArray(voteCapacity);
        this.weights = weighted ? new LongArray(voteCapacity) : null;
        this.counts = weighted ? null : new IntArray(resultCapacity);
        this.sums = weighted ? new LongArray(resultCapacity) : null;
        String graph = "luxTally" + GRAPHS.incrementAndGet();
        KernelContext context = new KernelContext();
        TaskGraph tasks = new TaskGraph(graph);
        if (weighted) {
            tasks.transferToDevice(DataTransferMode.EVERY_EXECUTION, votes, weights, shape)
                    .task("weigh", TallyKernels::weigh, context, votes, weights, shape, sums)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, sums);
        } else {
            tasks.transferToDevice(DataTransferMode.EVERY_EXECUTION, votes, shape)
                    .task("count", TallyKernels::count, context, votes, shape, counts)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, counts);
        }
        ImmutableTaskGraph snapshot = tasks.snapshot();
        grid.setLocalWorkToNull(); // the driver picks the work-group size
        TornadoExecutionPlan made = new TornadoExecutionPlan(snapshot)
                .withDevice(device)
                .withGridScheduler(new GridScheduler(graph + "." + (weighted ? "weigh" : "count"), grid));
        this.plan = memoryLimit == null ? made : made.withMemoryLimit(memoryLimit);
    }

    /**
     * A counting plan: {@code voteCapacity} vote bytes in, {@code resultCapacity} counts out; {@code memoryLimit}
     * is TornadoVM's limit for the plan (e.g. "1MB"), or null for none.
     */
    static TallyPlan counting(TornadoDevice device, int voteCapacity, int resultCapacity, String memoryLimit) {
        return new TallyPlan(device, false, voteCapacity, resultCapacity, memoryLimit);
    }

    /** A weighing plan: {@code voteCapacity} vote bytes and weights in, {@code resultCapacity} sums out. */
    static TallyPlan weighing(TornadoDevice device, int voteCapacity, int resultCapacity, String memoryLimit) {
        return new TallyPlan(device, true, voteCapacity, resultCapacity, memoryLimit);
    }

    /** Bytes of buffers a plan of these capacities holds (on the host, and on the device once it ran). */
    static long bytes(boolean weighted, long voteCapacity, long resultCapacity) {
        return voteCapacity * (weighted ? 1 + Long.BYTES : 1) + resultCapacity * (weighted ? Long.BYTES : Integer.BYTES);
    }

    /**
     * Runs the kernel on the chunk already in the buffers: {@code polls} polls of {@code votesPerPoll} votes, with
     * {@code polls * candidates <= resultCapacity} results.
     *
     * @throws GpuException if TornadoVM fails (compiling, copying or running), naming the device
     */
    void run(int polls, int votesPerPoll, int candidates) {
        shape.set(TallyKernels.POLLS, polls);
        shape.set(TallyKernels.VOTES_PER_POLL, votesPerPoll);
        shape.set(TallyKernels.CANDIDATES, candidates);
        grid.setGlobalWork((long) polls * candidates, 1, 1);
        try {
            plan.execute();
        } catch (RuntimeException | TornadoInternalError e) {
            throw new GpuException("TornadoVM tally failed on device " + TornadoVm.describe(device) + " (chunk of "
                    + polls + " polls x " + votesPerPoll + " votes, " + candidates + " candidates): " + e, e);
        }
    }

    /** Releases the plan's device memory. */
    @Override
    public void close() {
        try {
            plan.freeDeviceMemory();
            plan.close();
        } catch (TornadoExecutionPlanException | RuntimeException e) {
            throw new GpuException("TornadoVM could not release the tally plan on " + TornadoVm.describe(device)
                    + ": " + e, e);
        }
    }
}
