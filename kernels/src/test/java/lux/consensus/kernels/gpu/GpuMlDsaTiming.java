package lux.consensus.kernels.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.JavaMlDsaVerifier;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaKeyPair;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.SimdMlDsaVerifier;

/**
 * A short timing of {@link OpenClMlDsaVerifier} for {@code scripts/gpu-check.sh}: ML-DSA-65 batches of valid
 * signatures under up to {@value #DISTINCT_KEYS} distinct keys, reused round-robin (a validator set signing many
 * blocks), transfers and the per-call key expansion included, against the CPU backends on one thread
 * (BouncyCastle, the pure-Java verifier, the SIMD verifier with keys not registered). Every answer is checked
 * to be all true. The CPU backends run on a slice of at most {@value #CPU_SLICE} items of the same batch (their
 * rate does not depend on the batch size past that), best of their runs.
 *
 * <p>Usage: {@code GpuMlDsaTiming OUT_DIR [batch ...]}; writes {@code OUT_DIR/gpu-mldsa-timing.json}. Also prints
 * where the OpenCL time goes (host checks and packing, upload, each kernel, download) for the best run, and for
 * batches above one slice ({@link OpenClMlDsaVerifier#SLICE_ITEMS}) times them again in one slice
 * ({@code opencl-1slice}), which shows what overlapping the host's packing with the device's work gains.
 */
public final class GpuMlDsaTiming {

    static final MlDsaParams PARAMS = MlDsaParams.ML_DSA_65;
    static final int DISTINCT_KEYS = 1024;
    static final int CPU_SLICE = 2048;
    static final int WARMUP_RUNS = 2;
    static final int RUNS = 5;
    /** Each row stops adding runs after this long (at least one timed run), should a device be far slower than hoped. */
    static final long ROW_BUDGET_NANOS = 20_000_000_000L;

    private GpuMlDsaTiming() {
    }

    record Row(String backend, int batch, long bestNanos, long medianNanos) {
        double perSecond() {
            return batch * 1e9 / bestNanos;
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1024, 16_384, 65_536, 131_072};
        int distinct = Math.min(DISTINCT_KEYS, Arrays.stream(sizes).max().orElse(1));
        SplittableRandom random = new SplittableRandom(0x6D1D_5A65L);
        byte[][] poolKeys = new byte[distinct][];
        byte[][] poolMessages = new byte[distinct][];
        byte[][] poolSignatures = new byte[distinct][];
        long signStart = System.nanoTime();
        for (int k = 0; k < distinct; k++) {
            MlDsaKeyPair pair = MlDsa.generate(PARAMS, bytes(random, 32));
            poolKeys[k] = pair.publicKey();
            poolMessages[k] = bytes(random, 32 + random.nextInt(96)); // a block hash and a little context
            poolSignatures[k] = MlDsa.sign(pair, poolMessages[k]);
        }
        System.out.printf(Locale.ROOT, "%d %s keys and signatures made in %.1f s%n", distinct, PARAMS.standardName(),
                (System.nanoTime() - signStart) / 1e9);

        List<Row> rows = new ArrayList<>();
        StringBuilder phases = new StringBuilder();
        String device;
        try (OpenClContext context = GpuDevices.open();
             OpenClMlDsaVerifier gpu = new OpenClMlDsaVerifier(context);
             OpenClMlDsaVerifier unsliced = new OpenClMlDsaVerifier(context, 0, Integer.MAX_VALUE)) {
            device = gpu.device().describe();
            System.out.println("OpenCL device: " + device);
            List<MlDsaBatchVerifier> cpu = new ArrayList<>();
            cpu.add(new BouncyCastleMlDsaVerifier());
            cpu.add(new JavaMlDsaVerifier());
            try {
                cpu.add(new SimdMlDsaVerifier(preferredBits(), 0)); // no key cache: every call is cold
            } catch (UnsupportedOperationException | LinkageError e) {
                System.out.println("SIMD verifier not timed: " + e);
            }
            System.out.printf(Locale.ROOT, "%-14s %10s %12s %12s %16s%n", "backend", "batch", "best ms", "median ms",
                    "signatures/s");
            Map<String, Row> cpuBySlice = new HashMap<>();
            for (int batch : sizes) {
                byte[][] keys = new byte[batch][];
                byte[][] messages = new byte[batch][];
                byte[][] signatures = new byte[batch][];
                for (int i = 0; i < batch; i++) {
                    keys[i] = poolKeys[i % distinct];
                    messages[i] = poolMessages[i % distinct];
                    signatures[i] = poolSignatures[i % distinct];
                }
                long[] bestPhases = new long[OpenClMlDsaVerifier.PHASES.length];
                Row row = time(gpu.name(), batch, () -> {
                    require(allTrue(gpu.verify(PARAMS, keys, messages, signatures)), "opencl rejected a valid signature");
                }, () -> System.arraycopy(gpu.lastPhaseNanos(), 0, bestPhases, 0, bestPhases.length));
                print(row);
                rows.add(row);
                phases(phases, "opencl", batch, bestPhases);
                if (batch > OpenClMlDsaVerifier.SLICE_ITEMS) {
                    // The same batch in one slice: what packing the next slice during the device's work gains.
                    Row whole = time("opencl-1slice", batch, () -> require(allTrue(unsliced.verify(PARAMS, keys,
                            messages, signatures)), "opencl rejected a valid signature"),
                            () -> System.arraycopy(unsliced.lastPhaseNanos(), 0, bestPhases, 0, bestPhases.length));
                    print(whole);
                    rows.add(whole);
                    phases(phases, "opencl-1slice", batch, bestPhases);
                }
                int slice = Math.min(batch, CPU_SLICE);
                for (MlDsaBatchVerifier v : cpu) {
                    Row cpuRow = cpuBySlice.get(v.name() + "/" + slice);
                    if (cpuRow == null) {
                        byte[][] k = Arrays.copyOf(keys, slice);
                        byte[][] m = Arrays.copyOf(messages, slice);
                        byte[][] s = Arrays.copyOf(signatures, slice);
                        cpuRow = time(v.name(), slice, () -> require(allTrue(v.verify(PARAMS, k, m, s)),
                                v.name() + " rejected a valid signature"), () -> { });
                        cpuBySlice.put(v.name() + "/" + slice, cpuRow);
                    }
                    print(cpuRow);
                    rows.add(cpuRow);
                }
            }
        }
        System.out.print(phases);
        Files.createDirectories(out);
        Path file = out.resolve("gpu-mldsa-timing.json");
        Files.writeString(file, json(device, rows, phases.toString()), StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }

