package lux.consensus.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import lux.consensus.Config;
import lux.consensus.Liveness;
import lux.consensus.kernels.tally.VoteTally;

/**
 * The seeded safety and liveness campaign behind {@code lux simulate}: many {@link ForkSimulation} runs over
 * the SDK's defaults and presets (at {@code k} equal to the validator count and with more validators),
 * faulty fractions and fork shapes. Each run gets its own seed, so every network, fault assignment, gossip
 * order and sample differs, and any run can be replayed.
 *
 * <p>A run on the live side of the boundary ({@link Liveness#verdict} is {@code LIVE}) must be decided within
 * its round limit; no run, on either side, may ever finalize conflicting blocks at two honest validators.
 */
public final class LivenessCampaign {
    /** Round limit of a run on the live side: generous against the expected rounds, and never below this. */
    static final int MIN_LIVE_ROUNDS = 3_000;
    /** Round limit of a run expected to stall: enough to show that it does, and to check safety meanwhile. */
    static final int STALLED_ROUNDS = 300;
    /** Faults slower than this (expected rounds to finality) are simulated only at k = validators. */
    static final double SLOW_CELL_ROUNDS = 50;

    /** The fork shapes of both plans: 2 siblings at genesis, 3 above a chain of 3, a fork under a fork, 64 siblings. */
    static final List<ForkSimulation.Shape> SHAPES = List.of(
            new ForkSimulation.Shape(2, 0, false),
            new ForkSimulation.Shape(3, 3, false),
            new ForkSimulation.Shape(8, 1, true),
            new ForkSimulation.Shape(64, 0, false));

    private LivenessCampaign() {
    }

    /** A named consensus configuration (a preset) before the validator count and faults are chosen. */
    public record Preset(String name, Supplier<Config.Builder> builder) {
        public static Preset defaults() {
            return new Preset("defaults", Config::builder);
        }

        public static Preset highSecurity() {
            return new Preset("highSecurity", Config::highSecurity);
        }

        public static Preset highPerformance() {
            return new Preset("highPerformance", Config::highPerformance);
        }

        int k() {
            return builder.get().build().k();
        }
    }

    /** Silent and Byzantine fractions of the validators. */
    public record Faults(double silent, double byzantine, Config.ByzantineBehavior behavior) {
        public static final Faults NONE = new Faults(0, 0, Config.ByzantineBehavior.CONFLICTING);

        @Override
        public String toString() {
            if (silent == 0 && byzantine == 0) {
                return "honest";
            }
            String s = silent > 0 ? Math.round(silent * 100) + "% silent" : "";
            String b = byzantine > 0 ? Math.round(byzantine * 100) + "% byz " + behavior.name().toLowerCase(java.util.Locale.ROOT) : "";
            return s.isEmpty() ? b : b.isEmpty() ? s : s + ", " + b;
        }
    }

    /** One cell of the campaign: {@code runs} seeded runs of one configuration on one fork shape. */
    public record Cell(String preset, int validators, Faults faults, ForkSimulation.Shape shape, int runs, Config config) {
        /** Where the arithmetic puts this cell: live, slow or stalled. */
        public Liveness.Verdict verdict() {
            return Liveness.verdict(config);
        }

        /** The round limit of each run: far beyond the expected rounds on the live side, short where it stalls. */
        public int maxRounds() {
            if (verdict() != Liveness.Verdict.LIVE) {
                return STALLED_ROUNDS;
            }
            return (int) Math.max(MIN_LIVE_ROUNDS, Math.min(100_000, 30 * Liveness.expectedRoundsToFinalize(config)));
        }

        /** The configuration of run {@code run}: its own seed. */
        Config configForRun(int run) {
            return config.toBuilder().seed(seedOf(run)).build();
        }

        private long seedOf(int run) {
            long h = 0x9E3779B97F4A7C15L * (run + 1);
            h ^= (long) Objects.hash(preset, validators, faults, shape) << 32;
            return h ^ (h >>> 29);
        }
    }

    /**
     * What a cell's runs did. Rounds are until every live validator had decided every block of the fork (the
     * round limit for a run that was not decided).
     */
    public record CellResult(Cell cell, long[] sortedRounds, int decided, int decidedWrongly, long conflictingFinalizations,
            long polls, long confidentPolls, long wallNanos) {

        public int runs() {
            return sortedRounds.length;
        }

        /** Whether the cell holds up: no conflicting finalization, and on the live side every run decided exactly once. */
        public boolean passed() {
            return conflictingFinalizations == 0 && decidedWrongly == 0
                    && (cell.verdict() != Liveness.Verdict.LIVE || decided == runs());
        }
    }

