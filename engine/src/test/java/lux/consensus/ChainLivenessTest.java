package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forks decided through the public API with the SDK's own configurations: {@code Config.defaults()} (21
 * validators, k 21) and both presets at k equal to the validator count, where a poll that asked every
 * validator once left an even split undecided forever.
 */
@Timeout(120)
class ChainLivenessTest {
    static Stream<Arguments> forks() {
        return Stream.of(
                Arguments.of("defaults, 2 siblings", Config.defaults(), 2),
                Arguments.of("defaults, 64 siblings", Config.defaults(), 64),
                Arguments.of("highSecurity k=n=50, 2 siblings", Config.highSecurity().validatorCount(50).build(), 2),
                Arguments.of("highSecurity k=n=50, 8 siblings", Config.highSecurity().validatorCount(50).build(), 8),
                Arguments.of("highPerformance k=n=11, 2 siblings", Config.highPerformance().validatorCount(11).build(), 2),
                Arguments.of("highPerformance k=n=11, 64 siblings", Config.highPerformance().validatorCount(11).build(), 64));
    }

    /** Decisions seen through the callbacks, counted per block. */
    private static final class Callbacks {
        final Map<Id, AtomicInteger> finalized = new ConcurrentHashMap<>();
        final Map<Id, AtomicInteger> rejected = new ConcurrentHashMap<>();

        Callbacks(Chain chain) {
            chain.onFinalized(b -> finalized.computeIfAbsent(b.id(), id -> new AtomicInteger()).incrementAndGet());
            chain.onRejected(b -> rejected.computeIfAbsent(b.id(), id -> new AtomicInteger()).incrementAndGet());
        }

        void assertOncePerBlock() {
            Stream.concat(finalized.entrySet().stream(), rejected.entrySet().stream())
                    .forEach(e -> assertEquals(1, e.getValue().get(), "callbacks for " + e.getKey()));
            assertTrue(finalized.keySet().stream().noneMatch(rejected::containsKey), "no block both finalized and rejected");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forks")
    void aForkOnGenesisIsDecidedExactlyOnce(String name, Config config, int siblings) throws Exception {
        try (Chain chain = new Chain(config)) {
            Callbacks callbacks = new Callbacks(chain);
            chain.start();
            List<Block> blocks = new ArrayList<>();
            List<CompletableFuture<Decision>> decisions = new ArrayList<>();
            for (int i = 0; i < siblings; i++) {
                Block b = Blocks.onGenesis("sibling " + i);
                blocks.add(b);
                decisions.add(chain.addAsync(b));
            }
            int finalized = 0;
            for (int i = 0; i < siblings; i++) {
                Decision d = decisions.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(d == Decision.FINALIZED, chain.isFinalized(blocks.get(i).id()));
                finalized += d == Decision.FINALIZED ? 1 : 0;
            }
            assertEquals(1, finalized, name + ": exactly one sibling finalized");
            assertEquals(1, callbacks.finalized.size());
            assertEquals(siblings - 1, callbacks.rejected.size());
            callbacks.assertOncePerBlock();
            Statistics s = chain.stats();
            assertEquals(1, s.finalized());
            assertEquals(siblings - 1, s.rejected());
            assertEquals(0, s.pending());
            if (config.qRounds() > 0) {
                Block winner = chain.getBlock(chain.preference()).orElseThrow();
                assertTrue(chain.verify(winner), "the finalized sibling carries a valid certificate");
            }
        }
    }

    /** A fork deeper in the chain, and a fork under a fork, with the defaults. */
    @Test
    void deeperForksAndAForkUnderAForkAreDecided() throws Exception {
        Config config = Config.builder().qRounds(0).build();
        try (Chain chain = new Chain(config)) {
            Callbacks callbacks = new Callbacks(chain);
            chain.start();
            Block parent = Blocks.onGenesis("base");
            List<CompletableFuture<Decision>> decisions = new ArrayList<>();
            decisions.add(chain.addAsync(parent));
            for (int i = 0; i < 3; i++) { // three more on top, still undecided when the fork arrives
                parent = Blocks.child(parent, "chain " + i);
                decisions.add(chain.addAsync(parent));
            }
            List<Block> forks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Block sibling = Blocks.child(parent, "fork " + i);
                forks.add(sibling);
                decisions.add(chain.addAsync(sibling));
            }
            for (int s = 0; s < 2; s++) { // two of the siblings are forks themselves
                for (int i = 0; i < 3; i++) {
                    decisions.add(chain.addAsync(Blocks.child(forks.get(s), "fork " + s + "." + i)));
                }
            }
            int finalized = 0;
            for (CompletableFuture<Decision> d : decisions) {
                finalized += d.get(60, TimeUnit.SECONDS) == Decision.FINALIZED ? 1 : 0;
            }
            Statistics s = chain.stats();
            assertTrue(finalized == 5 || finalized == 6, "the chain of 4, one sibling, and one of its children if it has any: " + finalized);
            assertEquals(decisions.size(), s.finalized() + s.rejected());
            assertEquals(finalized, callbacks.finalized.size());
            callbacks.assertOncePerBlock();
        }
    }

    /** A third of the validators silent: nothing can finalize, and the chain says so instead of hanging silently. */
    @Test
    void aStalledChainReportsWhyWithNumbers() throws Exception {
        Config config = Config.builder().silentFraction(7 / 21.0).qRounds(0).stallWarningAfter(Duration.ofMillis(300)).build();
        try (Chain chain = new Chain(config)) {
            chain.start();
            assertTrue(chain.stallReport().isEmpty(), "nothing pending, no stall");
            CompletableFuture<Decision> pending = chain.addAsync(Blocks.onGenesis("waits"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (chain.stallReport().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String report = chain.stallReport().orElseThrow(() -> new AssertionError("no stall reported"));
            assertTrue(report.startsWith("no block decided for "), report);
            assertTrue(report.contains("with 1 pending"), report);
            assertTrue(report.contains("reached alphaConf=18 of k=21 (beta=8 in a row finalize)"), report);
            assertTrue(report.contains("STALLED: with 67% of stake honest (silent 33%, Byzantine 0%)"), report);
            assertTrue(!pending.isDone());
            Statistics s = chain.stats();
            assertTrue(s.pollsCompleted() > 0 && s.failedPolls() > 0.8 * s.pollsCompleted(),
                    "most polls fail with a third silent: " + s);
        }
    }

    @Test
    void failedPollsStayFewOnAHealthyChain() {
        try (Chain chain = new Chain(Config.builder().qRounds(0).build())) {
            chain.start();
            Block b = Blocks.onGenesis("one");
            assertEquals(Decision.FINALIZED, chain.add(b));
            Statistics s = chain.stats();
            assertEquals(0, s.failedPolls(), "every poll of an honest network agrees on a single block: " + s);
            assertTrue(chain.stallReport().isEmpty());
        }
    }
}
