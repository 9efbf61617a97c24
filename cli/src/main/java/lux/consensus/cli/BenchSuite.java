package lux.consensus.cli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Decision;
import lux.consensus.Id;
import lux.consensus.Statistics;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.JdkMlDsa;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.SignedBatch;
import lux.consensus.kernels.mldsa.SimdMlDsaVerifier;
import lux.consensus.kernels.profile.ResultsFile.Entry;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.SwarVoteTally;
import lux.consensus.kernels.tally.VoteTally;
import lux.consensus.snow.Snowman;
import lux.consensus.snow.VoteBag;

/**
 * The curated subset {@code lux bench} runs, timed by a small harness of its own (warm up, then the median of
 * several timed rounds). The JMH suite in {@code benchmarks/} is the reference; this is the quick look a
 * user can run anywhere. Every measurement checks its result and throws on a wrong answer.
 */
final class BenchSuite {

    /** How long each part runs. */
    record Plan(boolean quick, long roundMillis, int rounds, long warmupMillis, int outOfCacheVotes, int addShots,
            int finalizedBlocks, List<Integer> batchSizes, long batchMillis) {

        static Plan of(boolean quick) {
            return quick
                    ? new Plan(true, 100, 5, 300, 3_200_000, 12, 2_000, List.of(1, 100, 1000), 800)
                    : new Plan(false, 200, 9, 1000, 13_000_000, 40, 10_000, List.of(1, 100, 1000, 10000), 5000);
        }

        /** Rough units of work, for the progress bar: one per measurement, batch sizes weighted by time. */
        double totalWork() {
            return 1 + 3 * 3 + 6 + batchSizes.size() * 4;
        }
    }

    private static final VarHandle BYTES_AS_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int K = 21;
    /** Keeps results alive so the JIT cannot drop the work. */
    static volatile long sink;

    private final Plan plan;
    private final ProgressBar bar;
    private final List<Entry> entries = new ArrayList<>();

    BenchSuite(Plan plan, ProgressBar bar) {
        this.plan = plan;
        this.bar = bar;
    }

    List<Entry> run() throws Exception {
        mlDsa(); // first: its warm-up curve is that of a fresh JVM
        tally();
        chainOperations();
        batches();
        return entries;
    }

    // ---------------------------------------------------------------- harness

    /** One call does {@code ops} operations and returns a checksum. */
    @FunctionalInterface
    interface Op {
        long call() throws Exception;
    }

    /**
     * Median nanoseconds per operation over the plan's rounds, after a warmup. The warmup lasts at least the
     * plan's warmup time and then until the JIT is quiet (no compilation during the last round, so code that is
     * still interpreted or in C1 is not mistaken for steady state; Vector API code can take seconds to reach C2
     * on a busy small machine) and two rounds in a row agree within 3%; at most 4 s ({@code --quick}) or 10 s.
     */
    double nsPerOp(Op op, int opsPerCall) throws Exception {
        long roundNanos = TimeUnit.MILLISECONDS.toNanos(plan.roundMillis());
        long warmStart = System.nanoTime();
        long minWarm = TimeUnit.MILLISECONDS.toNanos(plan.warmupMillis());
        long maxWarm = TimeUnit.MILLISECONDS.toNanos(plan.quick() ? 4000 : 10000);
        double previous = Double.NaN;
        long compiled = compilationMillis();
        while (true) {
            double current = round(op, opsPerCall, roundNanos / 2);
            long nowCompiled = compilationMillis();
            boolean jitQuiet = nowCompiled == compiled;
            compiled = nowCompiled;
            long warmed = System.nanoTime() - warmStart;
            boolean settled = jitQuiet && Math.abs(current - previous) <= 0.03 * Math.min(current, previous);
            if (warmed >= maxWarm || (warmed >= minWarm && settled)) {
                break;
            }
            previous = current;
        }
        double[] perOp = new double[plan.rounds()];
        for (int r = 0; r < perOp.length; r++) {
            perOp[r] = round(op, opsPerCall, roundNanos);
        }
        return median(perOp);
    }

