package lux.consensus.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import lux.consensus.Config;
import lux.consensus.Liveness;
import lux.consensus.kernels.Kernels;
import lux.consensus.network.LivenessCampaign;
import lux.consensus.network.LivenessCampaign.Cell;
import lux.consensus.network.LivenessCampaign.CellResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lux simulate}: the seeded safety and liveness campaign, with the liveness boundary it is judged by. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run many seeded embedded networks on conflicting forks and report how they decided.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "100",
            description = "Seeded runs per cell where the validator count equals k; larger or slower networks get fewer, at least 3 (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--quick", description = "The fast slice CI runs: the defaults and presets at k = validators only.")
    boolean quick;

    @Option(names = "--threads", description = "Threads running simulations (default: the available processors).")
    Integer threads;

    @Option(names = "--cells", description = "Also print one line per cell.")
    boolean cells;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1, got " + runs);
        }
        PrintStream out = System.out;
        List<Cell> plan = quick ? LivenessCampaign.quickPlan(runs) : LivenessCampaign.fullPlan(runs);
        int totalRuns = plan.stream().mapToInt(Cell::runs).sum();
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "lux simulate: %,d cells, %,d seeded runs, %d threads; kernels: %s%n",
                plan.size(), totalRuns, threadCount, Kernels.describe());
        ProgressBar bar = new ProgressBar(out, System.console() != null, totalRuns);
        long start = System.nanoTime();
        List<CellResult> results = LivenessCampaign.run(plan, Kernels.voteTally(), threadCount,
                r -> bar.step(r.runs(), r.cell().preset() + " n=" + r.cell().validators() + " " + r.cell().faults() + ", " + r.cell().shape()));
        bar.finish();
        double wall = (System.nanoTime() - start) / 1e9;

        out.println();
        out.println(boundaryTable());
        if (cells) {
            out.println(table("cell", results, r -> r.cell().preset() + " n=" + r.cell().validators() + ", " + r.cell().faults()
                    + ", " + r.cell().shape() + " (" + r.cell().verdict().name().toLowerCase(Locale.ROOT) + ")"));
        }
        out.println(table("configuration", results, r -> r.cell().preset() + ", " + r.cell().validators() + " validators"));
        out.println(table("faults", results, r -> r.cell().faults().toString()));
        out.println(table("fork", results, r -> r.cell().shape().toString()));
        out.println(table("all", results, r -> "all"));
        out.printf(Locale.ROOT, "wall time %.1f s%n", wall);

        List<CellResult> failed = results.stream().filter(r -> !r.passed()).toList();
        for (CellResult r : failed) {
            out.printf(Locale.ROOT, "FAILED: %s n=%d %s, %s: %d of %d decided within %,d rounds, %d decided wrongly, %d conflicting finalizations%n",
                    r.cell().preset(), r.cell().validators(), r.cell().faults(), r.cell().shape(), r.decided(), r.runs(),
                    r.cell().maxRounds(), r.decidedWrongly(), r.conflictingFinalizations());
        }
        out.println(failed.isEmpty()
                ? "every run on the live side decided, exactly once; no conflicting finalization"
                : failed.size() + " cells failed");
        return failed.isEmpty() ? 0 : 1;
    }

    /**
     * Per preset (at its own k) and honest share of stake: the chance a poll gets alphaConf answers for the
     * agreed block, the expected rounds to finalize it, and the verdict.
     */
    static String boundaryTable() {
        double[] honest = {1.0, 0.9, 0.85, 0.8, 0.75, 0.7};
        StringBuilder sb = new StringBuilder();
        sb.append("Liveness boundary: expected rounds to finalize an agreed block (concurrentPolls 10), and P(a poll reaches alphaConf)\n");
        sb.append(String.format(Locale.ROOT, "| %-48s |", "honest share of stake (not silent or Byzantine)"));
        for (double h : honest) {
            sb.append(String.format(Locale.ROOT, " %-19s |", Math.round(h * 100) + "%"));
        }
        sb.append('\n').append("|").append("-".repeat(50)).append("|");
        for (int i = 0; i < honest.length; i++) {
            sb.append("-".repeat(21)).append("|");
        }
        sb.append('\n');
        for (var preset : List.of(LivenessCampaign.Preset.defaults(), LivenessCampaign.Preset.highSecurity(),
                LivenessCampaign.Preset.highPerformance())) {
            Config base = preset.builder().get().build();
            sb.append(String.format(Locale.ROOT, "| %-48s |", preset.name() + " (k " + base.k() + ", alphaConf " + base.alphaConf()
                    + ", beta " + base.beta() + ")"));
            for (double h : honest) {
                Config c = preset.builder().get().silentFraction(1 - h).build();
                sb.append(String.format(Locale.ROOT, " %-19s |", Liveness.formatRounds(Liveness.expectedRoundsToFinalize(c))
                        + String.format(Locale.ROOT, " (%.2g)", Liveness.confidentPollProbability(c))));
            }
            sb.append('\n');
        }
        sb.append("(live: <= ").append(Liveness.formatRounds(Liveness.LIVE_ROUNDS)).append(" rounds; stalled: > ")
                .append(Liveness.formatRounds(Liveness.STALLED_ROUNDS)).append(")\n");
        return sb.toString();
    }

    /** One row per group: runs, forks, decided on each side of the boundary, rounds, conflicting finalizations, time. */
    static String table(String title, List<CellResult> results, Function<CellResult, String> groupOf) {
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult r : results) {
            groups.computeIfAbsent(groupOf.apply(r), g -> new ArrayList<>()).add(r);
        }
        int width = Math.max(title.length(), groups.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        String format = "| %-" + width + "s | %7s | %7s | %15s | %15s | %24s | %11s | %8s |%n";
        sb.append(String.format(Locale.ROOT, format, title, "runs", "forks", "live: decided", "other: decided",
                "rounds p50 / p99 / max", "conflicting", "wall s"));
        sb.append("|").append("-".repeat(width + 2)).append("|---------|---------|-----------------|-----------------|"
                + "--------------------------|-------------|----------|\n");
        for (Map.Entry<String, List<CellResult>> g : groups.entrySet()) {
            int runs = 0;
            int forks = 0;
            int live = 0;
            int liveDecided = 0;
            int other = 0;
            int otherDecided = 0;
            long conflicting = 0;
            long wall = 0;
            List<Long> liveRounds = new ArrayList<>();
            for (CellResult r : g.getValue()) {
                runs += r.runs();
                forks += r.runs() * (r.cell().shape().nested() ? 3 : 1);
                conflicting += r.conflictingFinalizations();
                wall += r.wallNanos();
                if (r.cell().verdict() == Liveness.Verdict.LIVE) {
                    live += r.runs();
                    liveDecided += r.decided();
                    for (long x : r.sortedRounds()) {
                        liveRounds.add(x);
                    }
                } else {
                    other += r.runs();
                    otherDecided += r.decided();
                }
            }
            long[] sorted = liveRounds.stream().mapToLong(Long::longValue).sorted().toArray();
            String rounds = sorted.length == 0 ? "-" : LivenessCampaign.percentile(sorted, 50) + " / "
                    + LivenessCampaign.percentile(sorted, 99) + " / " + sorted[sorted.length - 1];
            sb.append(String.format(Locale.ROOT, format, g.getKey(), String.format(Locale.ROOT, "%,d", runs),
                    String.format(Locale.ROOT, "%,d", forks), live == 0 ? "-" : liveDecided + " of " + live,
                    other == 0 ? "-" : otherDecided + " of " + other, rounds, conflicting,
                    String.format(Locale.ROOT, "%.1f", wall / 1e9)));
        }
        return sb.toString();
    }
}
