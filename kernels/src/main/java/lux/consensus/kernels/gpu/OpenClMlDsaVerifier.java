package lux.consensus.kernels.gpu;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.DistinctKeys;
import lux.consensus.kernels.mldsa.MlDsaArguments;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.MlDsaSpec;

/**
 * An {@link MlDsaBatchVerifier} on an OpenCL device (a GPU, or PoCL's CPU device in CI): FIPS 204 ML-DSA.Verify
 * (Algorithm 3, empty context) for a whole batch, computing exactly what {@link BouncyCastleMlDsaVerifier}
 * computes.
 *
 * <p>How the work is split ({@code mldsa_verify.cl} says more):
 * <ul>
 *   <li>host: the argument checks, the lengths of each item, and HintBitUnpack's validity (Algorithm 21: counts
 *       in order and at most omega, indices strictly increasing per row, unused bytes zero), a few dozen byte
 *       comparisons per item; items failing them are false without going to the device. Then the distinct keys
 *       of each chunk (by identity, then content), and packing;</li>
 *   <li>device, per distinct key: ExpandA (SHAKE128 rejection sampling, one work-item per matrix entry),
 *       NTT(t1 2^d) and tr = H(pk);</li>
 *   <li>device, per signature: mu, SampleInBall and NTT(c); per (signature, column): z's decoding, its norm bound
 *       and NTT(z); per (signature, row, coefficient): the products with A-hat and t1; per (signature, row): the
 *       inverse NTT, UseHint and w1Encode; per signature: H(mu || w1) and the comparison with c-tilde.</li>
 * </ul>
 *
 * <p>Device memory is bounded: a batch whose buffers pass the context's {@link OpenClContext#memoryBudgetBytes()}
 * (or the largest buffer) runs in consecutive chunks ({@link OpenClContext#itemsPerChunk}), each budgeted as if
 * every item had its own key. A device error throws {@link GpuException} and no answer is returned; the caller
 * can verify the batch on the CPU. Bad data is an answer ({@code false}), never an exception.
 *
 * <p>Within a chunk, the key work runs once and the signatures go to the device in slices of
 * {@value #SLICE_ITEMS}: the host packs the next slice (on all cores, straight into page-locked staging memory,
 * {@link OpenClPinnedBuffer}, from which it reaches the device at DMA speed) while the device works on the current
 * one. Device buffers are kept from call to call (grown when a chunk needs more; all made anew at the sizes needed
 * if keeping them would pass the budget).
 *
 * <p>Calls are serialized (kernel arguments and buffers are shared state), so one instance may be shared between
 * threads. The program of each parameter set is built on first use. Close it to release the device memory.
 */
public final class OpenClMlDsaVerifier implements MlDsaBatchVerifier, AutoCloseable {

    /** The name {@link #name()} reports. */
    public static final String NAME = "opencl";

    static final String SOURCE = "lux/consensus/kernels/gpu/mldsa_verify.cl";
    static final int Q = MlDsaSpec.Q;
    static final int N = MlDsaSpec.N;
    /** Bytes of tr and of mu (FIPS 204 Algorithm 7 lines 6-7). */
    static final int HASH_BYTES = 64;
    /**
     * The parts of a call {@link #lastPhaseNanos()} times: the host's checks; key dedup and the packing the device
     * did not hide; buffer allocation; uploads; each kernel; result download.
     */
    static final String[] PHASES = {"screen", "host", "alloc", "upload", "keys", "prepare", "z", "products", "w", "final",
        "download"};
    /**
     * Signatures per slice: a chunk's signatures go to the device in slices, and the host packs the next slice
     * while the device works on the current one. Large enough to fill a big GPU (32768 signatures are 196,608
     * work-items in mldsa_w for ML-DSA-65).
     */
    static final int SLICE_ITEMS = 32_768;
    /** Batches at least this large are checked and packed on all cores. */
    static final int PARALLEL_PACKING = 4096;