    /** Total JIT compilation time so far in ms, or -1 where the JVM does not report it. */
    private static long compilationMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** Calls {@code op} for at least {@code nanos}; nanoseconds per operation. */
    private static double round(Op op, int opsPerCall, long nanos) throws Exception {
        long s = 0;
        long calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            s += op.call();
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        sink += s;
        return (double) elapsed / (calls * (double) opsPerCall);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    // ---------------------------------------------------------------- ML-DSA verification

    /** Signatures per batch, each under its own key: a certificate of 64 validators. */
    private static final int ML_DSA_BATCH = 64;
    /** Batches a fresh JVM verifies before its speed is judged against the peak. */
    private static final int WARM_UP_BATCHES = 100;
    /** How long the full run verifies cold batches before measuring the cold path's peak. */
    private static final int ML_DSA_PEAK_SECONDS = 30;

    /**
     * ML-DSA-65 verification of a batch of {@value #ML_DSA_BATCH} signatures under distinct keys, µs per
     * signature: the SIMD verifier cold (no key registered) and warm (keys registered), the JDK's own ML-DSA and
     * BouncyCastle, in this process one after the other; and the cold verifier's speed over the first
     * {@value #WARM_UP_BATCHES} batches of this JVM (run first, before any other ML-DSA code).
     */
    private void mlDsa() throws Exception {
        if (Kernels.voteTally().vectorBits() == 0) {
            bar.step(1, "ML-DSA: skipped, the Vector API is not loaded");
            return;
        }
        bar.show("ML-DSA: signing " + ML_DSA_BATCH + " messages");
        MlDsaParams params = MlDsaParams.ML_DSA_65;
        SignedBatch signed = SignedBatch.of(params, ML_DSA_BATCH, 32, 65);
        byte[][] keys = signed.keys();
        byte[][] messages = signed.messages();
        byte[][] signatures = signed.signatures();
        int bits = jdk.incubator.vector.LongVector.SPECIES_PREFERRED.vectorBitSize();
        SimdMlDsaVerifier cold = new SimdMlDsaVerifier(bits, 0);
        bar.show("ML-DSA: the first " + WARM_UP_BATCHES + " batches of this JVM");
        double[] firstBatches = new double[WARM_UP_BATCHES];
        for (int b = 0; b < WARM_UP_BATCHES; b++) {
            long start = System.nanoTime();
            requireAll(cold.verify(params, keys, messages, signatures), "SIMD cold");
            firstBatches[b] = (System.nanoTime() - start) / 1e3 / ML_DSA_BATCH;
        }
        double afterWarmUp = median(Arrays.copyOfRange(firstBatches, WARM_UP_BATCHES - 10, WARM_UP_BATCHES));
        String batch = "ML-DSA-65, " + ML_DSA_BATCH + " distinct keys";
        // The JIT takes thousands of batches to bring the cold path to its peak: the full run verifies for a
        // while before measuring it, so that the warm-up can be judged against the real peak.
        long peakAfter = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.quick() ? 0 : ML_DSA_PEAK_SECONDS);
        while (System.nanoTime() < peakAfter) {
            bar.show("ML-DSA: SIMD cold, reaching its peak");
            requireAll(cold.verify(params, keys, messages, signatures), "SIMD cold");
        }
        double coldUs = usPerSignature(() -> cold.verify(params, keys, messages, signatures), "SIMD cold");
        SimdMlDsaVerifier warm = new SimdMlDsaVerifier(bits, 64L << 20);
        for (byte[] key : keys) {
            warm.register(key);
        }
        double warmUs = usPerSignature(() -> warm.verify(params, keys, messages, signatures), "SIMD warm");
        double bcUs = usPerSignature(() -> new BouncyCastleMlDsaVerifier().verify(params, keys, messages, signatures), "BouncyCastle");
        entries.add(Entry.of("mldsa", "simdCold", batch, cold.name(), coldUs, Double.NaN, "us/sig"));
        entries.add(Entry.of("mldsa", "simdWarm", batch + ", keys registered", warm.name(), warmUs, Double.NaN, "us/sig"));
        entries.add(Entry.of("mldsa", "simdColdBatches91to100", batch + ", median of batches 91-100 of this JVM", cold.name(),
                afterWarmUp, Double.NaN, "us/sig"));
        entries.add(Entry.of("mldsa", "bouncycastle", batch, "bouncycastle", bcUs, Double.NaN, "us/sig"));
        Entry warmUp = Entry.of("goal", "mlDsaWarmUp", "batches 91-100 / peak", cold.name(), afterWarmUp / coldUs, Double.NaN, "x");
        // --quick measures the cold path before the JIT is done with it: no peak to judge the warm-up by.
        entries.add(plan.quick() ? warmUp : warmUp.atMost(1.5, "<= 1.5x peak after 100 batches"));
        if (JdkMlDsa.available()) {
            java.security.PublicKey[] jdkKeys = new java.security.PublicKey[ML_DSA_BATCH];
            for (int i = 0; i < ML_DSA_BATCH; i++) {
                jdkKeys[i] = JdkMlDsa.publicKey(params, keys[i]);
            }
            double jdkUs = usPerSignature(() -> JdkMlDsa.verify(jdkKeys, messages, signatures), "JDK");
            entries.add(Entry.of("mldsa", "jdk", batch, "jdk", jdkUs, Double.NaN, "us/sig"));
            entries.add(Entry.of("goal", "mlDsaColdVsJdk", batch, cold.name(), jdkUs / coldUs, Double.NaN, "x")
                    .atLeast(2.5, ">= 2.5x the JDK"));
            entries.add(Entry.of("goal", "mlDsaWarmVsJdk", batch, warm.name(), jdkUs / warmUs, Double.NaN, "x")
                    .atLeast(6, ">= 6x the JDK"));
        }
        bar.step(1, "ML-DSA done");
    }