    private static void phases(StringBuilder phases, String backend, int batch, long[] nanos) {
        phases.append(String.format(Locale.ROOT, "  %s batch %d, best run, ms:", backend, batch));
        for (int p = 0; p < nanos.length; p++) {
            phases.append(String.format(Locale.ROOT, " %s %.2f", OpenClMlDsaVerifier.PHASES[p], nanos[p] / 1e6));
        }
        phases.append('\n');
    }

    /**
     * Best and median of up to {@value #RUNS} runs after up to {@value #WARMUP_RUNS} (fewer once the row has taken
     * {@link #ROW_BUDGET_NANOS}); {@code onBest} runs after each new best.
     */
    static Row time(String backend, int batch, Runnable run, Runnable onBest) {
        long end = System.nanoTime() + ROW_BUDGET_NANOS;
        for (int i = 0; i < WARMUP_RUNS && (i == 0 || System.nanoTime() < end); i++) {
            run.run();
        }
        long[] nanos = new long[RUNS];
        int done = 0;
        long best = Long.MAX_VALUE;
        while (done < RUNS && (done == 0 || System.nanoTime() < end)) {
            long start = System.nanoTime();
            run.run();
            nanos[done] = System.nanoTime() - start;
            if (nanos[done] < best) {
                best = nanos[done];
                onBest.run();
            }
            done++;
        }
        long[] taken = Arrays.copyOf(nanos, done);
        Arrays.sort(taken);
        return new Row(backend, batch, taken[0], taken[done / 2]);
    }

    private static void print(Row row) {
        System.out.printf(Locale.ROOT, "%-14s %10d %12.3f %12.3f %16.0f%n", row.backend(), row.batch(),
                row.bestNanos() / 1e6, row.medianNanos() / 1e6, row.perSecond());
    }

    private static String json(String device, List<Row> rows, String phases) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"benchmark\": \"").append(PARAMS.standardName()).append(" batch verification of valid")
                .append(" signatures, up to ").append(DISTINCT_KEYS).append(" distinct keys round-robin, best and median of ")
                .append(RUNS).append(" runs; opencl includes transfers and per-call key expansion; CPU backends on one")
                .append(" thread over a slice of at most ").append(CPU_SLICE).append(" items\",\n")
                .append("  \"device\": \"").append(escape(device)).append("\",\n")
                .append("  \"cpuThreads\": 1,\n  \"availableProcessors\": ")
                .append(Runtime.getRuntime().availableProcessors()).append(",\n")
                .append("  \"openclPhases\": \"").append(escape(phases.strip().replace('\n', ';'))).append("\",\n")
                .append("  \"results\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(String.format(Locale.ROOT,
                    "    {\"backend\": \"%s\", \"batch\": %d, \"bestMs\": %.4f, \"medianMs\": %.4f, \"signaturesPerSecond\": %.0f}",
                    row.backend(), row.batch(), row.bestNanos() / 1e6, row.medianNanos() / 1e6, row.perSecond()));
            json.append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "'");
    }

    /** The widest vector the JVM prefers, capped at 512 (the SIMD verifier's widest). */
    private static int preferredBits() {
        return Math.min(512, Math.max(128, jdk.incubator.vector.IntVector.SPECIES_PREFERRED.vectorBitSize()));
    }

    private static boolean allTrue(boolean[] answers) {
        for (boolean a : answers) {
            if (!a) {
                return false;
            }
        }
        return true;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
