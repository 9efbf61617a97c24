package lux.consensus.kernels.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import lux.consensus.kernels.tally.OpenClVoteTally;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.SimdVoteTally;
import lux.consensus.kernels.tally.VoteTally;

/**
 * A short timing of the vote tally backends on one machine, for {@code scripts/gpu-check.sh}: OpenCL
 * (transfers included) against SIMD and scalar, per batch size, k = 21 votes per poll. Not a JMH
 * benchmark (the benchmarks module has those); a quick record of a GPU machine we only visit briefly.
 * Every backend's answer is checked against the scalar reference, and a wrong answer fails the run.
 *
 * <p>Usage: {@code GpuTallyTiming OUT_DIR [polls ...]}; writes {@code OUT_DIR/gpu-tally-timing.json}.
 */
public final class GpuTallyTiming {

    static final int VOTES_PER_POLL = 21;
    static final int CANDIDATES = 3;
    /** Measured runs per backend and size; the best and the median are reported. */
    static final int RUNS = 7;
    /** Warm-up: at least this many runs and this long, so the JIT has compiled the hot loops. */
    static final int WARMUP_RUNS = 5;
    static final long WARMUP_NANOS = 1_000_000_000L;

    private GpuTallyTiming() {
    }

    /** One measurement. */
    record Row(String backend, String op, int polls, long bestNanos, long medianNanos) {
        double pollsPerSecond() {
            return polls * 1e9 / bestNanos;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GpuTallyTiming OUT_DIR [polls ...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000, 1_000_000};
        List<VoteTally> backends = new ArrayList<>();
        backends.add(new ScalarVoteTally());
        try {
            backends.add(SimdVoteTally.preferred());
        } catch (UnsupportedOperationException | LinkageError e) {
            System.out.println("SIMD not timed: " + e);
        }
        OpenClVoteTally openCl = new OpenClVoteTally();
        backends.add(openCl);
        String device = openCl.context().device().describe();
        System.out.println("OpenCL device: " + device);

        List<Row> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(0x7A11_7133L);
        for (int polls : sizes) {
            int length = polls * VOTES_PER_POLL;
            byte[] votes = new byte[length];
            long[] weights = new long[length];
            for (int i = 0; i < length; i++) {
                int roll = random.nextInt(100);
                votes[i] = roll < 85 ? (byte) random.nextInt(CANDIDATES) : VoteTally.NO_VOTE;
                weights[i] = random.nextLong(1_000_000_000L);
            }
            int[] expected = new int[polls * CANDIDATES];
            long[] expectedSums = new long[polls * CANDIDATES];
            backends.get(0).tally(votes, polls, VOTES_PER_POLL, CANDIDATES, expected);
            backends.get(0).tallyWeighted(votes, weights, polls, VOTES_PER_POLL, CANDIDATES, expectedSums);
            for (VoteTally backend : backends) {
                int[] counts = new int[expected.length];
                rows.add(time(backend.name(), "tally", polls,
                        () -> backend.tally(votes, polls, VOTES_PER_POLL, CANDIDATES, counts)));
                require(Arrays.equals(expected, counts), backend.name() + " tally differs from scalar at polls=" + polls);
                long[] sums = new long[expectedSums.length];
                rows.add(time(backend.name(), "tallyWeighted", polls,
                        () -> backend.tallyWeighted(votes, weights, polls, VOTES_PER_POLL, CANDIDATES, sums)));
                require(Arrays.equals(expectedSums, sums),
                        backend.name() + " tallyWeighted differs from scalar at polls=" + polls);
            }
            kernelOnly(openCl.context(), votes, weights, polls, expected, expectedSums, rows);
        }
        openCl.close();

        System.out.printf(Locale.ROOT, "%-14s %-14s %10s %12s %12s %14s%n", "backend", "op", "polls", "best ms",
                "median ms", "polls/s");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "%-14s %-14s %10d %12.3f %12.3f %14.0f%n", row.backend(), row.op(),
                    row.polls(), row.bestNanos() / 1e6, row.medianNanos() / 1e6, row.pollsPerSecond());
        }
        Files.createDirectories(out);
        Path json = out.resolve("gpu-tally-timing.json");
        Files.writeString(json, json(device, rows), StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
    }

    /**
     * The OpenCL kernels alone, on data already on the device: what the transfers cost is the difference
     * to the "opencl" rows. Skipped (with a line saying so) when the batch does not fit one buffer.
     */
    private static void kernelOnly(OpenClContext context, byte[] votes, long[] weights, int polls, int[] expected,
            long[] expectedSums, List<Row> rows) {
        long weightBytes = (long) weights.length * Long.BYTES;
        if (weightBytes > context.maxAllocBytes() || weightBytes * 2 > context.memoryBudgetBytes()) {
            System.out.println("kernel-only timing skipped at polls=" + polls + ": the batch passes the device's limits");
            return;
        }
        try (OpenClProgram program = context.buildResources("", "lux/consensus/kernels/gpu/vote_tally.cl");
             OpenClKernel count = program.kernel("tally");
             OpenClKernel weigh = program.kernel("tally_weighted");
             OpenClBuffer in = context.input(votes.length);
             OpenClBuffer w = context.input(weightBytes);
             OpenClBuffer counts = context.output((long) expected.length * Integer.BYTES);
             OpenClBuffer sums = context.output((long) expectedSums.length * Long.BYTES)) {
            in.write(votes, 0, votes.length);
            w.write(weights, 0, weights.length);
            count.arg(0, in).arg(1, polls).arg(2, VOTES_PER_POLL).arg(3, CANDIDATES).arg(4, counts);
            weigh.arg(0, in).arg(1, w).arg(2, polls).arg(3, VOTES_PER_POLL).arg(4, CANDIDATES).arg(5, sums);
            long items = (long) polls * CANDIDATES;
            rows.add(time("opencl-kernel", "tally", polls, () -> count.run(items)));
            rows.add(time("opencl-kernel", "tallyWeighted", polls, () -> weigh.run(items)));
            int[] gotCounts = new int[expected.length];
            counts.read(gotCounts, 0, gotCounts.length);
            long[] gotSums = new long[expectedSums.length];
            sums.read(gotSums, 0, gotSums.length);
            require(Arrays.equals(expected, gotCounts) && Arrays.equals(expectedSums, gotSums),
                    "kernel-only results differ from scalar at polls=" + polls);
        }
    }

    static Row time(String backend, String op, int polls, Runnable run) {
        long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        for (int i = 0; i < WARMUP_RUNS || System.nanoTime() < warmupEnd; i++) {
            run.run();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Row(backend, op, polls, nanos[0], nanos[RUNS / 2]);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    private static String json(String device, List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"benchmark\": \"vote tally, k=").append(VOTES_PER_POLL).append(", candidates=")
                .append(CANDIDATES).append(", best and median of ").append(RUNS).append(" runs, transfers included\",\n");
        s.append("  \"device\": \"").append(escape(device)).append("\",\n");
        s.append("  \"jvm\": \"").append(escape(System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")))
                .append("\",\n");
        s.append("  \"cpus\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        s.append("  \"results\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            s.append(String.format(Locale.ROOT,
                    "    {\"backend\": \"%s\", \"op\": \"%s\", \"polls\": %d, \"bestMs\": %.4f, \"medianMs\": %.4f,"
                            + " \"pollsPerSecond\": %.0f}%s%n",
                    r.backend(), r.op(), r.polls(), r.bestNanos() / 1e6, r.medianNanos() / 1e6, r.pollsPerSecond(),
                    i + 1 < rows.size() ? "," : ""));
        }
        s.append("  ]\n}\n");
        return s.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
