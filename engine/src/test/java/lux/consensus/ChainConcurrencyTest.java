package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Chain is thread-safe: concurrent writers lose nothing, concurrent readers never see an inconsistent state. */
@Timeout(120)
class ChainConcurrencyTest {
    private static final int SIBLINGS = 64;
    private static final int READERS = 4;

    @RepeatedTest(3)
    void sixtyFourThreadsAddConflictingSiblingsWhileOthersRead() throws Exception {
        List<Block> siblings = new ArrayList<>();
        for (int i = 0; i < SIBLINGS; i++) {
            siblings.add(Blocks.onGenesis("sibling " + i));
        }
        Set<Id> siblingIds = ConcurrentHashMap.newKeySet();
        siblings.forEach(b -> siblingIds.add(b.id()));
        Map<Id, AtomicInteger> callbacks = new ConcurrentHashMap<>();
        List<String> readerErrors = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SIBLINGS + READERS);
        try (Chain chain = new Chain(Config.builder().validatorCount(40).build())) {
            chain.onFinalized(b -> callbacks.computeIfAbsent(b.id(), id -> new AtomicInteger()).incrementAndGet());
            chain.onRejected(b -> callbacks.computeIfAbsent(b.id(), id -> new AtomicInteger()).incrementAndGet());
            chain.start();

            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> readUntil(chain, siblings, siblingIds, writing, readerErrors)));
            }

            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletableFuture<Decision>>> submissions = new ArrayList<>();
            for (Block b : siblings) {
                submissions.add(pool.submit(() -> {
                    go.await();
                    return chain.addAsync(b);
                }));
            }
            go.countDown();
            List<Decision> decisions = new ArrayList<>();
            for (Future<CompletableFuture<Decision>> s : submissions) {
                decisions.add(s.get(60, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS));
            }
            writing.set(false);
            for (Future<?> r : readers) {
                r.get(10, TimeUnit.SECONDS);
            }

            assertEquals(List.of(), readerErrors, "readers saw inconsistent states");
            assertEquals(1, decisions.stream().filter(d -> d == Decision.FINALIZED).count(), "exactly one winner: " + decisions);
            assertEquals(SIBLINGS - 1, decisions.stream().filter(d -> d == Decision.REJECTED).count());
            for (Block b : siblings) {
                assertEquals(1, callbacks.get(b.id()).get(), "one callback for " + b);
            }
            Statistics s = chain.stats();
            assertEquals(SIBLINGS, s.blocksProcessed());
            assertEquals(1, s.finalized());
            assertEquals(SIBLINGS - 1, s.rejected());
            assertEquals(0, s.pending());
            Id winner = siblings.get(decisions.indexOf(Decision.FINALIZED)).id();
            assertEquals(winner, chain.preference());
            assertEquals(SIBLINGS, chain.getChildren(Id.GENESIS).size());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The engine parks whenever it has nothing to do, and a block added to an idle chain must wake it: 2,000 blocks
     * added one at a time, each waited for, hang here if a single wake-up is lost.
     */
    @Test
    void everyBlockAddedToAnIdleChainWakesTheEngine() {
        try (Chain chain = new Chain(Config.builder().qRounds(0).build())) {
            chain.start();
            Block tip = Blocks.onGenesis("idle 0");
            assertEquals(Decision.FINALIZED, chain.add(tip));
            for (int i = 1; i < 2_000; i++) {
                tip = Blocks.child(tip, "idle " + i);
                assertEquals(Decision.FINALIZED, chain.add(tip));
            }
            assertEquals(2_000, chain.stats().finalized());
            assertEquals(0, chain.stats().pending());
        }
    }

    /** Producers take turns at the tip from several threads; each admission hands its block over to the engine. */
    @Test
    void blocksAddedFromManyThreadsInTurnAreAllDecided() throws Exception {
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Chain chain = new Chain(Config.builder().qRounds(0).build())) {
            chain.start();
            Object turn = new Object();
            Block[] tip = {null};
            List<Future<List<CompletableFuture<Decision>>>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    List<CompletableFuture<Decision>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        synchronized (turn) { // the chain is linear, so adds take turns; admission itself is the chain's
                            Block b = tip[0] == null ? Blocks.onGenesis("t" + thread + " " + i) : Blocks.child(tip[0], "t" + thread + " " + i);
                            futures.add(chain.addAsync(b));
                            tip[0] = b;
                        }
                    }
                    return futures;
                }));
            }
            for (Future<List<CompletableFuture<Decision>>> w : work) {
                for (CompletableFuture<Decision> f : w.get(60, TimeUnit.SECONDS)) {
                    assertEquals(Decision.FINALIZED, f.get(60, TimeUnit.SECONDS));
                }
            }
            assertEquals(threads * perThread, chain.stats().finalized());
            assertTrue(chain.isFinalized(tip[0].id()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void readUntil(Chain chain, List<Block> siblings, Set<Id> siblingIds, AtomicBoolean writing, List<String> errors) {
        long lastFinalized = 0;
        long lastProcessed = 0;
        while (writing.get() && errors.size() < 10) {
            try {
                Statistics s = chain.stats();
                if (s.blocksProcessed() != s.finalized() + s.rejected() + s.pending()) {
                    errors.add("stats do not add up: " + s);
                }
                if (s.finalized() > 1 || s.finalized() < lastFinalized || s.blocksProcessed() < lastProcessed) {
                    errors.add("stats went backwards or finalized two siblings: " + s);
                }
                lastFinalized = s.finalized();
                lastProcessed = s.blocksProcessed();
                Id preference = chain.preference();
                if (!preference.equals(Id.GENESIS) && !siblingIds.contains(preference)) {
                    errors.add("preference is neither genesis nor a sibling: " + preference);
                }
                int finalized = 0;
                for (Block b : siblings) {
                    if (chain.isFinalized(b.id())) {
                        finalized++;
                    }
                    chain.getBlock(b.id()).ifPresent(stored -> {
                        if (!stored.id().equals(b.id())) {
                            errors.add("getBlock returned another block");
                        }
                    });
                }
                if (finalized > 1) {
                    errors.add(finalized + " conflicting siblings finalized at once");
                }
                if (chain.getChildren(Id.GENESIS).size() > siblings.size()) {
                    errors.add("more children than siblings");
                }
            } catch (RuntimeException e) {
                errors.add("reader threw " + e);
            }
        }
    }
}
