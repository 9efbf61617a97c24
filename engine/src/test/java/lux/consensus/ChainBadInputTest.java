package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets a clear exception naming the problem and the offending value, and changes nothing. */
@Timeout(60)
class ChainBadInputTest {
    private Chain chain;
    private Block root;

    @BeforeEach
    void startChainWithOneBlock() {
        chain = new Chain(Config.defaults());
        chain.start();
        root = Blocks.onGenesis("root");
        assertEquals(Decision.FINALIZED, chain.add(root));
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    /** Runs {@code bad}, expects {@code type} with a message containing {@code needles}, and checks nothing changed. */
    private <T extends Throwable> void refused(Class<T> type, Executable bad, String... needles) {
        Statistics before = chain.stats();
        Id preference = chain.preference();
        List<Id> children = chain.getChildren(root.id());
        T e = assertThrows(type, bad);
        for (String needle : needles) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(needle),
                    "message '" + e.getMessage() + "' should name '" + needle + "'");
        }
        assertEquals(before, chain.stats(), "statistics unchanged");
        assertEquals(preference, chain.preference(), "preference unchanged");
        assertEquals(children, chain.getChildren(root.id()), "tree unchanged");
    }

    @Test
    void nullBlockAndNullFields() {
        refused(NullPointerException.class, () -> chain.add(null), "block");
        refused(NullPointerException.class, () -> chain.addAsync(null), "block");
        refused(NullPointerException.class, () -> chain.addBatch(null), "blocks");
        refused(NullPointerException.class, () -> chain.addBatch(Arrays.asList(Blocks.child(root, "x"), null)), "index 1");
        assertThrows(NullPointerException.class, () -> new Block(null, root.id(), 2, new byte[0]));
        assertThrows(NullPointerException.class, () -> new Block(Id.random(), null, 2, new byte[0]));
        assertThrows(NullPointerException.class, () -> new Block(Id.random(), root.id(), 2, null));
        assertThrows(NullPointerException.class, () -> chain.isFinalized(null));
    }

    /** The future addAsync returns is the caller's to complete or cancel; the chain decides regardless. */
    @Test
    void completingOrCancellingTheReturnedFutureDoesNotDecideTheBlock() throws Exception {
        Block completed = Blocks.child(root, "completed by the caller");
        CompletableFuture<Decision> first = chain.addAsync(completed);
        assertTrue(first.complete(Decision.REJECTED) || first.getNow(null) == Decision.FINALIZED);
        Block cancelled = Blocks.child(completed, "cancelled by the caller");
        CompletableFuture<Decision> second = chain.addAsync(cancelled);
        second.cancel(true);
        Block last = Blocks.child(cancelled, "waited for");
        assertEquals(Decision.FINALIZED, chain.add(last));
        assertTrue(chain.isFinalized(completed.id()), "finalized though its future was completed with REJECTED");
        assertTrue(chain.isFinalized(cancelled.id()), "finalized though its future was cancelled");
        assertEquals(List.of(cancelled.id()), chain.getChildren(completed.id()));
    }

    @Test
    void wrongIdLength() {
        var e = assertThrows(IllegalArgumentException.class, () -> Id.of(new byte[20]));
        assertTrue(e.getMessage().contains("20"));
    }

    @Test
    void heightBelowOneOrOwnParent() {
        assertThrows(IllegalArgumentException.class, () -> new Block(Id.random(), Id.GENESIS, 0, new byte[0]));
        Id self = Id.random();
        assertThrows(IllegalArgumentException.class, () -> new Block(self, self, 1, new byte[0]));
    }

    @Test
    void unknownParent() {
        Id missing = Id.random();
        Block orphan = new Block(Id.random(), missing, 2, new byte[0]);
        refused(IllegalArgumentException.class, () -> chain.add(orphan), "unknown parent", missing.toHex());
    }

    @Test
    void heightNotParentPlusOne() {
        Block wrong = new Block(Id.random(), root.id(), 5, new byte[0]);
        refused(IllegalArgumentException.class, () -> chain.add(wrong), "height 5", "expected 2");
    }

    @Test
    void duplicateId() {
        Block again = new Block(root.id(), Id.GENESIS, 1, new byte[0]);
        refused(IllegalArgumentException.class, () -> chain.add(again), "duplicate block id", root.id().toHex(), "finalized");
        Block dupGenesis = new Block(Id.GENESIS, root.id(), 2, new byte[0]);
        refused(IllegalArgumentException.class, () -> chain.add(dupGenesis), "duplicate block id");
    }

    @Test
    void aBlockExtendingARejectedBlock() {
        Block late = Blocks.onGenesis("rival of root, arrives after root was finalized");
        assertEquals(Decision.REJECTED, chain.add(late));
        Block onLoser = Blocks.child(late, "builds on the loser");
        refused(IllegalArgumentException.class, () -> chain.add(onLoser), "extends rejected block", late.id().toHex());
    }

    @Test
    void oneBadBlockInABatchAddsNothing() {
        Block good1 = Blocks.child(root, "good 1");
        Block good2 = Blocks.child(good1, "good 2");
        Block bad = new Block(Id.random(), Id.random(), 4, new byte[0]);
        refused(IllegalArgumentException.class, () -> chain.addBatch(List.of(good1, good2, bad)), "index 2", "unknown parent");
        assertTrue(chain.getBlock(good1.id()).isEmpty(), "nothing of the batch was added");
        refused(IllegalArgumentException.class, () -> chain.addBatch(List.of(good1, good1)), "index 1", "earlier in this batch");
        assertEquals(List.of(Decision.FINALIZED, Decision.FINALIZED), chain.addBatch(List.of(good1, good2)));
    }

    @Test
    void addBeforeStartAndAfterStop() {
        try (Chain fresh = new Chain(Config.defaults())) {
            var e = assertThrows(IllegalStateException.class, () -> fresh.add(Blocks.onGenesis("early")));
            assertTrue(e.getMessage().contains("NEW") && e.getMessage().contains("start()"), e.getMessage());
            assertEquals(Statistics.EMPTY, fresh.stats());
            fresh.start();
            var again = assertThrows(IllegalStateException.class, fresh::start);
            assertTrue(again.getMessage().contains("RUNNING"), again.getMessage());
            fresh.stop();
            fresh.stop(); // idempotent
            var late = assertThrows(IllegalStateException.class, () -> fresh.addBatch(List.of(Blocks.onGenesis("late"))));
            assertTrue(late.getMessage().contains("STOPPED"), late.getMessage());
            var restart = assertThrows(IllegalStateException.class, fresh::start);
            assertTrue(restart.getMessage().contains("create a new Chain"), restart.getMessage());
            assertEquals(Statistics.EMPTY, fresh.stats());
        }
    }

    @Test
    void blockingAddFromACallbackIsRefusedWithAHint() throws Exception {
        var failure = new java.util.concurrent.CompletableFuture<Throwable>();
        chain.onFinalized(b -> {
            try {
                chain.add(Blocks.child(b, "from callback"));
                failure.complete(null);
            } catch (IllegalStateException e) {
                failure.complete(e);
            }
        });
        chain.add(Blocks.child(root, "trigger"));
        Throwable e = failure.get();
        assertTrue(e != null && e.getMessage().contains("addAsync"), String.valueOf(e));
    }
}
