package lux.consensus.tornadovm;

import static lux.consensus.tornadovm.MlDsaMath.N;

import java.util.concurrent.atomic.AtomicInteger;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.mldsa.MlDsaSpec;
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
 * One ML-DSA task graph ({@link MlDsaKernels#keys} then {@link MlDsaKernels#verify}) on one device, with its
 * off-heap buffers sized for any parameter set at fixed capacities: {@link #items} signatures, {@link #keys}
 * distinct keys, {@link #messageBytes} bytes of messages. The host fills the input buffers, {@link #run} copies them
 * in, runs both kernels and copies the answers back; the intermediates (A-hat, NTT(t1), tr, scratch) stay on the
 * device. Not thread-safe: its owner serializes calls.
 */
final class MlDsaPlan implements DevicePlan {

    /** Largest public key and signature (ML-DSA-87), and the largest k l + k + 1 and k. */
    static final int MAX_PK = 2592;
    static final int MAX_SIG = 4627;
    static final int MAX_PIECES = MlDsaKernels.keyPieces(8, 7);
    static final int MAX_K = 8;
    static final int MAX_KL = 8 * 7;

    private static final AtomicInteger GRAPHS = new AtomicInteger();
    private static final long[] KECCAK_CONSTANTS = MlDsaKeccak.constants();
    private static final int[] ZETAS = MlDsaMath.zetas();

    final int items;
    final int keys;
    final int messageBytes;
    final IntArray params = new IntArray(MlDsaKernels.PARAMS);
    final ByteArray publicKeys;
    final ByteArray signatures;
    final ByteArray messages;
    final IntArray messageOffsets;
    final IntArray keyIndex;
    final ByteArray result;

    private final WorkerGrid1D keyGrid = new WorkerGrid1D(1);
    private final WorkerGrid1D itemGrid = new WorkerGrid1D(1);
    private final TornadoExecutionPlan plan;
    private final TornadoDevice device;

    MlDsaPlan(TornadoDevice device, int items, int keys, int messageBytes) {
        this.device = device;
        this.items = items;
        this.keys = keys;
        this.messageBytes = messageBytes;
        publicKeys = new ByteArray(keys * MAX_PK);
        signatures = new ByteArray(items * MAX_SIG);
        messages = new ByteArray(messageBytes);
        messageOffsets = new IntArray(items + 1);
        keyIndex = new IntArray(items);
        result = new ByteArray(items);
        LongArray rc = LongArray.fromArray(KECCAK_CONSTANTS);
        IntArray zetas = IntArray.fromArray(ZETAS);
        IntArray aHat = new IntArray(keys * MAX_KL * N);
        IntArray t1Hat = new IntArray(keys * MAX_K * N);
        ByteArray tr = new ByteArray(keys * MlDsaKernels.HASH_BYTES);
        LongArray keyState = new LongArray(keys * MAX_PIECES * MlDsaKeccak.STATE);
        IntArray ints = new IntArray(items * MlDsaKernels.SCRATCH_INTS);
        ByteArray bytes = new ByteArray(items * MlDsaKernels.SCRATCH_BYTES);
        LongArray state = new LongArray(items * MlDsaKeccak.STATE);

        String graph = "luxMlDsa" + GRAPHS.incrementAndGet();
        KernelContext context = new KernelContext();
        TaskGraph tasks = new TaskGraph(graph)
                // Constants and device-only scratch: copied once.
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, rc, zetas, aHat, t1Hat, tr, keyState, ints, bytes,
                        state)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, params, publicKeys, signatures, messages,
                        messageOffsets, keyIndex)
                .task("keys", MlDsaKernels::keys, context, params, rc, zetas, publicKeys, aHat, t1Hat, tr, keyState)
                .task("verify", MlDsaKernels::verify, context, params, rc, zetas, signatures, messages, messageOffsets,
                        keyIndex, aHat, t1Hat, tr, ints, bytes, state, result)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, result);
        ImmutableTaskGraph snapshot = tasks.snapshot();
        keyGrid.setLocalWorkToNull();
        itemGrid.setLocalWorkToNull();
        GridScheduler grids = new GridScheduler();
        grids.addWorkerGrid(graph + ".keys", keyGrid);
        grids.addWorkerGrid(graph + ".verify", itemGrid);
        this.plan = new TornadoExecutionPlan(snapshot).withDevice(device).withGridScheduler(grids);
    }

    /** Device (and host) bytes of a plan of these capacities. */
    static long bytes(long items, long keys, long messageBytes) {
        long perItem = MAX_SIG + 2L * Integer.BYTES + 1 + (long) MlDsaKernels.SCRATCH_INTS * Integer.BYTES
                + MlDsaKernels.SCRATCH_BYTES + (long) MlDsaKeccak.STATE * Long.BYTES;
        long perKey = MAX_PK + (long) (MAX_KL + MAX_K) * N * Integer.BYTES + MlDsaKernels.HASH_BYTES
                + (long) MAX_PIECES * MlDsaKeccak.STATE * Long.BYTES;
        return items * perItem + keys * perKey + messageBytes;
    }

    /**
     * Runs both kernels on what the host put in the buffers: {@code n} items and {@code keyCount} keys of
     * {@code set}.
     *
     * @throws GpuException if TornadoVM fails (compiling, copying or running), naming the device
     */
    void run(MlDsaSpec set, int n, int keyCount) {
        int[] p = MlDsaKernels.params(set, n, keyCount);
        for (int i = 0; i < p.length; i++) {
            params.set(i, p[i]);
        }
        keyGrid.setGlobalWork((long) keyCount * MlDsaKernels.keyPieces(set.k(), set.l()), 1, 1);
        itemGrid.setGlobalWork(n, 1, 1);
        try {
            plan.execute();
        } catch (RuntimeException | TornadoInternalError e) {
            throw new GpuException("TornadoVM ML-DSA verification failed on device " + TornadoVm.describe(device)
                    + " (" + set.params().standardName() + ", chunk of " + n + " signatures, " + keyCount + " keys): "
                    + e, e);
        }
    }

    /** Releases the plan's device memory. */
    @Override
    public void close() {
        try {
            plan.freeDeviceMemory();
            plan.close();
        } catch (TornadoExecutionPlanException | RuntimeException e) {
            throw new GpuException("TornadoVM could not release an ML-DSA plan on " + TornadoVm.describe(device)
                    + ": " + e, e);
        }
    }
}