    private final OpenClContext context;
    private final boolean ownsContext;
    private final long budgetBytes;
    private final int sliceItems;
    private final OpenClBuffer zetas;
    private final Map<MlDsaParams, Kernels> programs = new EnumMap<>(MlDsaParams.class);
    private final Object lock = new Object();
    private boolean closed;
    // Device buffers by role, kept from chunk to chunk and call to call (grown when too small), and the
    // page-locked staging memory of the signatures and messages.
    private static final int PKS = 0;
    private static final int AHAT = 1;
    private static final int T1HAT = 2;
    private static final int TR = 3;
    private static final int SIGS = 4;
    private static final int MSGS = 5;
    private static final int OFFSETS = 6;
    private static final int KEY_INDEX = 7;
    private static final int MU = 8;
    private static final int CHAT = 9;
    private static final int OK = 10;
    private static final int ZHAT = 11;
    private static final int W1 = 12;
    private static final int RESULT = 13;
    private static final int WACC = 14;
    private final OpenClBuffer[] device = new OpenClBuffer[15];
    /** Two sets of staging memory, [slice parity][0 signatures, 1 messages]: one is packed while the other uploads. */
    private final OpenClPinnedBuffer[][] staging = new OpenClPinnedBuffer[2][2];
    /** Nanoseconds per {@link #PHASES} entry in the last call, all chunks together, for the timing report. */
    private final long[] phaseNanos = new long[PHASES.length];

    /**
     * Opens the preferred OpenCL device ({@link GpuDevices#open()}).
     *
     * @throws GpuUnavailableException if there is no OpenCL device
     */
    public OpenClMlDsaVerifier() {
        this(GpuDevices.open(), true, -1);
    }

    /** On a context the caller owns (and closes after this verifier). */
    public OpenClMlDsaVerifier(OpenClContext context) {
        this(context, false, -1);
    }

    /** For tests: a memory budget far below the device's, so that batches split into chunks. */
    OpenClMlDsaVerifier(OpenClContext context, long budgetBytes) {
        this(context, false, budgetBytes, SLICE_ITEMS);
    }

    /** For tests: chunks run in slices of {@code sliceItems} signatures. */
    OpenClMlDsaVerifier(OpenClContext context, long budgetBytes, int sliceItems) {
        this(context, false, budgetBytes, sliceItems);
    }

    private OpenClMlDsaVerifier(OpenClContext context, boolean ownsContext, long budgetBytes) {
        this(context, ownsContext, budgetBytes, SLICE_ITEMS);
    }

    private OpenClMlDsaVerifier(OpenClContext context, boolean ownsContext, long budgetBytes, int sliceItems) {
        if (sliceItems < 1) {
            throw new IllegalArgumentException("sliceItems must be >= 1, got " + sliceItems);
        }
        this.context = Objects.requireNonNull(context, "context");
        this.ownsContext = ownsContext;
        this.budgetBytes = budgetBytes > 0 ? budgetBytes : context.memoryBudgetBytes();
        this.sliceItems = sliceItems;
        try {
            this.zetas = context.input((long) N * Integer.BYTES);
            int[] table = MlDsaSpec.montgomeryZetas();
            zetas.write(table, 0, table.length);
        } catch (RuntimeException e) {
            if (ownsContext) {
                context.close();
            }
            throw e;
        }
    }

    /** The device this verifier runs on. */
    public GpuDevice device() {
        return context.device();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "OpenClMlDsaVerifier[" + context.device().name() + "]";
    }

