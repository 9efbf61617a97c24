package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import lux.consensus.store.ChainState;
import lux.consensus.store.ChainStore;
import lux.consensus.store.ChainStoreException;
import lux.consensus.store.Commit;
import lux.consensus.store.MemoryChainStore;
import lux.consensus.store.StoreIdentity;
import lux.consensus.store.StoredBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A chain with a data directory: restart, resume, refusal of foreign directories, bounded memory, store failures. */
@Timeout(120)
class ChainDurabilityTest {
    @TempDir
    Path dir;

    private Config.Builder durable() {
        return Config.builder().qRounds(0).dataDir(dir);
    }

    /** A chain of {@code n} blocks on the tip, with a rival for every fifth; returns the blocks added. */
    private static List<Block> addChain(Chain chain, int n) {
        List<Block> blocks = new ArrayList<>();
        Id parent = chain.preference();
        long height = chain.getBlock(parent).map(Block::height).orElse(0L);
        for (int i = 0; i < n; i++) {
            Block b = Blocks.child(parent, height, "block " + height);
            blocks.add(b);
            if (i % 5 == 4) {
                blocks.add(Blocks.child(parent, height, "rival " + height));
            }
            parent = b.id();
            height++;
        }
        chain.addBatch(blocks);
        return blocks;
    }

