package lux.consensus.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.profile.Environment;
import lux.consensus.kernels.profile.ResultsFile;
import lux.consensus.kernels.profile.ResultsFile.Entry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lux bench}: a curated benchmark subset with a progress bar; prints tables and writes
 * {@code results-<host>-<date>.json} (with the environment block) and a PNG chart beside it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark this machine: ML-DSA verification (SIMD cold and warm vs the JDK and BouncyCastle), the "
                + "vote-tally kernel (SIMD vs scalar vs the fastest plain Java vs memory read), the chain's single operations, "
                + "and end-to-end batches on a 100-validator embedded network; each goal judged met or not.",
                "Writes results-<host>-<date>.json and .png. Default run takes 3-5 minutes, --quick about a minute. "
                + "For publication-grade numbers use the JMH suite (benchmarks/)."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "A shorter run (under 60 s): fewer rounds, a 64 MiB out-of-cache batch, batches up to 1,000 blocks.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Folder for the JSON and PNG files (default: the current folder).")
    Path outDir;

    @Option(names = "--network", split = ",", paramLabel = "N",
            description = "Instead of the suite: N-node networks in this JVM over gRPC with mutual TLS (e.g. 4,7,21), beside the "
                    + "embedded network with the same parameters (the SDK's defaults): blocks/s finalized with certificates, "
                    + "finality latency p50/p99, where the time goes. Writes network-<host>-<date>.json.")
    List<Integer> networkSizes;

    @Option(names = "--blocks", defaultValue = "200", paramLabel = "B", description = "With --network: blocks in the throughput run (default 200).")
    int networkBlocks;

    @Option(names = "--latency-blocks", defaultValue = "30", paramLabel = "L",
            description = "With --network: blocks added one at a time for the latency percentiles (default 30).")
    int latencyBlocks;

    @Override
    public Integer call() throws Exception {
        if (networkSizes != null) {
            return networkBench();
        }
        PrintStream out = System.out;
        BenchSuite.Plan plan = BenchSuite.Plan.of(quick);
        out.println("lux bench" + (quick ? " --quick" : "") + ": " + Kernels.describe());
        Environment env = Environment.current(Kernels.describe());
        out.println("machine: " + env.cpuModel() + ", " + env.cores() + " cores, " + env.vectorIsa() + ", JVM vector "
                + env.preferredVectorBits() + " bits, profile " + env.hardwareProfile());
        ProgressBar bar = new ProgressBar(out, System.console() != null, plan.totalWork());
        long start = System.nanoTime();
        List<Entry> entries = new BenchSuite(plan, bar).run();
        bar.finish();
        entries = withDerived(entries);
        out.printf(Locale.ROOT, "finished in %.1f s%n%n", (System.nanoTime() - start) / 1e9);
        out.print(tables(entries));

        String json = ResultsFile.defaultFileName(env.host(), LocalDate.now(ZoneOffset.UTC));
        Path jsonFile = outDir.resolve(json);
        Path pngFile = outDir.resolve(json.replaceFirst("\\.json$", ".png"));
        List<String> notes = List.of("lux bench's own harness: medians of timed rounds after a warm-up; not JMH.",
                "One JVM; the machine may be shared, so treat single runs as indicative.");
        new ResultsFile(ResultsFile.SCHEMA, "lux bench" + (quick ? " --quick" : ""), env, entries, notes).write(jsonFile);
        out.println();
        out.println("wrote " + jsonFile.toAbsolutePath().normalize());
        try {
            BenchChart.write(pngFile, entries, env);
            out.println("wrote " + pngFile.toAbsolutePath().normalize());
        } catch (RuntimeException | Error e) {
            // A headless JVM without fonts (no fontconfig, or a jlink image without them) cannot draw text.
            out.println("no chart: drawing it failed (" + e + "); install fontconfig and a font package"
                    + " (e.g. apt-get install fontconfig fonts-dejavu-core) to get " + pngFile.getFileName());
        }
        return 0;
    }

    private int networkBench() throws Exception {
        PrintStream out = System.out;
        for (int n : networkSizes) {
            if (n < 1 || n > 64) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--network sizes must be 1..64, got " + n);
            }
        }
        if (networkBlocks < 1 || latencyBlocks < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--blocks and --latency-blocks must be at least 1");
        }
        Environment env = Environment.current(Kernels.describe());
        out.println("lux bench --network " + networkSizes + ": " + env.cpuModel() + ", " + env.cores() + " cores");
        NetworkBench bench = new NetworkBench(out, networkBlocks, latencyBlocks);
        List<Entry> entries = new ArrayList<>();
        for (int n : networkSizes) {
            entries.addAll(bench.run(n));
        }
        out.println();
        out.print(NetworkBench.table(entries));
        Path jsonFile = outDir.resolve("network-" + ResultsFile.defaultFileName(env.host(), LocalDate.now(ZoneOffset.UTC)));
        List<String> notes = List.of(
                "Every node in one JVM on this machine, each with its own loopback sockets (gRPC, mutual TLS 1.3), RocksDB store and engine thread.",
                "Throughput: " + networkBlocks + " blocks added at node 0 at once, as one chain; timed until every node holds the last one finalized "
                        + "with a certificate. Latency: " + latencyBlocks + " blocks added one at a time at node 0, add to decision there (certified).",
                "The embedded network runs every validator inside one chain and certifies the blocks an engine step finalized together "
                        + "(up to batchSize per certificate); networked nodes certify each block (one certificate per block).",
                "'network time' shares are of node 0's engine thread wall time; 'network cpu' is the CPU of all nodes' threads by kind.");
        new ResultsFile(ResultsFile.SCHEMA, "lux bench --network " + networkSizes, env, entries, notes).write(jsonFile);
        out.println("wrote " + jsonFile.toAbsolutePath().normalize());
        return 0;
    }

    /** Adds the kernel ratios the goals are stated in. */
    static List<Entry> withDerived(List<Entry> entries) {
        List<Entry> all = new ArrayList<>(entries);
        for (String shape : List.of("short polls", "in cache", "out of cache")) {
            double scalar = Double.NaN;
            double swar = Double.NaN;
            double simd = Double.NaN;
            double read = Double.NaN;
            String params = "";
            String simdName = "";
            for (Entry e : entries) {
                boolean rowLayoutShortPoll = shape.equals("short polls") && !e.name().endsWith(" columns")
                        && !e.backend().equals("memory"); // short polls are judged in the column layout
                if (e.group().equals("tally") && e.params().contains("(" + shape + ")") && !rowLayoutShortPoll) {
                    params = e.params();
                    switch (e.backend()) {
                        case "scalar" -> scalar = e.value();
                        case "swar" -> swar = e.value();
                        case "memory" -> read = e.value();
                        default -> {
                            simd = e.value();
                            simdName = e.backend();
                        }
                    }
                }
            }
            if (Double.isNaN(simd)) {
                continue;
            }
            if (!Double.isNaN(swar)) {
                all.add(Entry.of("goal", "simdVsSwar", params, simdName, simd / swar, Double.NaN, "x"));
            }
            switch (shape) {
                case "short polls" -> {
                    int shortPollGoal = simdName.endsWith("-512") ? 60 : 40; // AVX-512 is held to more
                    all.add(Entry.of("goal", "shortPolls", params, simdName, simd, Double.NaN, "GB/s")
                            .atLeast(shortPollGoal, ">= " + shortPollGoal + " GB/s"));
                }
                case "in cache" -> {
                    all.add(Entry.of("goal", "simdVsScalar", params, simdName, simd / scalar, Double.NaN, "x")
                            .atLeast(25, ">= 25x scalar"));
                    all.add(Entry.of("goal", "simdVsReadInCache", params, simdName, simd / read, Double.NaN, "x")
                            .atLeast(0.8, ">= 0.8 of memory read"));
                }
                default -> all.add(Entry.of("goal", "simdVsReadBandwidth", params, simdName, simd / read, Double.NaN, "x")
                        .atLeast(0.9, ">= 0.9 of memory read"));
            }
        }
        return all;
    }

    static String tables(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (String group : List.of("mldsa", "tally", "chain", "batch", "goal")) {
            sb.append(switch (group) {
                case "mldsa" -> "ML-DSA verification (microseconds per signature)";
                case "tally" -> "Vote tally kernel (GB/s = Gvotes/s)";
                case "chain" -> "Single operations (median)";
                case "batch" -> "End to end, 100 validators, k 21: blocks added and finalized, votes tallied";
                default -> "Kernel goals";
            }).append(System.lineSeparator());
            for (Entry e : entries) {
                if (!e.group().equals(group)) {
                    continue;
                }
                String goal = e.goal().isEmpty() ? "" : "  goal " + e.goal() + (Boolean.TRUE.equals(e.met()) ? "  met" : "  NOT met");
                sb.append(String.format(Locale.ROOT, "  %-20s %-42s %14s %-9s%s%n", e.name(), e.params(), format(e.value()),
                        e.unit(), goal));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
