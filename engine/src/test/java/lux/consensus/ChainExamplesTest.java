package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SDK guide's examples, in Java, plus the basic fork scenario. */
@Timeout(60)
class ChainExamplesTest {
    @Test
    void helloOneBlockOnGenesisIsFinalized() {
        try (Chain chain = new Chain(Config.defaults())) {
            chain.start();
            Block block = Blocks.onGenesis("Hello, Lux!");
            assertEquals(Decision.FINALIZED, chain.add(block));
            assertTrue(chain.isFinalized(block.id()));
            assertEquals(block.id(), chain.preference());
            Block stored = chain.getBlock(block.id()).orElseThrow();
            assertTrue(stored.timestamp() > 0, "the chain stamps blocks it takes in");
            assertEquals("Hello, Lux!", new String(stored.payload()));
            assertEquals(List.of(block.id()), chain.getChildren(Id.GENESIS));
            Statistics s = chain.stats();
            assertEquals(1, s.blocksProcessed());
            assertEquals(1, s.finalized());
            assertEquals(0, s.pending());
            assertTrue(s.pollsCompleted() >= Config.defaults().beta(), "at least beta polls to finalize: " + s);
            assertTrue(s.votesProcessed() >= (long) s.pollsCompleted() * Config.defaults().alphaConf(), s.toString());
        }
    }

    @Test
    void preferenceIsGenesisOnAnEmptyChain() {
        try (Chain chain = new Chain(Config.defaults())) {
            assertEquals(Id.GENESIS, chain.preference());
            assertTrue(chain.isFinalized(Id.GENESIS));
            assertTrue(chain.getBlock(Id.GENESIS).isEmpty());
            assertEquals(Statistics.EMPTY, chain.stats());
        }
    }

    @Test
    void fullExampleHundredValidatorsTenBlocksCallbacksFireOnceEach() {
        Config config = Config.builder().validatorCount(100).build();
        Map<Id, AtomicInteger> finalizedCalls = new ConcurrentHashMap<>();
        List<Id> preferenceChanges = new CopyOnWriteArrayList<>();
        List<Block> blocks = new ArrayList<>();
        try (Chain chain = new Chain(config)) {
            chain.onFinalized(b -> finalizedCalls.computeIfAbsent(b.id(), id -> new AtomicInteger()).incrementAndGet());
            chain.onRejected(b -> { throw new AssertionError("nothing conflicts here, yet " + b + " was rejected"); });
            chain.onPreferenceChanged(preferenceChanges::add);
            chain.start();
            Block parent = null;
            for (int i = 0; i < 10; i++) {
                Block b = parent == null ? Blocks.onGenesis("block " + i) : Blocks.child(parent, "block " + i);
                assertEquals(Decision.FINALIZED, chain.add(b));
                blocks.add(b);
                parent = b;
            }
            for (Block b : blocks) {
                assertEquals(1, finalizedCalls.get(b.id()).get(), "onFinalized fires exactly once for " + b);
                assertTrue(chain.isFinalized(b.id()));
            }
            assertEquals(parent.id(), chain.preference());
            assertEquals(parent.id(), preferenceChanges.get(preferenceChanges.size() - 1));
            Statistics s = chain.stats();
            assertEquals(10, s.blocksProcessed());
            assertEquals(10, s.finalized());
            assertEquals(0, s.rejected());
            assertEquals(0, s.pending());
            assertEquals(10, s.finalizedHeight());
            assertTrue(s.networkVotes() > s.votesProcessed(), "other validators poll too: " + s);
        }
    }

    @Test
    void tryWithResourcesClosesTheChain() {
        Chain chain;
        try (Chain c = new Chain(Config.defaults())) {
            chain = c;
            c.start();
        }
        var e = assertThrows(IllegalStateException.class, () -> chain.add(Blocks.onGenesis("late")));
        assertTrue(e.getMessage().contains("STOPPED"), e.getMessage());
    }

    @Test
    void twoConflictingSiblingsOneFinalizedOtherRejectedWithItsDescendants() {
        List<Block> rejected = new CopyOnWriteArrayList<>();
        try (Chain chain = new Chain(Config.builder().validatorCount(50).build())) {
            chain.onRejected(rejected::add);
            chain.start();
            Block a = Blocks.onGenesis("a");
            Block b = Blocks.onGenesis("b");
            Block a2 = Blocks.child(a, "a2");
            Block b2 = Blocks.child(b, "b2");
            List<Decision> d = chain.addBatch(List.of(a, b, a2, b2));
            assertEquals(d.get(0), d.get(2), "a child shares its parent's fate when the parent loses");
            assertEquals(d.get(1), d.get(3));
            assertTrue(d.get(0) != d.get(1), "exactly one sibling wins: " + d);
            Block winner = d.get(0) == Decision.FINALIZED ? a : b;
            Block loser = winner == a ? b : a;
            Block loserChild = winner == a ? b2 : a2;
            assertTrue(chain.isFinalized(winner.id()));
            assertFalse(chain.isFinalized(loser.id()));
            assertTrue(chain.isRejected(loser.id()));
            assertTrue(rejected.contains(loser) && rejected.contains(loserChild), "onRejected fired for " + rejected);
            assertEquals(2, rejected.size());
            Statistics s = chain.stats();
            assertEquals(4, s.blocksProcessed());
            assertEquals(2, s.finalized());
            assertEquals(2, s.rejected());
            assertEquals(0, s.pending());
        }
    }

    @Test
    void aBlockArrivingAfterItsSiblingWasFinalizedIsRejected() {
        try (Chain chain = new Chain(Config.defaults())) {
            chain.start();
            Block first = Blocks.onGenesis("first");
            assertEquals(Decision.FINALIZED, chain.add(first));
            assertEquals(Decision.FINALIZED, chain.add(Blocks.child(first, "next")));
            Block late = Blocks.onGenesis("late rival of first");
            assertEquals(Decision.REJECTED, chain.add(late));
            assertTrue(chain.isRejected(late.id()));
            assertNotNull(chain.getBlock(late.id()).orElse(null));
        }
    }
}
