package lux.consensus.tornadovm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.gpu.GpuUnavailableException;
import lux.consensus.kernels.mldsa.DistinctKeys;
import lux.consensus.kernels.mldsa.MlDsaArguments;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.MlDsaSpec;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.exceptions.TornadoInternalError;

/**
 * An {@link MlDsaBatchVerifier} written as TornadoVM Java kernels ({@link MlDsaKernels}): FIPS 204 ML-DSA.Verify
 * with the empty context, computing exactly what {@code BouncyCastleMlDsaVerifier} computes, on a TornadoVM device.
 * Runs only in a JVM started with TornadoVM's flags.
 *
 * <p>The host checks the arguments, screens each item ({@link MlDsaArguments#screen}: lengths and the hint encoding; a
 * failing item is false without going to the device), finds each chunk's distinct keys and packs the buffers; the
 * device does the rest: per key A-hat, NTT(t1 2^d) and tr, per signature everything else.
 *
 * <p>Device memory is bounded: a batch runs in chunks of at most {@link #MAX_CHUNK} signatures whose buffers,
 * counted as if each had its own key, take at most half the budget (a quarter of the device's global memory unless
 * given), messages at most a quarter. A TornadoVM failure throws {@link GpuException} naming the device and no
 * answer is returned; the caller can verify the batch on the CPU. Bad data is an answer ({@code false}), never an
 * exception. Compiled plans are kept from call to call (a few, within the budget). Calls are serialized, so one
 * instance may be shared. Close it to release the device memory.
 */
public final class TornadoMlDsaVerifier implements MlDsaBatchVerifier, AutoCloseable {

    /** The name {@link #name()} reports. */
    public static final String NAME = "tornadovm";
    /** Most signatures per chunk (each takes about 16 KiB of device scratch). */
    static final int MAX_CHUNK = 8192;
    /** Smallest capacities of a new plan, so that small batches share one. */
    static final int MIN_ITEMS = 64;
    static final int MIN_KEYS = 4;
    static final int MIN_MESSAGE_BYTES = 1 << 16;
    /** A plan serves chunks down to this many times smaller than it. */
    static final int SPARE = 8;
    /** Most plans held. */
    static final int MAX_PLANS = 3;

    private final TornadoDevice device;
    private final long budgetBytes;
    private final int maxChunk;
    private final Object lock = new Object();
    /** Most recently used first. */
    private final List<MlDsaPlan> plans = new ArrayList<>();
    private boolean closed;

    /**
     * On TornadoVM's default device.
     *
     * @throws GpuUnavailableException if this JVM does not run under TornadoVM, or TornadoVM has no device
     */
    public TornadoMlDsaVerifier() {
        this(requireDevice(), -1, MAX_CHUNK);
    }

    /** For tests: a smaller budget or chunk, so that batches split. */
    TornadoMlDsaVerifier(TornadoDevice device, long budgetBytes, int maxChunk) {
        if (maxChunk < 1) {
            throw new IllegalArgumentException("maxChunk must be >= 1, got " + maxChunk);
        }
        this.device = device;
        this.budgetBytes = budgetBytes > 0 ? budgetBytes : device.getMaxGlobalMemory() / 4;
        this.maxChunk = maxChunk;
    }

    private static TornadoDevice requireDevice() {
        String why = TornadoVm.absentReason().orElse(null);
        if (why != null) {
            throw new GpuUnavailableException("TornadoVM ML-DSA verifier cannot run: " + why);
        }
        return TornadoVm.defaultDevice();
    }