    /** A batch verification that returns one boolean per signature. */
    @FunctionalInterface
    private interface BatchVerification {
        boolean[] verify() throws Exception;
    }

    private double usPerSignature(BatchVerification verification, String who) throws Exception {
        bar.show("ML-DSA: " + who);
        return nsPerOp(() -> {
            requireAll(verification.verify(), who);
            return 1;
        }, ML_DSA_BATCH) / 1e3;
    }

    private static void requireAll(boolean[] ok, String who) {
        for (boolean b : ok) {
            if (!b) {
                throw new IllegalStateException(who + " rejected a valid ML-DSA signature");
            }
        }
    }

    // ---------------------------------------------------------------- vote tally kernel

    private void tally() throws Exception {
        VoteTally simd = Kernels.voteTally();
        VoteTally scalar = new ScalarVoteTally();
        VoteTally swar = new SwarVoteTally(); // the fastest plain-Java tally: the baseline worth beating
        int[][] shapes = {{10_000, K}, {K, 10_000}, {K, plan.outOfCacheVotes()}};
        String[] labels = {"short polls", "in cache", "out of cache"};
        for (int s = 0; s < shapes.length; s++) {
            int polls = shapes[s][0];
            int perPoll = shapes[s][1];
            String shape = polls + "x" + perPoll;
            bar.show("tally " + labels[s] + " " + shape + ": preparing " + String.format(java.util.Locale.ROOT, "%.1f MiB",
                    polls * (double) perPoll / (1 << 20)));
            byte[] votes = randomVotes(polls * perPoll, 3, 42 + s);
            int[] expected = new int[polls * 3];
            int[] counts = new int[polls * 3];
            scalar.tally(votes, polls, perPoll, 3, expected);
            simd.tally(votes, polls, perPoll, 3, counts);
            if (!Arrays.equals(expected, counts)) {
                throw new IllegalStateException(simd.name() + " disagrees with the scalar tally on " + shape);
            }
            long expectedSum = sumAsLongs(votes);
            double bytes = votes.length;
            String params = "shape=" + shape + " (" + labels[s] + "),candidates=3";
            for (VoteTally t : List.of(scalar, swar, simd)) {
                bar.show("tally " + labels[s] + " " + shape + ": " + t.name());
                double ns = nsPerOp(() -> {
                    t.tally(votes, polls, perPoll, 3, counts);
                    if (counts[0] != expected[0] || counts[counts.length - 1] != expected[expected.length - 1]) {
                        throw new IllegalStateException("wrong tally from " + t.name());
                    }
                    return counts[1];
                }, 1);
                entries.add(Entry.of("tally", t.name(), params, t.name(), bytes / ns, Double.NaN, "GB/s"));
                bar.step(1, "tally " + labels[s] + " " + shape + ": " + t.name() + " done");
            }
            if (perPoll == K) { // short polls: also the column layout (vote i of every poll side by side)
                int[] expectedColumns = new int[polls * 3];
                scalar.tallyColumns(votes, polls, perPoll, 3, expectedColumns);
                for (VoteTally t : List.of(scalar, swar, simd)) {
                    bar.show("tally " + labels[s] + " " + shape + ": " + t.name() + " columns");
                    double ns = nsPerOp(() -> {
                        t.tallyColumns(votes, polls, perPoll, 3, counts);
                        if (counts[0] != expectedColumns[0] || counts[counts.length - 1] != expectedColumns[counts.length - 1]) {
                            throw new IllegalStateException("wrong column tally from " + t.name());
                        }
                        return counts[1];
                    }, 1);
                    entries.add(Entry.of("tally", t.name() + " columns", params, t.name(), bytes / ns, Double.NaN, "GB/s"));
                }
            }
            bar.show("tally " + labels[s] + " " + shape + ": memory read");
            double ns = nsPerOp(() -> {
                long sum = sumAsLongs(votes);
                if (sum != expectedSum) {
                    throw new IllegalStateException("wrong sum");
                }
                return sum;
            }, 1);
            double readGbs = bytes / ns;
            if (simd.vectorBits() > 0) { // the Vector API is loaded: a vector read of as many bytes is the real bound
                long[] longs = new long[votes.length / Long.BYTES];
                Arrays.fill(longs, 3);
                long expectedLongs = 3L * longs.length;
                double vectorNs = nsPerOp(() -> {
                    long sum = lux.consensus.kernels.profile.VectorSum.sum(longs);
                    if (sum != expectedLongs) {
                        throw new IllegalStateException("wrong vector sum");
                    }
                    return sum;
                }, 1);
                readGbs = Math.max(readGbs, longs.length * 8.0 / vectorNs);
            }
            // memoryRead: the faster of a scalar read of the vote bytes and a vector read of a long[] as large
            entries.add(Entry.of("tally", "memoryRead", params, "memory", readGbs, Double.NaN, "GB/s"));
            bar.step(1, "tally " + labels[s] + " done");
        }
    }