    @Override
    public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        int n = MlDsaArguments.check(params, publicKeys, messages, signatures);
        boolean[] valid = new boolean[n];
        MlDsaSpec spec = MlDsaSpec.of(params);
        // The host's checks (on all cores for large batches), then the indices of the items that passed.
        long screenStart = System.nanoTime();
        IntStream screen = IntStream.range(0, n);
        (n >= PARALLEL_PACKING ? screen.parallel() : screen).forEach(i -> valid[i] =
                MlDsaArguments.screen(spec, publicKeys[i], messages[i], signatures[i]));
        int[] items = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (valid[i]) {
                items[count++] = i;
                valid[i] = false; // the device's answer replaces it
            }
        }
        long screenTime = System.nanoTime() - screenStart;
        if (count == 0) {
            return valid;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("OpenClMlDsaVerifier is closed");
            }
            Kernels kernels = kernels(spec);
            Arrays.fill(phaseNanos, 0);
            phaseNanos[0] = screenTime;
            // A chunk's signatures and messages must each fit one ByteBuffer (the staging memory) too.
            int chunk = (int) Math.min(Math.min(count, Integer.MAX_VALUE / spec.params().signatureBytes()),
                    context.itemsPerChunk(budgetBytes * 3 / 4, bytesPerItem(spec)));
            long messageLimit = Math.min(Math.min(context.maxAllocBytes(), Integer.MAX_VALUE), budgetBytes / 4);
            int first = 0;
            while (first < count) {
                int end = Math.min(count, first + chunk);
                while (messageBytes(messages, items, first, end) > messageLimit && end - first > 1) {
                    end = first + (end - first) / 2;
                }
                // A lone item may take the largest buffer for its message, whatever the budget.
                if (messageBytes(messages, items, first, end) > Math.min(context.maxAllocBytes(), Integer.MAX_VALUE)) {
                    throw new GpuException("message " + items[first] + " (" + messages[items[first]].length
                            + " bytes) does not fit device " + context.device().name() + " (largest buffer "
                            + context.maxAllocBytes() + " bytes)");
                }
                runChunk(spec, kernels, publicKeys, messages, signatures, items, first, end, valid);
                first = end;
            }
        }
        return valid;
    }

    /** Time per {@link #PHASES} entry in the last call (a copy), for the timing report. */
    long[] lastPhaseNanos() {
        synchronized (lock) {
            return phaseNanos.clone();
        }
    }

    private static long messageBytes(byte[][] messages, int[] items, int from, int to) {
        long total = 0;
        for (int k = from; k < to; k++) {
            total += messages[items[k]].length;
        }
        return total;
    }

    /** Verifies items[first .. end) on the device, writing their answers into {@code valid}. */
    private void runChunk(MlDsaSpec spec, Kernels kernels, byte[][] publicKeys, byte[][] messages, byte[][] signatures,
            int[] items, int first, int end, boolean[] valid) {
        int n = end - first;
        long start = System.nanoTime();
        DistinctKeys distinctKeys = DistinctKeys.of(publicKeys, items, first, end);
        int[] keyOf = distinctKeys.keyOf();
        List<byte[]> distinct = distinctKeys.keys();
        int keys = distinct.size();
        int pkBytes = spec.params().publicKeyBytes();
        int sigBytes = spec.params().signatureBytes();
        byte[] packedKeys = new byte[Math.multiplyExact(keys, pkBytes)];
        for (int k = 0; k < keys; k++) {
            System.arraycopy(distinct.get(k), 0, packedKeys, k * pkBytes, pkBytes);
        }
        // Slices: consecutive runs of at most sliceItems signatures; their message bytes size the message buffers.
        int slices = (int) ((n + (long) sliceItems - 1) / sliceItems);
        int slice = Math.min(n, sliceItems);
        long sliceMessages = 1;
        for (int sl = 0; sl < slices; sl++) {
            long bytes = 0;
            for (int k = sl * sliceItems; k < Math.min(n, (sl + 1L) * sliceItems); k++) {
                bytes += messages[items[first + k]].length;
            }
            sliceMessages = Math.max(sliceMessages, bytes);
        }
        long sigSlice = (long) slice * sigBytes;
        long polyBytes = (long) N * Integer.BYTES;
        start = lap(1, start);
        long[] need = new long[device.length];
        need[PKS] = packedKeys.length;
        need[AHAT] = keys * spec.k() * spec.l() * polyBytes;
        need[T1HAT] = keys * spec.k() * polyBytes;
        need[TR] = (long) keys * HASH_BYTES;
        need[SIGS] = sigSlice;
        need[MSGS] = sliceMessages;
        need[OFFSETS] = (long) (slice + 1) * Long.BYTES;
        need[KEY_INDEX] = (long) slice * Integer.BYTES;
        need[MU] = (long) slice * HASH_BYTES;
        need[CHAT] = slice * polyBytes;
        need[OK] = (long) slice * Integer.BYTES;
        need[ZHAT] = slice * spec.l() * polyBytes;
        need[WACC] = slice * spec.k() * polyBytes;
        need[W1] = (long) slice * spec.k() * spec.w1PolyBytes();
        need[RESULT] = slice;
        reserve(need);
        OpenClBuffer pks = device[PKS];
        OpenClBuffer ahat = device[AHAT];
        OpenClBuffer t1hat = device[T1HAT];
        OpenClBuffer tr = device[TR];
        OpenClBuffer sigs = device[SIGS];
        OpenClBuffer msgs = device[MSGS];
        OpenClBuffer offs = device[OFFSETS];
        OpenClBuffer keyIndex = device[KEY_INDEX];
        OpenClBuffer mu = device[MU];
        OpenClBuffer chat = device[CHAT];
        OpenClBuffer ok = device[OK];
        OpenClBuffer zhat = device[ZHAT];
        OpenClBuffer wacc = device[WACC];
        OpenClBuffer w1 = device[W1];
        OpenClBuffer out = device[RESULT];
        for (int parity = 0; parity < Math.min(2, slices); parity++) {
            staging[parity][0] = staging(staging[parity][0], sigSlice);
            staging[parity][1] = staging(staging[parity][1], sliceMessages);
        }
        start = lap(2, start);

        long[][] offsets = new long[2][slice + 1];
        byte[] result = new byte[slice];
        // The host packs the first slice while the device expands the keys.
        CompletableFuture<Void> next = CompletableFuture.runAsync(
                () -> pack(spec, messages, signatures, items, first, n, 0, offsets[0]));
        try {
            pks.write(packedKeys, 0, packedKeys.length);
            start = lap(3, start);
            kernels.keys.arg(0, pks).arg(1, keys).arg(2, ahat).arg(3, t1hat).arg(4, tr).arg(5, zetas)
                    .run((long) keys * keyPieces(spec));
            start = lap(4, start);
            next.join();
            next = null;
            start = lap(1, start);
            for (int sl = 0; sl < slices; sl++) {
                int from = sl * sliceItems;
                int m = Math.min(sliceItems, n - from);
                int parity = sl & 1;
                staging[parity][0].copyTo(sigs, (long) m * sigBytes);
                staging[parity][1].copyTo(msgs, Math.max(1, offsets[parity][m]));
                offs.write(offsets[parity], 0, m + 1);
                keyIndex.write(keyOf, from, m);
                start = lap(3, start);
                if (sl + 1 < slices) { // the host packs the next slice while the device works on this one
                    int following = sl + 1;
                    next = CompletableFuture.runAsync(() -> pack(spec, messages, signatures, items, first, n, following,
                            offsets[following & 1]));
                }
                kernels.prepare.arg(0, sigs).arg(1, msgs).arg(2, offs).arg(3, keyIndex).arg(4, m).arg(5, tr)
                        .arg(6, mu).arg(7, chat).arg(8, ok).arg(9, zetas).run(m);
                start = lap(5, start);
                kernels.z.arg(0, sigs).arg(1, m).arg(2, zhat).arg(3, ok).arg(4, zetas).run((long) m * spec.l());
                start = lap(6, start);
                kernels.products.arg(0, keyIndex).arg(1, m).arg(2, ahat).arg(3, t1hat).arg(4, zhat).arg(5, chat)
                        .arg(6, ok).arg(7, wacc).run((long) m * spec.k() * N);
                start = lap(7, start);
                kernels.w.arg(0, sigs).arg(1, m).arg(2, wacc).arg(3, ok).arg(4, w1).arg(5, zetas)
                        .run((long) m * spec.k());
                start = lap(8, start);
                kernels.fin.arg(0, sigs).arg(1, mu).arg(2, w1).arg(3, ok).arg(4, m).arg(5, out).run(m);
                start = lap(9, start);
                out.read(result, 0, m);
                for (int k = 0; k < m; k++) {
                    valid[items[first + from + k]] = result[k] == 1;
                }
                start = lap(10, start);
                if (next != null) {
                    next.join(); // packing errors are programming errors: they surface as CompletionException
                    next = null;
                    start = lap(1, start);
                }
            }
        } finally {
            if (next != null) {
                // A device error left a slice packing into staging memory: let it finish before anyone may unmap
                // that memory.
                next.exceptionally(e -> null).join();
            }
        }
    }

    /**
     * Packs slice {@code sl} of the chunk items[first .. first + n) into the staging memory of its parity:
     * signatures back to back, messages back to back with {@code offsets[k] .. offsets[k + 1]} holding message k
     * of the slice. On all cores for large slices.
     */
    private void pack(MlDsaSpec spec, byte[][] messages, byte[][] signatures, int[] items, int first, int n, int sl,
            long[] offsets) {
        int from = sl * sliceItems;
        int m = Math.min(sliceItems, n - from);
        int sigBytes = spec.params().signatureBytes();
        offsets[0] = 0;
        for (int k = 0; k < m; k++) {
            offsets[k + 1] = offsets[k] + messages[items[first + from + k]].length;
        }
        ByteBuffer sigStage = staging[sl & 1][0].buffer();
        ByteBuffer messageStage = staging[sl & 1][1].buffer();
        IntStream range = IntStream.range(0, m);
        (m >= PARALLEL_PACKING ? range.parallel() : range).forEach(k -> {
            int item = items[first + from + k];
            sigStage.put(k * sigBytes, signatures[item], 0, sigBytes);
            messageStage.put((int) offsets[k], messages[item], 0, messages[item].length);
        });
    }

    /**
     * Makes {@code device[role]} hold at least {@code need[role]} bytes (at least 1) for every role, keeping the
     * buffers of an earlier chunk or call that are large enough. If keeping them all would pass the memory budget
     * (the largest buffers of different calls together), all are released first and made anew at the sizes needed.
     */
    private void reserve(long[] need) {
        long kept = 0;
        boolean grow = false;
        for (int role = 0; role < device.length; role++) {
            long size = Math.max(1, need[role]);
            long held = device[role] == null ? 0 : device[role].bytes();
            kept += Math.max(held, size);
            grow |= held < size;
        }
        if (!grow) {
            return;
        }
        for (int role = 0; role < device.length; role++) {
            if (device[role] != null && (kept > budgetBytes || device[role].bytes() < Math.max(1, need[role]))) {
                device[role].close();
                device[role] = null;
            }
        }
        for (int role = 0; role < device.length; role++) {
            if (device[role] == null) {
                device[role] = context.scratch(Math.max(1, need[role]));
            }
        }
    }

    /** {@code held} if it has room for {@code bytes}, else a new pinned buffer (the old one released first). */
    private OpenClPinnedBuffer staging(OpenClPinnedBuffer held, long bytes) {
        if (held != null && held.bytes() >= bytes) {
            return held;
        }
        if (held != null) {
            held.close();
        }
        return OpenClPinnedBuffer.allocate(context, bytes);
    }

    /** Adds the time since {@code start} to phase {@code phase}; returns now. */
    private long lap(int phase, long start) {
        long now = System.nanoTime();
        phaseNanos[phase] += now - start;
        return now;
    }

    private Kernels kernels(MlDsaSpec spec) {
        Kernels kernels = programs.get(spec.params());
        if (kernels == null) {
            kernels = new Kernels(context.buildResources(buildOptions(spec), OpenClShake.KECCAK, SOURCE));
            programs.put(spec.params(), kernels);
        }
        return kernels;
    }

    /** Releases the kernels, programs and tables, and the context if this verifier opened it; idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                programs.values().forEach(Kernels::close);
                for (OpenClBuffer b : device) {
                    if (b != null) {
                        b.close();
                    }
                }
                for (OpenClPinnedBuffer[] pair : staging) {
                    for (OpenClPinnedBuffer b : pair) {
                        if (b != null) {
                            b.close();
                        }
                    }
                }
                zetas.close();
            } finally {
                if (ownsContext) {
                    context.close();
                }
            }
        }
    }


    /** The six kernels of one parameter set's program. */
    private static final class Kernels implements AutoCloseable {
        final OpenClProgram program;
        final OpenClKernel keys;
        final OpenClKernel prepare;
        final OpenClKernel z;
        final OpenClKernel products;
        final OpenClKernel w;
        final OpenClKernel fin;

        Kernels(OpenClProgram program) {
            this.program = program;
            List<OpenClKernel> made = new ArrayList<>();
            try {
                for (String name : new String[] {"mldsa_keys", "mldsa_prepare", "mldsa_z", "mldsa_products", "mldsa_w",
                    "mldsa_final"}) {
                    made.add(program.kernel(name));
                }
            } catch (RuntimeException e) {
                made.forEach(OpenClKernel::close);
                program.close();
                throw e;
            }
            this.keys = made.get(0);
            this.prepare = made.get(1);
            this.z = made.get(2);
            this.products = made.get(3);
            this.w = made.get(4);
            this.fin = made.get(5);
        }

        @Override
        public void close() {
            for (OpenClKernel k : new OpenClKernel[] {keys, prepare, z, products, w, fin}) {
                k.close();
            }
            program.close();
        }
    }

    /** Work-items of mldsa_keys per key: k l matrix entries, k rows of t1, tr. */
    static int keyPieces(MlDsaSpec spec) {
        return spec.k() * spec.l() + spec.k() + 1;
    }

    /**
     * Device bytes per item, buffer by buffer, as if each item had its own key: its key, A-hat, NTT(t1 2^d), tr;
     * its signature, message offset, key index, mu, NTT(c), ok flag, NTT(z), the rows before NTT^-1, w1 encoding
     * and result.
     */
    static long[] bytesPerItem(MlDsaSpec spec) {
        long poly = (long) N * Integer.BYTES;
        int k = spec.k();
        int l = spec.l();
        return new long[] {spec.params().publicKeyBytes(), k * l * poly, k * poly, HASH_BYTES,
            spec.params().signatureBytes(), Long.BYTES, Integer.BYTES, HASH_BYTES, poly, Integer.BYTES, l * poly,
            k * poly, (long) k * spec.w1PolyBytes(), 1};
    }

    /** 256^-1 R^2 mod q with R = 2^32: the inverse NTT's scaling with the correction for Montgomery products. */
    static long inverseScale() {
        long r = (1L << 32) % Q;
        return 8_347_681L * r % Q * r % Q; // 8347681 = 256^-1 mod q (FIPS 204 Algorithm 42, line 21)
    }

    /** The parameter set's numbers (FIPS 204 Table 1) as the build options of mldsa_verify.cl. */
    static String buildOptions(MlDsaSpec spec) {
        return String.format(Locale.ROOT, "-D MLDSA_K=%d -D MLDSA_L=%d -D MLDSA_TAU=%d -D MLDSA_CTILDE=%d"
                + " -D MLDSA_GAMMA1=%d -D MLDSA_GAMMA2=%d -D MLDSA_BETA=%d -D MLDSA_OMEGA=%d -D MLDSA_ZBITS=%d"
                + " -D MLDSA_W1BITS=%d -D MLDSA_INV_SCALE=%d", spec.k(), spec.l(), spec.tau(), spec.cTildeBytes(),
                spec.gamma1(), spec.gamma2(), spec.beta(), spec.omega(), spec.zBits(), spec.w1Bits(), inverseScale());
    }
}
