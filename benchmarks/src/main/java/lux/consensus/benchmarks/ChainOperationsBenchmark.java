package lux.consensus.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Decision;
import lux.consensus.Id;
import lux.consensus.Statistics;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.tally.VoteTally;
import lux.consensus.snow.Parameters;
import lux.consensus.snow.Snowman;
import lux.consensus.snow.VoteBag;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SDK guide's table of single operations, each defined precisely and each checking its own result:
 *
 * <ul>
 *   <li><b>blockAdd</b>: {@link Chain#addAsync} of one valid block (extending the previous one) into a
 *       started chain ({@link Config#defaults()}: 21 validators, k 21), <em>not</em> waiting for finality. The
 *       time covers validation, admission (block tree, statistics, the future) and waking the engine. It is
 *       measured in shots of {@value #ADDS_PER_SHOT} adds ({@code SingleShotTime}, divided by the number
 *       of adds); after each shot the benchmark waits until the engine has finalized all of them (not timed)
 *       and fails unless every one was finalized, so the chain keeps up and pending work never piles up.
 *       The engine thread runs during the shot, as it would in a real node.</li>
 *   <li><b>votePoll / votePollBatch / votePollFinalizing</b>: vote processing, reported per vote. One poll
 *       is {@code k = 21} vote bytes (the answers of 21 sampled validators) counted by the selected
 *       vote-tally kernel ({@link Kernels#voteTally()}), the counts put in a {@link VoteBag}, and the bag
 *       recorded by {@link Snowman#recordPoll}. {@code votePoll} does one poll per call (21 votes);
 *       {@code votePollBatch} tallies {@value #BATCH_POLLS} polls in one kernel call
 *       ({@link VoteTally#tallyColumns}, the column layout) and records them one by one ({@value #BATCH_POLLS} x 21 votes per call). In both, 16 votes go to the preferred tip of a
 *       processing chain {@code depth} blocks deep and 5 to a conflicting sibling of its first block:
 *       enough for {@code alphaPreference} (15) but not {@code alphaConfidence} (18), so the state is
 *       the same after every poll (every decision point is polled, nothing finalizes).
 *       {@code votePollFinalizing} is the pipeline case: before each poll one new block extends the tip
 *       ({@link Snowman#add}, included in the time), and 19 of 21 votes go to it, so every poll is confident
 *       and, once {@code beta} blocks are in flight, finalizes one block.</li>
 *   <li><b>isFinalizedHit / isFinalizedMiss</b>: {@link Chain#isFinalized} on a chain holding
 *       {@value #FINALIZED_BLOCKS} finalized blocks, for the id of a finalized block (an equal copy, not
 *       the same object) and for an unknown id.</li>
 *   <li><b>stats</b>: {@link Chain#stats()} on that chain, reading one field of the snapshot.</li>
 * </ul>
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar ChainOperations}
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChainOperationsBenchmark {

    static final int ADDS_PER_SHOT = 1000;
    static final int BATCH_POLLS = 100;
    static final int K = 21;
    static final int FINALIZED_BLOCKS = 10_000;

    // ---------------------------------------------------------------- block add

    /** A started chain; each iteration prepares the next {@value #ADDS_PER_SHOT} blocks and drains them after. */
    @State(Scope.Thread)
    public static class AddState {
        Chain chain;
        Block[] blocks;
        List<CompletableFuture<Decision>> futures = new ArrayList<>(ADDS_PER_SHOT);
        Id tip = Id.GENESIS;
        long height;
        long seq;

        @Setup(Level.Trial)
        public void start() {
            chain = new Chain(Config.defaults());
            chain.start();
            System.out.println("# backend: " + Kernels.describe() + ", vector width " + Kernels.voteTally().vectorBits()
                    + " bits; chain " + chain.config());
        }

        @Setup(Level.Iteration)
        public void prepare() {
            blocks = new Block[ADDS_PER_SHOT];
            for (int i = 0; i < ADDS_PER_SHOT; i++) {
                Id id = Id.ofLong(++seq);
                blocks[i] = new Block(id, tip, ++height, new byte[0]);
                tip = id;
            }
            futures.clear();
        }

        /** Not timed: waits for the engine to finalize this shot's blocks, and checks that it did. */
        @TearDown(Level.Iteration)
        public void drain() throws Exception {
            if (futures.size() != ADDS_PER_SHOT) {
                throw new IllegalStateException("expected " + ADDS_PER_SHOT + " futures, got " + futures.size());
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            for (CompletableFuture<Decision> f : futures) {
                if (f.getNow(null) != Decision.FINALIZED) {
                    throw new IllegalStateException("a block of a linear chain was not finalized: " + f.getNow(null));
                }
            }
            if (!chain.isFinalized(tip) || chain.stats().pending() != 0) {
                throw new IllegalStateException("chain did not keep up: " + chain.stats());
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            chain.stop();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 20, batchSize = 1)
    @Measurement(iterations = 30, batchSize = 1)
    @OperationsPerInvocation(ADDS_PER_SHOT)
    public Object blockAdd(AddState s) {
        Chain chain = s.chain;
        Block[] blocks = s.blocks;
        List<CompletableFuture<Decision>> futures = s.futures;
        for (Block b : blocks) {
            futures.add(chain.addAsync(b));
        }
        return futures;
    }

    // ---------------------------------------------------------------- vote processing

    /**
     * A Snowman node with a processing chain {@code depth} deep plus a conflicting sibling of its first
     * block, and polls whose votes keep it in the same state: 16 for the tip, 5 for the sibling.
     */
    @State(Scope.Thread)
    public static class VoteState {
        @Param({"1", "16", "100"})
        public int depth;

        Snowman node;
        VoteTally tally;
        final VoteBag bag = new VoteBag();
        Id tip;
        Id[] candidates;
        byte[] onePoll;
        byte[] batchVotes;
        int[] counts;

        @Setup(Level.Trial)
        public void setUp() {
            Config config = Config.defaults();
            Snowman.Listener none = new Snowman.Listener() {
                @Override
                public void accepted(Id id, long height) {
                    throw new IllegalStateException("no block may finalize in this benchmark: " + id);
                }

                @Override
                public void rejected(Id id, long height) {
                    throw new IllegalStateException("no block may be rejected in this benchmark: " + id);
                }
            };
            node = new Snowman(config.parameters(), config.preferenceRule(), Id.GENESIS, 0, none);
            Id parent = Id.GENESIS;
            for (int h = 1; h <= depth; h++) {
                Id id = Id.ofLong(h);
                node.add(id, parent, h);
                parent = id;
            }
            tip = parent;
            Id sibling = Id.ofLong(1_000_000);
            node.add(sibling, Id.GENESIS, 1);
            candidates = new Id[] {tip, sibling};
            onePoll = pollVotes(16, 5);
            batchVotes = new byte[BATCH_POLLS * K];
            for (int p = 0; p < BATCH_POLLS; p++) { // the column layout: vote i of every poll side by side
                for (int i = 0; i < K; i++) {
                    batchVotes[i * BATCH_POLLS + p] = onePoll[i];
                }
            }
            counts = new int[BATCH_POLLS * 2];
            tally = Kernels.voteTally();
            checkParameters(config.parameters());
            System.out.println("# backend: " + Kernels.describe() + ", vector width " + tally.vectorBits()
                    + " bits; depth " + depth + ", " + node);
        }

        static void checkParameters(Parameters p) {
            if (p.k() != K || p.alphaPreference() > 16 || p.alphaConfidence() <= 16) {
                throw new IllegalStateException("the benchmark's votes assume k=21, alphaPref<=16<alphaConf; got " + p);
            }
        }
    }

    /** {@code first} votes for candidate 0 and {@code second} for candidate 1, interleaved, the rest no-votes. */
    static byte[] pollVotes(int first, int second) {
        byte[] v = new byte[K];
        Arrays.fill(v, VoteTally.NO_VOTE);
        int a = 0;
        int b = 0;
        for (int i = 0; i < K; i++) {
            if (a < first && (b >= second || i % 4 != 3)) {
                v[i] = 0;
                a++;
            } else if (b < second) {
                v[i] = 1;
                b++;
            }
        }
        return v;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OperationsPerInvocation(K)
    public Id votePoll(VoteState s) {
        int[] counts = s.counts;
        s.tally.tally(s.onePoll, 1, K, 2, counts);
        VoteBag bag = s.bag;
        bag.clear();
        bag.add(s.candidates[0], counts[0]);
        bag.add(s.candidates[1], counts[1]);
        s.node.recordPoll(bag);
        Id preference = s.node.preference();
        if (counts[0] != 16 || counts[1] != 5 || preference != s.tip) {
            throw new IllegalStateException("wrong poll result: counts " + counts[0] + "/" + counts[1] + ", preference " + preference);
        }
        return preference;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OperationsPerInvocation(BATCH_POLLS * K)
    public Id votePollBatch(VoteState s) {
        int[] counts = s.counts;
        s.tally.tallyColumns(s.batchVotes, BATCH_POLLS, K, 2, counts);
        VoteBag bag = s.bag;
        Snowman node = s.node;
        Id tip = s.candidates[0];
        Id sibling = s.candidates[1];
        for (int p = 0; p < BATCH_POLLS; p++) {
            bag.clear();
            bag.add(tip, counts[p]);
            bag.add(sibling, counts[BATCH_POLLS + p]);
            node.recordPoll(bag);
        }
        Id preference = node.preference();
        if (counts[BATCH_POLLS - 1] != 16 || counts[2 * BATCH_POLLS - 1] != 5 || preference != tip) {
            throw new IllegalStateException("wrong batch result: preference " + preference);
        }
        return preference;
    }

    /** The pipeline: one new block per poll, 19 of 21 votes for it, one block finalized per poll once full. */
    @State(Scope.Thread)
    public static class FinalizingState {
        static final int RING = 1 << 16;
        Snowman node;
        VoteTally tally;
        final VoteBag bag = new VoteBag();
        final Id[] ids = new Id[RING];
        byte[] votes;
        int[] counts = new int[1];
        Id tip = Id.GENESIS;
        long height;
        long accepted;
        int beta;

        @Setup(Level.Trial)
        public void setUp() {
            Config config = Config.defaults();
            beta = config.beta();
            VoteState.checkParameters(config.parameters());
            node = new Snowman(config.parameters(), config.preferenceRule(), Id.GENESIS, 0, new Snowman.Listener() {
                        @Override
                        public void accepted(Id id, long h) {
                            accepted++;
                        }

                        @Override
                        public void rejected(Id id, long h) {
                            throw new IllegalStateException("nothing conflicts here, yet " + id + " was rejected");
                        }
                    });
            for (int i = 0; i < RING; i++) {
                ids[i] = Id.ofLong(i + 1);
            }
            votes = pollVotes(19, 0);
            tally = Kernels.voteTally();
            System.out.println("# backend: " + Kernels.describe() + ", vector width " + tally.vectorBits() + " bits");
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OperationsPerInvocation(K)
    public Id votePollFinalizing(FinalizingState s) {
        long h = ++s.height;
        Id id = s.ids[(int) (h & (FinalizingState.RING - 1))];
        s.node.add(id, s.tip, h);
        s.tip = id;
        int[] counts = s.counts;
        s.tally.tally(s.votes, 1, K, 1, counts);
        VoteBag bag = s.bag;
        bag.clear();
        bag.add(id, counts[0]);
        s.node.recordPoll(bag);
        // Block h gets its beta-th confident poll at poll h + beta - 1, so after poll h it is h - beta + 1 that
        // was just finalized.
        long expectedAccepted = Math.max(0, h - s.beta + 1);
        if (counts[0] != 19 || s.node.preference() != id || s.node.lastAcceptedHeight() != expectedAccepted) {
            throw new IllegalStateException("wrong pipeline state after poll " + h + ": " + s.node + ", counts " + counts[0]);
        }
        return id;
    }

    // ---------------------------------------------------------------- reads on a chain with many blocks

    /** A chain with {@value #FINALIZED_BLOCKS} finalized blocks; ids to look up that are and are not there. */
    @State(Scope.Benchmark)
    public static class FinalizedChainState {
        static final int MASK = 1023;
        Chain chain;
        final Id[] hits = new Id[MASK + 1];
        final Id[] misses = new Id[MASK + 1];
        int next;
        long expectedBlocks;

        @Setup(Level.Trial)
        public void setUp() {
            chain = new Chain(Config.defaults());
            chain.start();
            List<Id> all = new ArrayList<>(FINALIZED_BLOCKS);
            Id parent = Id.GENESIS;
            for (int done = 0; done < FINALIZED_BLOCKS; ) {
                List<Block> batch = new ArrayList<>(1000);
                for (int i = 0; i < 1000; i++, done++) {
                    Id id = Id.random();
                    batch.add(new Block(id, parent, done + 1, new byte[0]));
                    all.add(id);
                    parent = id;
                }
                for (Decision d : chain.addBatch(batch)) {
                    if (d != Decision.FINALIZED) {
                        throw new IllegalStateException("setup block not finalized: " + d);
                    }
                }
            }
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (int i = 0; i <= MASK; i++) {
                hits[i] = Id.of(all.get(random.nextInt(all.size())).bytes()); // an equal copy, as a caller would hold
                misses[i] = Id.random();
                if (!chain.isFinalized(hits[i]) || chain.isFinalized(misses[i])) {
                    throw new IllegalStateException("setup: isFinalized wrong for lookup " + i);
                }
            }
            expectedBlocks = chain.stats().blocksProcessed();
            if (expectedBlocks != FINALIZED_BLOCKS || chain.stats().finalized() != FINALIZED_BLOCKS) {
                throw new IllegalStateException("setup: " + chain.stats());
            }
            System.out.println("# backend: " + Kernels.describe() + ", vector width " + Kernels.voteTally().vectorBits()
                    + " bits; chain of " + FINALIZED_BLOCKS + " finalized blocks");
        }

        @TearDown(Level.Trial)
        public void stop() {
            chain.stop();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public boolean isFinalizedHit(FinalizedChainState s) {
        boolean finalized = s.chain.isFinalized(s.hits[s.next++ & FinalizedChainState.MASK]);
        if (!finalized) {
            throw new IllegalStateException("a finalized block reads as not finalized");
        }
        return finalized;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public boolean isFinalizedMiss(FinalizedChainState s) {
        boolean finalized = s.chain.isFinalized(s.misses[s.next++ & FinalizedChainState.MASK]);
        if (finalized) {
            throw new IllegalStateException("an unknown block reads as finalized");
        }
        return finalized;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Statistics stats(FinalizedChainState s) {
        Statistics st = s.chain.stats();
        if (st.blocksProcessed() != s.expectedBlocks) {
            throw new IllegalStateException("stats changed on an idle chain: " + st);
        }
        return st;
    }
}
