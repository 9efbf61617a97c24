package lux.consensus.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Liveness;
import lux.consensus.Statistics;
import lux.consensus.kernels.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lux run}: an embedded chain that takes blocks in batches, with conflicting siblings, and reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an embedded chain on the in-process validator network and report finality and throughput.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--validators", defaultValue = "100", description = "Validators in the embedded network (default: ${DEFAULT-VALUE}).")
    int validators;

    @Option(names = "--k", defaultValue = "21", description = "Validators sampled per poll (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--alpha-pref", defaultValue = "15", description = "Votes that move a preference (default: ${DEFAULT-VALUE}).")
    int alphaPref;

    @Option(names = "--alpha-conf", defaultValue = "18", description = "Votes that build confidence (default: ${DEFAULT-VALUE}).")
    int alphaConf;

    @Option(names = "--beta", defaultValue = "8", description = "Consecutive confident polls that finalize (default: ${DEFAULT-VALUE}).")
    int beta;

    @Option(names = "--concurrent-polls", defaultValue = "10", description = "Polls in flight per validator and round (default: ${DEFAULT-VALUE}).")
    int concurrentPolls;

    @Option(names = "--blocks", defaultValue = "1000", description = "Blocks to add, conflicting siblings included (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--batch", defaultValue = "100", description = "Blocks per addBatch call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--conflict-every", defaultValue = "10",
            description = "Give every Nth block a conflicting sibling; 0 for none (default: ${DEFAULT-VALUE}).")
    int conflictEvery;

    @Option(names = "--silent", defaultValue = "0", description = "Fraction of validators that never answer (default: ${DEFAULT-VALUE}).")
    double silent;

    @Option(names = "--byzantine", defaultValue = "0", description = "Fraction of validators that vote for conflicting blocks (default: ${DEFAULT-VALUE}).")
    double byzantine;

    @Option(names = "--q-rounds", defaultValue = "2",
            description = "Certificate rounds after finality; 0 turns quantum-finality certificates off (default: ${DEFAULT-VALUE}).")
    int qRounds;

    @Option(names = "--seed", description = "Seed of the network and the workload (default: a fixed seed).")
    Long seed;

    @Option(names = "--data", description = "Data directory: the chain is stored there (RocksDB) and a later run continues it.")
    Path data;

    @Option(names = "--heap", description = "Sample the heap after a full GC at every tenth of the run and report bytes per finalized block.")
    boolean heap;

    @Option(names = "--memory-window", defaultValue = "4096",
            description = "Decided blocks the chain keeps in its own structures before reading them from its store (default: ${DEFAULT-VALUE}).")
    int memoryWindow;

    @Option(names = "--stall-timeout", defaultValue = "30",
            description = "Seconds with nothing decided after which the run stops and explains why (default: ${DEFAULT-VALUE}).")
    double stallTimeout;

    @Override
    public Integer call() {
        Config config = Config.builder()
                .validatorCount(validators).k(k).alphaPref(alphaPref).alphaConf(alphaConf).beta(beta)
                .concurrentPolls(concurrentPolls).batchSize(batch).qRounds(qRounds)
                .seed(seed != null ? seed : Config.DEFAULT_SEED)
                .silentFraction(silent).byzantine(byzantine, Config.ByzantineBehavior.CONFLICTING)
                .dataDir(data).memoryWindow(memoryWindow)
                .stallWarningAfter(Duration.ofNanos((long) (Math.min(10, stallTimeout / 2) * 1e9)))
                .build();
        PrintStream out = System.out;
        out.println("lux run: " + config);
        out.println("kernels: " + Kernels.describe());
        if (Liveness.verdict(config) != Liveness.Verdict.LIVE) {
            out.println("warning: finality is unlikely with these settings. " + Liveness.explain(config) + ".");
        }
        Duration timeout = Duration.ofNanos((long) (stallTimeout * 1e9));
        long start = System.nanoTime();
        RunReport report;
        String stalled = null;
        String heapSummary = null;
        try (Chain chain = new Chain(config)) {
            if (data != null) {
                Statistics found = chain.stats();
                out.printf("data: %s holds %,d finalized blocks (height %,d), %,d rejected, %,d pending%n", data, found.finalized(),
                        found.finalizedHeight(), found.rejected(), found.pending());
            }
            chain.start();
            RunWorkload workload = new RunWorkload(chain, blocks, batch, conflictEvery, config.seed(), timeout);
            if (heap) {
                workload.sampleHeap();
            }
            try {
                report = workload.run(progress -> out.print(System.console() != null ? "\r" + progress : progress + System.lineSeparator()));
            } catch (RunWorkload.StalledException e) {
                stalled = e.getMessage();
                report = workload.report(System.nanoTime() - start);
            }
            heapSummary = workload.heapSummary();
        }
        out.println();
        out.print(report.format());
        if (heapSummary != null) {
            out.println(heapSummary);
        }
        if (stalled != null) {
            System.err.println("lux run: stalled after " + timeout.toSeconds() + " s with nothing decided: " + stalled);
            return 1;
        }
        return report.finalized() > 0 ? 0 : 1;
    }
}
