package lux.consensus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Decision;
import lux.consensus.Id;
import lux.consensus.Statistics;
import lux.consensus.kernels.Kernels;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The batch table, measured end to end: blocks ingested <em>and finalized</em> per second, and votes tallied
 * per second, on the embedded network of 100 validators with k 21 (alphaPref 15, alphaConf 18, beta 8,
 * 10 concurrent polls), for batches of 1, 100, 1,000 and 10,000 blocks, with quantum-finality certificates
 * ({@code qRounds} 2, the default: every finalized batch is signed with BLS12-381 and ML-DSA by the
 * validators and the certificate verified before the block counts as finalized) and without them
 * ({@code qRounds} 0: consensus finality only).
 *
 * <p>One operation is one {@link Chain#addBatch} of {@code batchSize} new blocks extending the previous
 * batch (a linear chain), which returns when consensus has decided every block; it fails unless all were
 * {@link Decision#FINALIZED}. The chain's engine intake ({@link Config#batchSize()}) equals the batch size.
 * The auxiliary counters are the table's numbers, as rates over the iteration:
 * <ul>
 *   <li>{@code blocksFinalized}: blocks added and finalized per second;</li>
 *   <li>{@code networkVotes}: votes tallied per second by the kernel for every simulated validator's polls
 *       (one per sampled validator's answer);</li>
 *   <li>{@code localVotes}: the same for the local node's polls only (what one real node tallies).</li>
 * </ul>
 * All 100 validators run in this process on the engine thread, so the per-second numbers are those of
 * simulating the whole network, not of one node's share of it.
 *
 * <p>{@code store}: {@code memory} (no data directory) or {@code rocksdb} (a data directory in a fresh temporary
 * directory: every admitted block is written to RocksDB's log and every step's decisions are synced before the
 * batch returns), so that the cost of durability is measured in the same run as its baseline.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar ChainBatch}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ChainBatchBenchmark {

    static final int VALIDATORS = 100;

    @Param({"1", "100", "1000", "10000"})
    public int batchSize;

    /** 2: certificates on (the default); 0: consensus only. */
    @Param({"2", "0"})
    public int qRounds;

    /** memory: no data directory; rocksdb: a durable chain in a temporary directory. */
    @Param({"memory", "rocksdb"})
    public String store;

    private Chain chain;
    private java.nio.file.Path dataDir;
    private Id tip = Id.GENESIS;
    private long height;
    private long seq;

    /** The table's numbers: JMH reports each as a rate per second over the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long blocksFinalized;
        public long networkVotes;
        public long localVotes;

        @Setup(Level.Iteration)
        public void reset() {
            blocksFinalized = 0;
            networkVotes = 0;
            localVotes = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        try {
            dataDir = store.equals("rocksdb") ? java.nio.file.Files.createTempDirectory("lux-bench-store") : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Config config = Config.builder().validatorCount(VALIDATORS).k(21).alphaPref(15).alphaConf(18).beta(8)
                .concurrentPolls(10).batchSize(batchSize).qRounds(qRounds).dataDir(dataDir).build();
        chain = new Chain(config);
        chain.start();
        System.out.println("# backend: " + Kernels.describe() + ", vector width " + Kernels.voteTally().vectorBits()
                + " bits; " + config);
    }

    @TearDown(Level.Trial)
    public void stop() throws java.io.IOException {
        chain.stop();
        if (dataDir != null) {
            try (var files = java.nio.file.Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public List<Decision> addBatchAndFinalize(Counters counters) {
        List<Block> blocks = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            Id id = Id.ofLong(++seq);
            blocks.add(new Block(id, tip, ++height, new byte[0]));
            tip = id;
        }
        Statistics before = chain.stats();
        List<Decision> decisions = chain.addBatch(blocks);
        for (Decision d : decisions) {
            if (d != Decision.FINALIZED) {
                throw new IllegalStateException("a block of a linear chain was decided " + d);
            }
        }
        Statistics after = chain.stats();
        if (decisions.size() != batchSize || after.finalized() - before.finalized() != batchSize || !chain.isFinalized(tip)) {
            throw new IllegalStateException("batch of " + batchSize + " not all finalized: " + after);
        }
        counters.blocksFinalized += batchSize;
        counters.networkVotes += after.networkVotes() - before.networkVotes();
        counters.localVotes += after.votesProcessed() - before.votesProcessed();
        return decisions;
    }
}