    @Test
    void aRestartedChainHasEverythingItFinalizedAndContinuesFromTheTip() {
        List<Block> blocks;
        Statistics before;
        Id preference;
        try (Chain chain = new Chain(Config.builder().dataDir(dir).build())) { // with certificates
            chain.start();
            blocks = addChain(chain, 12);
            before = chain.stats();
            preference = chain.preference();
        }
        try (Chain chain = new Chain(Config.builder().dataDir(dir).build())) {
            assertEquals(preference, chain.preference(), "the preference comes back");
            Statistics after = chain.stats();
            assertEquals(before.finalized(), after.finalized());
            assertEquals(before.rejected(), after.rejected());
            assertEquals(before.finalizedHeight(), after.finalizedHeight());
            assertEquals(before.certified(), after.certified());
            assertEquals(before.pollsCompleted(), after.pollsCompleted());
            assertEquals(0, after.pending());
            for (Block b : blocks) {
                Block stored = chain.getBlock(b.id()).orElseThrow();
                assertEquals(b.parentId(), stored.parentId());
                assertTrue(java.util.Arrays.equals(b.payload(), stored.payload()));
                assertTrue(stored.timestamp() > 0);
                if (chain.isFinalized(b.id())) {
                    assertTrue(chain.verify(stored), "certificate of " + b.id() + " verifies after the restart");
                    assertTrue(chain.hasQuantumFinality(b.id()));
                } else {
                    assertTrue(chain.isRejected(b.id()));
                }
            }
            assertEquals(2, chain.getChildren(blocks.get(3).id()).size(), "a block with a rival child");
            chain.start();
            List<Block> more = addChain(chain, 3);
            assertEquals(before.finalizedHeight() + 3, chain.stats().finalizedHeight(), "adding continues from the tip");
            assertTrue(chain.isFinalized(more.get(0).id()));
            IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> chain.add(blocks.get(0)));
            assertTrue(duplicate.getMessage().contains("duplicate block id " + blocks.get(0).id() + " (already finalized)"),
                    duplicate.getMessage());
        }
    }

    /** Blocks admitted but not decided (a third of the validators silent) are decided after a restart. */
    @Test
    void admittedButUndecidedBlocksResumeConsensus() throws Exception {
        Block a = Blocks.onGenesis("a");
        Block b = Blocks.child(a, "b");
        try (Chain stalled = new Chain(durable().silentFraction(7 / 21.0).build())) {
            stalled.start();
            CompletableFuture<Decision> fa = stalled.addAsync(a);
            stalled.addAsync(b);
            Thread.sleep(300);
            assertFalse(fa.isDone(), "a third silent: nothing decided");
        }
        AtomicInteger finalizedCallbacks = new AtomicInteger();
        try (Chain chain = new Chain(durable().build())) {
            assertEquals(2, chain.stats().pending());
            assertFalse(chain.isFinalized(a.id()));
            chain.onFinalized(x -> finalizedCallbacks.incrementAndGet());
            chain.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!chain.isFinalized(b.id()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(chain.isFinalized(a.id()) && chain.isFinalized(b.id()));
            assertEquals(2, finalizedCallbacks.get());
            assertEquals(0, chain.stats().pending());
        }
    }

    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                try {
                    files.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return files;
    }

    @Test
    void aDirectoryOfAnotherChainOrValidatorSetIsRefusedAndLeftAsItWas() throws IOException {
        try (Chain chain = new Chain(durable().build())) {
            chain.start();
            addChain(chain, 3);
        }
        Map<String, String> before = snapshot();
        IllegalArgumentException otherChain = assertThrows(IllegalArgumentException.class,
                () -> new Chain(durable().chainId(Id.ofLong(99)).build()));
        assertTrue(otherChain.getMessage().contains("the data directory " + dir + " belongs to chain"), otherChain.getMessage());
        IllegalArgumentException otherSet = assertThrows(IllegalArgumentException.class,
                () -> new Chain(durable().validatorCount(22).build()));
        assertTrue(otherSet.getMessage().contains("was written for another validator set"), otherSet.getMessage());
        assertEquals(before, snapshot(), "not a byte changed");
        try (Chain chain = new Chain(durable().build())) {
            assertEquals(3, chain.stats().finalizedHeight());
        }
    }

    @Test
    void twoChainsOnOneDirectory() {
        try (Chain first = new Chain(durable().build())) {
            ChainStoreException e = assertThrows(ChainStoreException.class, () -> new Chain(durable().build()));
            assertTrue(e.getMessage().contains("the data directory " + dir + " is in use by another chain"), e.getMessage());
        }
    }

    /** Decided blocks beyond the window leave the chain's structures and are read back from the store. */
    @Test
    void blocksBeyondTheMemoryWindowAreReadFromTheStore() throws Exception {
        for (Config config : List.of(durable().memoryWindow(8).build(), Config.builder().qRounds(0).memoryWindow(8).build())) {
            try (Chain chain = new Chain(config)) {
                chain.start();
                List<Block> blocks = addChain(chain, 60);
                for (Block b : blocks) {
                    assertTrue(chain.isFinalized(b.id()) || chain.isRejected(b.id()), b.id() + " in " + config);
                    assertEquals(b.height(), chain.getBlock(b.id()).orElseThrow().height());
                }
                assertEquals(List.of(blocks.get(1).id()), chain.getChildren(blocks.get(0).id()));
                assertEquals(Optional.empty(), chain.getBlock(Id.ofLong(12345)));
                assertFalse(chain.isFinalized(Id.ofLong(12345)));
                assertThrows(IllegalArgumentException.class, () -> chain.add(blocks.get(2)), "an old duplicate is still refused");
                Block late = Blocks.child(blocks.get(0), "late rival of an old block");
                CompletableFuture<Decision> lateDecision = whileTheEngineIsHeld(chain, chain.getBlock(chain.preference()).orElseThrow(), () -> {
                    CompletableFuture<Decision> added = chain.addAsync(late);
                    assertEquals(List.of(blocks.get(1).id(), late.id()), chain.getChildren(blocks.get(0).id()),
                            "a child of a block that left memory is its child at once");
                    return added;
                });
                assertEquals(Decision.REJECTED, lateDecision.get(30, TimeUnit.SECONDS), "a child of an old finalized block is a late rival");
            }
        }
    }

    /** Runs {@code action} while the engine thread waits in a callback, so that it takes in no block meanwhile. */
    private static <T> T whileTheEngineIsHeld(Chain chain, Block tip, Callable<T> action) throws Exception {
        Block holder = Blocks.child(tip, "holds the engine");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        chain.onFinalized(b -> {
            if (b.id().equals(holder.id())) {
                held.countDown();
                awaitUninterruptibly(release);
            }
        });
        chain.addAsync(holder);
        assertTrue(held.await(30, TimeUnit.SECONDS), "the holder block was finalized");
        try {
            return action.call();
        } finally {
            release.countDown();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store whose commits fail after {@code okCommits} of them (a full disk, say). */
    private static final class FailingStore implements ChainStore {
        final MemoryChainStore inner = new MemoryChainStore();
        final int okCommits;
        final boolean failAdmits;
        volatile boolean failSyncs;
        int commits;

        FailingStore(int okCommits, boolean failAdmits) {
            this.okCommits = okCommits;
            this.failAdmits = failAdmits;
        }

        @Override
        public Optional<ChainState> open(StoreIdentity identity) {
            return inner.open(identity);
        }

        @Override
        public void admit(List<StoredBlock> blocks) {
            if (failAdmits) {
                throw new ChainStoreException("injected: no space left on device");
            }
            inner.admit(blocks);
        }

        @Override
        public void commit(Commit commit) {
            if (++commits > okCommits) {
                throw new ChainStoreException("injected: no space left on device");
            }
            inner.commit(commit);
        }

        @Override
        public void sync() {
            if (failSyncs) {
                throw new ChainStoreException("injected: fsync failed (I/O error)");
            }
        }

        @Override
        public Optional<StoredBlock> block(Id id) {
            return inner.block(id);
        }

        @Override
        public List<Id> children(Id parentId) {
            return inner.children(parentId);
        }

        @Override
        public Optional<byte[]> certificate(Id key) {
            return inner.certificate(key);
        }

        @Override
        public boolean durable() {
            return true; // so that the chain syncs through it
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFailingCommitStopsTheChainWithoutHalfAppliedDecisions() throws Exception {
        AtomicInteger finalizedCallbacks = new AtomicInteger();
        FailingStore store = new FailingStore(1, false);
        try (Chain chain = new Chain(Config.builder().qRounds(0).build(), store)) {
            chain.onFinalized(b -> finalizedCallbacks.incrementAndGet());
            chain.start();
            Block first = Blocks.onGenesis("first");
            assertEquals(Decision.FINALIZED, chain.add(first));
            Block second = Blocks.child(first, "second");
            CompletableFuture<Decision> f = chain.addAsync(second);
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("injected: no space left on device"), e.getCause().getMessage());
            assertFalse(chain.isFinalized(second.id()), "the failed step's decision is not applied");
            assertEquals(1, finalizedCallbacks.get(), "and not announced");
            assertEquals(1, chain.stats().finalized());
            IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> chain.addAsync(Blocks.child(first, "x")));
            assertTrue(stopped.getMessage().contains("STOPPED"), stopped.getMessage());
        }
    }

    @Test
    void aFailingSyncStopsTheChainBeforeTheDecisionIsAnnounced() throws Exception {
        AtomicInteger finalizedCallbacks = new AtomicInteger();
        FailingStore store = new FailingStore(Integer.MAX_VALUE, false);
        try (Chain chain = new Chain(Config.builder().qRounds(0).build(), store)) {
            chain.onFinalized(b -> finalizedCallbacks.incrementAndGet());
            chain.start();
            Block first = Blocks.onGenesis("first");
            assertEquals(Decision.FINALIZED, chain.add(first));
            store.failSyncs = true;
            Block second = Blocks.child(first, "second");
            ExecutionException e = assertThrows(ExecutionException.class, () -> chain.addAsync(second).get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("injected: fsync failed"), e.getCause().getMessage());
            assertFalse(chain.isFinalized(second.id()));
            assertEquals(1, finalizedCallbacks.get());
        }
    }

    @Test
    void aFailingAdmissionIsThrownAndLeavesTheChainUnchanged() {
        try (Chain chain = new Chain(Config.builder().qRounds(0).build(), new FailingStore(0, true))) {
            chain.start();
            Block b = Blocks.onGenesis("never stored");
            ChainStoreException e = assertThrows(ChainStoreException.class, () -> chain.addAsync(b));
            assertTrue(e.getMessage().contains("no space left on device"));
            assertEquals(Optional.empty(), chain.getBlock(b.id()));
            assertEquals(List.of(), chain.getChildren(Id.GENESIS));
            assertEquals(0, chain.stats().blocksProcessed());
        }
    }
}