    static byte[] randomVotes(int n, int candidates, long seed) {
        byte[] v = new byte[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(candidates + 1);
            v[i] = r == candidates ? VoteTally.NO_VOTE : (byte) r;
        }
        return v;
    }

    /** The plain read: the bytes summed as little-endian longs, 8 per load. */
    static long sumAsLongs(byte[] v) {
        long sum = 0;
        int i = 0;
        for (; i + Long.BYTES <= v.length; i += Long.BYTES) {
            sum += (long) BYTES_AS_LONG.get(v, i);
        }
        for (; i < v.length; i++) {
            sum += v[i];
        }
        return sum;
    }

    // ---------------------------------------------------------------- chain operations

    private void chainOperations() throws Exception {
        bar.show("chain: block add");
        double[] addAndInsert = blockAdd();
        entries.add(Entry.of("chain", "blockAdd", "addAsync, 1000 per shot, drained between shots", "", addAndInsert[0],
                Double.NaN, "ns/op").atMost(149, "<= 149 ns"));
        entries.add(Entry.of("chain", "chmInsert", "the same ids into a ConcurrentHashMap, 1000 per shot", "", addAndInsert[1],
                Double.NaN, "ns/op"));
        entries.add(Entry.of("goal", "blockAddVsChm", "addAsync / ConcurrentHashMap insert", "", addAndInsert[0] / addAndInsert[1],
                Double.NaN, "x").atMost(1.5, "<= 1.5x"));
        bar.step(1, "chain: block add done");

        bar.show("chain: vote processing");
        entries.add(Entry.of("chain", "votePoll", "one poll of k=21", "", votePoll(1), Double.NaN, "ns/vote")
                .atMost(128, "<= 128 ns per vote"));
        bar.step(1, "chain: vote poll done");
        entries.add(Entry.of("chain", "votePollBatch", "100 polls of k=21", "", votePoll(100), Double.NaN, "ns/vote")
                .atMost(2, "<= 2 ns per vote"));
        bar.step(1, "chain: vote poll batch done");

        bar.show("chain: building " + plan.finalizedBlocks() + " finalized blocks");
        try (Chain chain = new Chain(Config.defaults())) {
            chain.start();
            List<Id> ids = addLinear(chain, plan.finalizedBlocks(), 1000);
            Id[] hits = new Id[1024];
            Id[] misses = new Id[1024];
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < hits.length; i++) {
                hits[i] = Id.of(ids.get(random.nextInt(ids.size())).bytes());
                misses[i] = Id.random();
            }
            // Tiny operations run 1024 times per timed call, so the harness's own call costs nothing per operation.
            entries.add(Entry.of("chain", "isFinalizedHit", plan.finalizedBlocks() + " finalized blocks", "", nsPerOp(() -> {
                for (Id id : hits) {
                    if (!chain.isFinalized(id)) {
                        throw new IllegalStateException("finalized block reads as not finalized");
                    }
                }
                return 1;
            }, hits.length), Double.NaN, "ns/op").atMost(20, "<= 20 ns"));
            bar.step(1, "chain: isFinalized hit done");
            entries.add(Entry.of("chain", "isFinalizedMiss", plan.finalizedBlocks() + " finalized blocks", "", nsPerOp(() -> {
                for (Id id : misses) {
                    if (chain.isFinalized(id)) {
                        throw new IllegalStateException("unknown block reads as finalized");
                    }
                }
                return 1;
            }, misses.length), Double.NaN, "ns/op").atMost(20, "<= 20 ns"));
            bar.step(1, "chain: isFinalized miss done");
            long blocks = chain.stats().blocksProcessed();
            entries.add(Entry.of("chain", "stats", "", "", nsPerOp(() -> {
                long sum = 0;
                for (int i = 0; i < 1024; i++) {
                    Statistics st = chain.stats();
                    if (st.blocksProcessed() != blocks) {
                        throw new IllegalStateException("stats changed on an idle chain");
                    }
                    sum += st.finalized();
                }
                return sum;
            }, 1024), Double.NaN, "ns/op").atMost(30, "<= 30 ns"));
            bar.step(1, "chain: stats done");
        }
    }

    /**
     * Median ns per {@code addAsync} over shots of 1000 adds, each shot drained (all finalized) before the next;
     * and, as its baseline, the median ns per insert of the same ids into a fresh {@link ConcurrentHashMap}.
     */
    private double[] blockAdd() throws Exception {
        int perShot = 1000;
        try (Chain chain = new Chain(Config.defaults())) {
            chain.start();
            Id tip = Id.GENESIS;
            long height = 0;
            int warm = plan.addShots() / 3;
            double[] perAdd = new double[plan.addShots() - warm];
            double[] perInsert = new double[plan.addShots() - warm];
            List<CompletableFuture<Decision>> futures = new ArrayList<>(perShot);
            for (int shot = 0; shot < plan.addShots(); shot++) {
                Block[] blocks = new Block[perShot];
                for (int i = 0; i < perShot; i++) {
                    Id id = Id.random();
                    blocks[i] = new Block(id, tip, ++height, new byte[0]);
                    tip = id;
                }
                futures.clear();
                long start = System.nanoTime();
                for (Block b : blocks) {
                    futures.add(chain.addAsync(b));
                }
                long elapsed = System.nanoTime() - start;
                CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
                for (CompletableFuture<Decision> f : futures) {
                    if (f.getNow(null) != Decision.FINALIZED) {
                        throw new IllegalStateException("block of a linear chain not finalized");
                    }
                }
                ConcurrentHashMap<Id, Block> map = new ConcurrentHashMap<>();
                long mapStart = System.nanoTime();
                for (Block b : blocks) {
                    map.put(b.id(), b);
                }
                long mapElapsed = System.nanoTime() - mapStart;
                if (map.size() != perShot) {
                    throw new IllegalStateException("ConcurrentHashMap lost an insert");
                }
                if (shot >= warm) {
                    perAdd[shot - warm] = (double) elapsed / perShot;
                    perInsert[shot - warm] = (double) mapElapsed / perShot;
                }
            }
            return new double[] {median(perAdd), median(perInsert)};
        }
    }

    /** Median ns per vote: {@code polls} polls of 21 votes (16 tip, 5 sibling) tallied at once and recorded. */
    private double votePoll(int polls) throws Exception {
        Config config = Config.defaults();
        Snowman node = new Snowman(config.parameters(), config.preferenceRule(), Id.GENESIS, 0, new Snowman.Listener() {
            @Override
            public void accepted(Id id, long height) {
                throw new IllegalStateException("nothing may finalize here");
            }

            @Override
            public void rejected(Id id, long height) {
                throw new IllegalStateException("nothing may be rejected here");
            }
        });
        Id tip = Id.ofLong(1);
        Id sibling = Id.ofLong(2);
        node.add(tip, Id.GENESIS, 1);
        node.add(sibling, Id.GENESIS, 1);
        byte[] one = new byte[K];
        for (int i = 0; i < K; i++) {
            one[i] = (byte) (i < 16 ? 0 : 1);
        }
        byte[] votes = new byte[polls * K];
        for (int i = 0; i < K; i++) { // the column layout: vote i of every poll side by side
            Arrays.fill(votes, i * polls, (i + 1) * polls, one[i]);
        }
        int[] counts = new int[polls * 2];
        VoteTally tally = Kernels.voteTally();
        VoteBag bag = new VoteBag();
        int repeats = polls == 1 ? 100 : 1; // single polls: 100 separate kernel calls per timed call
        return nsPerOp(() -> {
            for (int r = 0; r < repeats; r++) {
                tally.tallyColumns(votes, polls, K, 2, counts);
                for (int p = 0; p < polls; p++) {
                    bag.clear();
                    bag.add(tip, counts[p]);
                    bag.add(sibling, counts[polls + p]);
                    node.recordPoll(bag);
                }
                if (counts[0] != 16 || counts[polls] != 5 || node.preference() != tip) {
                    throw new IllegalStateException("wrong poll result");
                }
            }
            return counts[0];
        }, repeats * polls * K);
    }

    private static List<Id> addLinear(Chain chain, int count, int batch) {
        List<Id> ids = new ArrayList<>(count);
        Id parent = Id.GENESIS;
        for (int done = 0; done < count; ) {
            List<Block> blocks = new ArrayList<>(batch);
            for (int i = 0; i < batch && done < count; i++, done++) {
                Id id = Id.random();
                blocks.add(new Block(id, parent, done + 1, new byte[0]));
                ids.add(id);
                parent = id;
            }
            for (Decision d : chain.addBatch(blocks)) {
                if (d != Decision.FINALIZED) {
                    throw new IllegalStateException("block of a linear chain decided " + d);
                }
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- end-to-end batches

    private void batches() {
        for (int qRounds : new int[] {2, 0}) {
            for (int size : plan.batchSizes()) {
                batch(size, qRounds);
            }
        }
    }

    /** Blocks finalized per second for batches of {@code size}; qRounds 2: with certificates, 0: consensus only. */
    private void batch(int size, int qRounds) {
        String what = "end to end: batches of " + size + (qRounds > 0 ? ", certificates on" : ", consensus only");
        bar.show(what);
        Config config = Config.builder().validatorCount(100).k(21).alphaPref(15).alphaConf(18).beta(8)
                .concurrentPolls(10).batchSize(size).qRounds(qRounds).build();
        System.gc(); // each configuration starts from a collected heap, not with the garbage of the one before
        try (Chain chain = new Chain(config)) {
            chain.start();
            Id[] tip = {Id.GENESIS};
            long[] height = {0};
            // one warm-up batch (or a few small ones), then batches until the time is up (at least one)
            long warmEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(plan.batchMillis() / 4, 300));
            do {
                addBatch(chain, size, tip, height);
            } while (System.nanoTime() < warmEnd);
            Statistics before = chain.stats();
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(plan.batchMillis());
            long blocks = 0;
            do {
                addBatch(chain, size, tip, height);
                blocks += size;
            } while (System.nanoTime() < end);
            double seconds = (System.nanoTime() - start) / 1e9;
            Statistics after = chain.stats();
            if (after.finalized() - before.finalized() != blocks) {
                throw new IllegalStateException("not every block finalized: " + after);
            }
            String params = "batch=" + size + ",certificates=" + (qRounds > 0 ? "on" : "off");
            entries.add(Entry.of("batch", "blocksFinalized", params, "", blocks / seconds, Double.NaN, "blocks/s"));
            Entry networkVotes = Entry.of("batch", "networkVotes", params, "", (after.networkVotes() - before.networkVotes()) / seconds,
                    Double.NaN, "votes/s");
            // The simulation goal: every validator's polls at >= 10M votes/s in all, consensus alone, in batches of
            // 100 as `lux run` adds them (bigger batches finalize thousands of blocks per poll: few votes, by design).
            boolean judged = qRounds == 0 && size == 100;
            entries.add(judged ? networkVotes.atLeast(10e6, ">= 10M votes/s network-wide") : networkVotes);
            entries.add(Entry.of("batch", "localVotes", params, "", (after.votesProcessed() - before.votesProcessed()) / seconds,
                    Double.NaN, "votes/s"));
        }
        bar.step(2, what + " done");
    }

    private static void addBatch(Chain chain, int size, Id[] tip, long[] height) {
        List<Block> blocks = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Id id = Id.random();
            blocks.add(new Block(id, tip[0], ++height[0], new byte[0]));
            tip[0] = id;
        }
        for (Decision d : chain.addBatch(blocks)) {
            if (d != Decision.FINALIZED) {
                throw new IllegalStateException("block of a linear chain decided " + d);
            }
        }
    }
}