    @Override
    public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        // The argument checks of every backend, with the same messages.
        int n = MlDsaArguments.check(params, publicKeys, messages, signatures);
        MlDsaSpec set = MlDsaSpec.of(params);
        int[] items = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (MlDsaArguments.screen(set, publicKeys[i], messages[i], signatures[i])) {
                items[count++] = i;
            }
        }
        boolean[] valid = new boolean[n];
        if (count == 0) {
            return valid;
        }
        long perItem = MlDsaPlan.bytes(1, 1, 0);
        int chunk = (int) Math.min(Math.min(count, maxChunk), Math.max(1, budgetBytes / 2 / perItem));
        if (budgetBytes / 2 < perItem) {
            throw new GpuException("one ML-DSA signature needs " + perItem + " bytes of device memory, more than the"
                    + " budget of " + budgetBytes + " bytes on device " + TornadoVm.describe(device) + " allows");
        }
        long messageLimit = Math.min(TornadoVoteTally.MAX_ELEMENTS, budgetBytes / 4);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("TornadoMlDsaVerifier is closed");
            }
            for (int first = 0; first < count; ) {
                int end = Math.min(count, first + chunk);
                while (end - first > 1 && messageBytes(messages, items, first, end) > messageLimit) {
                    end = first + (end - first) / 2;
                }
                if (messageBytes(messages, items, first, end) > messageLimit) {
                    throw new GpuException("message " + items[first] + " (" + messages[items[first]].length
                            + " bytes) is larger than the " + messageLimit + " bytes device "
                            + TornadoVm.describe(device) + " takes in one run");
                }
                runChunk(set, publicKeys, messages, signatures, items, first, end, valid);
                first = end;
            }
        }
        return valid;
    }

    private static long messageBytes(byte[][] messages, int[] items, int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += messages[items[i]].length;
        }
        return total;
    }

    /** Verifies items[first .. end) on the device, writing their answers into {@code valid}. */
    private void runChunk(MlDsaSpec set, byte[][] publicKeys, byte[][] messages, byte[][] signatures, int[] items,
            int first, int end, boolean[] valid) {
        int n = end - first;
        DistinctKeys distinctKeys = DistinctKeys.of(publicKeys, items, first, end);
        int[] keyOf = distinctKeys.keyOf();
        List<byte[]> distinct = distinctKeys.keys();
        int messageTotal = (int) messageBytes(messages, items, first, end);
        MlDsaPlan plan = plan(n, distinct.size(), messageTotal);
        int pkBytes = set.params().publicKeyBytes();
        int sigBytes = set.params().signatureBytes();
        MemorySegment pks = plan.publicKeys.getSegment();
        for (int key = 0; key < distinct.size(); key++) {
            MemorySegment.copy(distinct.get(key), 0, pks, ValueLayout.JAVA_BYTE, (long) key * pkBytes, pkBytes);
        }
        MemorySegment sigs = plan.signatures.getSegment();
        MemorySegment msgs = plan.messages.getSegment();
        int offset = 0;
        for (int i = 0; i < n; i++) {
            int item = items[first + i];
            MemorySegment.copy(signatures[item], 0, sigs, ValueLayout.JAVA_BYTE, (long) i * sigBytes, sigBytes);
            MemorySegment.copy(messages[item], 0, msgs, ValueLayout.JAVA_BYTE, offset, messages[item].length);
            plan.messageOffsets.set(i, offset);
            plan.keyIndex.set(i, keyOf[i]);
            offset += messages[item].length;
        }
        plan.messageOffsets.set(n, offset);
        try {
            plan.run(set, n, distinct.size());
        } catch (GpuException e) {
            DevicePlan.discard(plans, plan, e);
            throw e;
        }
        for (int i = 0; i < n; i++) {
            valid[items[first + i]] = plan.result.get(i) == 1;
        }
    }

    /** The smallest held plan with room that is at most {@link #SPARE} times too big, else a new one. */
    private MlDsaPlan plan(int n, int keys, int messageTotal) {
        MlDsaPlan best = null;
        for (MlDsaPlan p : plans) {
            if (p.items >= n && p.keys >= keys && p.messageBytes >= messageTotal
                    && p.items / SPARE <= Math.max(n, MIN_ITEMS) && p.keys / SPARE <= Math.max(keys, MIN_KEYS)
                    && (best == null || p.items < best.items)) {
                best = p;
            }
        }
        if (best == null) {
            int itemCapacity = Math.max(MIN_ITEMS, PlanCache.powerOfTwoAtLeast(n));
            int keyCapacity = Math.max(MIN_KEYS, PlanCache.powerOfTwoAtLeast(keys));
            int messageCapacity = Math.max(MIN_MESSAGE_BYTES, PlanCache.powerOfTwoAtLeast(messageTotal));
            // Rounded up past the chunk's own needs only while the budget allows.
            if (MlDsaPlan.bytes(itemCapacity, keyCapacity, messageCapacity) > budgetBytes) {
                itemCapacity = n;
                keyCapacity = keys;
                messageCapacity = Math.max(1, messageTotal);
            }
            try {
                best = new MlDsaPlan(device, itemCapacity, keyCapacity, messageCapacity);
            } catch (RuntimeException | TornadoInternalError e) {
                throw new GpuException("TornadoVM could not set up an ML-DSA plan of " + itemCapacity
                        + " signatures on device " + TornadoVm.describe(device) + ": " + e, e);
            }
        }
        plans.remove(best);
        plans.add(0, best);
        long total = 0;
        for (MlDsaPlan p : plans) {
            total += MlDsaPlan.bytes(p.items, p.keys, p.messageBytes);
        }
        while (plans.size() > 1 && (plans.size() > MAX_PLANS || total > budgetBytes)) {
            MlDsaPlan last = plans.remove(plans.size() - 1);
            total -= MlDsaPlan.bytes(last.items, last.keys, last.messageBytes);
            last.close();
        }
        return best;
    }

    /** Plans held now, for tests. */
    int plansHeld() {
        synchronized (lock) {
            return plans.size();
        }
    }

    /** The device this verifier runs on, in words. */
    public String device() {
        return TornadoVm.describe(device);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Releases the plans' device memory; idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            DevicePlan.closeAll(plans);
        }
    }

    @Override
    public String toString() {
        return "TornadoMlDsaVerifier[" + device() + "]";
    }
}