    /**
     * The full campaign: the defaults and both presets, at {@code k} equal to the validator count and with up
     * to 500 validators; honest, 10-20% silent, 10-20% Byzantine of both behaviours, and mixed; fork shapes
     * from 2 siblings at genesis to 64, deeper forks and a fork under a fork; and a few runs beyond the
     * boundary (25-30% faulty), where finality is not expected but safety still is.
     *
     * @param runsAtK runs per cell where the validator count equals k (fewer for larger networks)
     */
    public static List<Cell> fullPlan(int runsAtK) {
        List<Faults> faults = List.of(
                Faults.NONE,
                new Faults(0.1, 0, Config.ByzantineBehavior.CONFLICTING),
                new Faults(0.2, 0, Config.ByzantineBehavior.CONFLICTING),
                new Faults(0, 0.1, Config.ByzantineBehavior.CONFLICTING),
                new Faults(0, 0.2, Config.ByzantineBehavior.CONFLICTING),
                new Faults(0, 0.1, Config.ByzantineBehavior.RANDOM),
                new Faults(0, 0.2, Config.ByzantineBehavior.RANDOM),
                new Faults(0.1, 0.1, Config.ByzantineBehavior.CONFLICTING));
        List<Cell> cells = new ArrayList<>();
        addCells(cells, Preset.defaults(), new int[] {21, 50, 100, 500}, faults, SHAPES, runsAtK);
        addCells(cells, Preset.highSecurity(), new int[] {50, 100, 500}, faults, SHAPES, runsAtK);
        addCells(cells, Preset.highPerformance(), new int[] {11, 21, 100, 500}, faults, SHAPES, runsAtK);
        // Beyond the boundary (a quarter to a third of the validators faulty): few runs, to show safety holds there.
        List<Faults> beyond = List.of(new Faults(0.1, 0.2, Config.ByzantineBehavior.CONFLICTING),
                new Faults(0.15, 0.1, Config.ByzantineBehavior.RANDOM), new Faults(0.3, 0, Config.ByzantineBehavior.CONFLICTING));
        for (Preset preset : List.of(Preset.defaults(), Preset.highSecurity(), Preset.highPerformance())) {
            for (Faults f : beyond) {
                cells.add(cell(preset, preset.k(), f, SHAPES.get(0), 5));
            }
        }
        return cells;
    }

    /**
     * A fast slice for CI: the defaults and both presets at {@code k} equal to the validator count, honest and
     * with 10% silent, every fork shape; {@code runs} runs per cell.
     */
    public static List<Cell> quickPlan(int runs) {
        List<Faults> faults = List.of(Faults.NONE, new Faults(0.1, 0, Config.ByzantineBehavior.CONFLICTING),
                new Faults(0, 0.1, Config.ByzantineBehavior.RANDOM));
        List<Cell> cells = new ArrayList<>();
        for (Preset preset : List.of(Preset.defaults(), Preset.highSecurity(), Preset.highPerformance())) {
            int k = preset.k();
            for (Faults f : faults) {
                for (ForkSimulation.Shape shape : SHAPES) {
                    cells.add(cell(preset, k, f, shape, runs));
                }
            }
        }
        return cells;
    }

    /**
     * Adds a cell per validator count, faults and shape. Runs per cell shrink with the validator count and with
     * the expected rounds to finality (a run's cost grows with both), to no fewer than 3; faults that leave
     * finality slow (more than {@link #SLOW_CELL_ROUNDS} expected rounds) run only where k equals the count.
     */
    private static void addCells(List<Cell> cells, Preset preset, int[] validatorCounts, List<Faults> faults,
            List<ForkSimulation.Shape> shapes, int runsAtK) {
        int k = preset.k();
        for (int n : validatorCounts) {
            for (Faults f : faults) {
                for (ForkSimulation.Shape shape : shapes) {
                    Cell probe = cell(preset, n, f, shape, 1);
                    double expectedRounds = Liveness.expectedRoundsToFinalize(probe.config());
                    if (n > k && expectedRounds > SLOW_CELL_ROUNDS) {
                        continue; // slow finality is exercised at k = n; with more validators its runs take hours
                    }
                    double share = Math.min(1.0, (double) k / n) * Math.min(1.0, 20 / Math.max(20, expectedRounds));
                    int runs = Math.max(3, (int) Math.round(runsAtK * share));
                    cells.add(new Cell(probe.preset(), n, f, shape, runs, probe.config()));
                }
            }
        }
    }

    static Cell cell(Preset preset, int validators, Faults faults, ForkSimulation.Shape shape, int runs) {
        Config config = preset.builder().get().validatorCount(validators).qRounds(0)
                .silentFraction(faults.silent()).byzantine(faults.byzantine(), faults.behavior()).build();
        return new Cell(preset.name(), validators, faults, shape, runs, config);
    }

    /**
     * Runs every cell on {@code threads} threads; {@code progress} hears each finished cell, in plan order.
     */
    public static List<CellResult> run(List<Cell> cells, VoteTally tally, int threads, Consumer<CellResult> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "lux-simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CellResult>> futures = new ArrayList<>(cells.size());
            for (Cell cell : cells) {
                futures.add(pool.submit(() -> runCell(cell, tally)));
            }
            List<CellResult> results = new ArrayList<>(cells.size());
            for (Future<CellResult> f : futures) {
                CellResult r = f.get();
                results.add(r);
                progress.accept(r);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a simulation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one cell's seeded runs, one after the other. */
    public static CellResult runCell(Cell cell, VoteTally tally) {
        long start = System.nanoTime();
        long[] rounds = new long[cell.runs()];
        int decided = 0;
        int decidedWrongly = 0;
        long conflicting = 0;
        long polls = 0;
        long confident = 0;
        int maxRounds = cell.maxRounds();
        for (int run = 0; run < cell.runs(); run++) {
            ForkSimulation.Result r = ForkSimulation.run(cell.configForRun(run), tally, cell.shape(), maxRounds);
            rounds[run] = r.rounds();
            conflicting += r.conflictingFinalizations();
            polls += r.polls();
            confident += r.confidentPolls();
            if (r.decided()) {
                decided++;
                if (!r.decidedExactlyOnce(cell.shape())) {
                    decidedWrongly++;
                }
            }
        }
        Arrays.sort(rounds);
        return new CellResult(cell, rounds, decided, decidedWrongly, conflicting, polls, confident, System.nanoTime() - start);
    }

    /** The nearest-rank percentile of sorted values (0 for none). */
    public static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
