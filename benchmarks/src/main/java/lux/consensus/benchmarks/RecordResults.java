package lux.consensus.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.profile.Environment;
import lux.consensus.kernels.profile.ResultsFile;
import lux.consensus.kernels.profile.ResultsFile.Entry;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark suite and records it as JSON (with the environment block) under
 * {@code hardware-profiles/results/}, judging each number against the goals (on JMH medians).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * lux.consensus.benchmarks.RecordResults OUT.json [--short]}. {@code --short} uses 2 x 1 s warmup and
 * 3 x 1 s measurement for the time-based benchmarks (block add keeps its 20 + 30 single shots).
 */
public final class RecordResults {

    private RecordResults() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: RecordResults OUT.json [--short] [--only REGEX]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        boolean shortRun = List.of(args).contains("--short");
        String only = null;
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals("--only")) {
                only = args[i + 1];
            }
        }
        List<RunResult> runs = new ArrayList<>();
        for (String include : List.of(ChainOperationsBenchmark.class.getSimpleName(), ChainBatchBenchmark.class.getSimpleName(),
                VoteTallyBenchmark.class.getSimpleName(), ShortPollTallyBenchmark.class.getSimpleName())) {
            if (only != null && !include.matches(only)) {
                continue;
            }
            runs.addAll(run(include, shortRun));
        }
        List<Entry> entries = entries(runs);
        Environment env = Environment.current(Kernels.describe());
        List<String> forkArgs = runs.isEmpty() ? List.of() : new ArrayList<>(runs.get(0).getParams().getJvmArgs());
        env = new Environment(env.host(), env.timestamp(), env.cpuModel(), env.cpuVendor(), env.arch(), env.cores(),
                env.vectorIsa(), env.preferredVectorBits(), env.os(), env.kernel(),
                runs.isEmpty() ? env.jvm() : runs.get(0).getParams().getVmName() + " " + runs.get(0).getParams().getJdkVersion()
                        + " (" + runs.get(0).getParams().getVmVersion() + ")",
                forkArgs, env.backends(), env.hardwareProfile(), env.gpus());
        List<String> notes = new ArrayList<>();
        notes.add("JMH 1.37, 1 fork; values are medians of the measurement iterations, error = 99.9% CI half-width.");
        notes.add(shortRun ? "short run: VoteTally and ShortPollTally -wi 4 -w 2s -i 3 -r 1s; ChainBatch at its annotations (2 x 2 s, 3 x 3 s);"
                + " ChainOperations at its annotations (3 x 1 s warmup, 5 x 1 s measurement; blockAdd 20 + 30 single shots of 1000 adds)"
                : "annotation settings of each benchmark class");
        String command = "java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar "
                + RecordResults.class.getName() + " " + String.join(" ", args);
        new ResultsFile(ResultsFile.SCHEMA, command, env, entries, notes).write(out);
        System.out.println();
        System.out.println(table(entries));
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static Collection<RunResult> run(String include, boolean shortRun) throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder().include("\\." + include + "\\.").forks(1);
        if (shortRun && (include.equals(VoteTallyBenchmark.class.getSimpleName())
                || include.equals(ShortPollTallyBenchmark.class.getSimpleName()))) {
            // Vector API code needs several seconds to reach C2 on a 2-core machine: warm longer, measure short.
            opts.warmupIterations(4).warmupTime(TimeValue.seconds(2)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        // ChainBatch keeps its annotations (2 x 2 s warmup, 3 x 3 s): a batch of 10,000 takes about a second, so
        // shorter iterations would count whole batches in too few of them.
        return new Runner(opts.build()).run();
    }

    /** Median of the primary result's iterations. */
    private static double median(Result<?> r) {
        return r.getStatistics().getN() == 0 ? Double.NaN : r.getStatistics().getPercentile(50);
    }

    private static double error(Result<?> r) {
        double e = r.getScoreError();
        return Double.isFinite(e) ? e : Double.NaN;
    }

    /** The entries, with derived units (GB/s, per-vote times) and the goals. */
    static List<Entry> entries(List<RunResult> runs) {
        List<Entry> entries = new ArrayList<>();
        // shape -> benchmark -> GB/s, for the tally ratios
        Map<String, Map<String, Double>> tallyGbs = new TreeMap<>();
        String simdName = Kernels.voteTally().name();
        for (RunResult run : runs) {
            String bench = run.getParams().getBenchmark();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            String params = params(run);
            Result<?> primary = run.getPrimaryResult();
            if (bench.contains("ChainOperationsBenchmark")) {
                Entry e = Entry.of("chain", method, params, "", median(primary), error(primary), primary.getScoreUnit()
                        + (method.startsWith("votePoll") ? " (per vote)" : ""));
                entries.add(switch (method) {
                    case "blockAdd" -> e.atMost(149, "<= 149 ns");
                    case "votePoll", "votePollFinalizing" -> e.atMost(128, "<= 128 ns per vote");
                    case "votePollBatch" -> e.atMost(2, "<= 2 ns per vote (batches of >= 100 polls)");
                    case "isFinalizedHit", "isFinalizedMiss" -> e.atMost(20, "<= 20 ns");
                    case "stats" -> e.atMost(30, "<= 30 ns");
                    default -> e;
                });
            } else if (bench.contains("ChainBatchBenchmark")) {
                for (Map.Entry<String, Result> aux : run.getSecondaryResults().entrySet()) {
                    Result<?> r = aux.getValue();
                    String unit = switch (aux.getKey()) {
                        case "blocksFinalized" -> "blocks/s";
                        case "networkVotes", "localVotes" -> "votes/s";
                        default -> r.getScoreUnit();
                    };
                    entries.add(Entry.of("batch", aux.getKey(), params, simdName, median(r), error(r), unit));
                }
            } else if (bench.contains("ShortPollTallyBenchmark")) {
                double bytes = Double.parseDouble(run.getParams().getParam("polls")) * ShortPollTallyBenchmark.K;
                String backend = switch (method) {
                    case "columns", "rows" -> simdName;
                    case "columnsScalar" -> "scalar";
                    default -> "memory";
                };
                Entry e = Entry.of("short", method, params, backend, median(primary) * bytes / 1e9,
                        error(primary) * bytes / 1e9, "GB/s");
                entries.add(method.equals("columns") && run.getParams().getParam("polls").equals("10000")
                        ? e.atLeast(40, ">= 40 GB/s (short polls, k = 21)") : e);
            } else if (bench.contains("VoteTallyBenchmark")) {
                String shape = run.getParams().getParam("shape");
                String[] pq = shape.split("x");
                double bytes = Double.parseDouble(pq[0]) * Double.parseDouble(pq[1]);
                double gbs = median(primary) * bytes / 1e9;
                double err = error(primary) * bytes / 1e9;
                String backend = switch (method) {
                    case "simd" -> simdName;
                    case "scalar" -> "scalar";
                    default -> "memory";
                };
                tallyGbs.computeIfAbsent(shape, s -> new TreeMap<>()).put(method, gbs);
                entries.add(Entry.of("tally", method, params, backend, gbs, err, "GB/s"));
            }
        }
        for (Map.Entry<String, Map<String, Double>> shape : tallyGbs.entrySet()) {
            Map<String, Double> m = shape.getValue();
            Double simd = m.get("simd");
            if (simd == null) {
                continue;
            }
            String params = "shape=" + shape.getKey() + ",candidates=3";
            double read = Math.max(m.getOrDefault("memoryRead", 0.0),
                    Math.max(m.getOrDefault("memoryReadLongs", 0.0), m.getOrDefault("memoryReadVector", 0.0)));
            switch (shape.getKey()) {
                case "21x13000000" -> entries.add(Entry.of("tally", "simdVsReadBandwidth", params, simdName, simd / read, Double.NaN,
                        "ratio").atLeast(0.85, ">= 0.85 of the read bandwidth (out of cache)"));
                case "21x10000" -> entries.add(Entry.of("tally", "simdVsScalar", params, simdName,
                        simd / m.getOrDefault("scalar", Double.NaN), Double.NaN, "ratio").atLeast(25, ">= 25x scalar (in cache)"));
                default -> {
                }
            }
        }
        return entries;
    }

    private static String params(RunResult run) {
        List<String> parts = new ArrayList<>();
        for (Object key : run.getParams().getParamsKeys()) {
            parts.add(key + "=" + run.getParams().getParam((String) key));
        }
        return String.join(",", parts);
    }

    /** A plain-text table of the entries. */
    static String table(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %-22s %-32s %-9s %16s %12s  %-14s %s%n", "group", "name", "params",
                "backend", "median", "error", "unit", "goal"));
        for (Entry e : entries) {
            sb.append(String.format(Locale.ROOT, "%-6s %-22s %-32s %-9s %16.3f %12.3f  %-14s %s%n", e.group(), e.name(),
                    e.params(), e.backend(), e.value(), e.error(), e.unit(),
                    e.goal().isEmpty() ? "" : e.goal() + (Boolean.TRUE.equals(e.met()) ? "  MET" : "  NOT MET")));
        }
        return sb.toString();
    }
}
