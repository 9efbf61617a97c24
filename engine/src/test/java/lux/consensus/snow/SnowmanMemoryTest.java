package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import lux.consensus.Config;
import lux.consensus.Id;
import org.junit.jupiter.api.Test;

/** Decided blocks are let go: a long-running node's memory does not grow with the chain. */
class SnowmanMemoryTest {

    @Test
    void acceptedBlocksOfAnUnforkedChainAreNotRetained() throws InterruptedException {
        Parameters p = Config.defaults().parameters();
        long[] accepted = {0};
        Snowman sm = new Snowman(p, PreferenceRule.SNOWFLAKE, Id.GENESIS, 0, new Snowman.Listener() {
            @Override
            public void accepted(Id id, long height) {
                accepted[0]++;
            }

            @Override
            public void rejected(Id id, long height) {
                throw new AssertionError("nothing is rejected on an unforked chain");
            }
        });
        // A pipeline, as a node runs: blocks keep arriving while earlier ones are decided, so some are always
        // processing and the preference only ever extends.
        WeakReference<Id> first = addChain(sm, 1, 10);
        for (int round = 1; round < 100; round++) {
            addChain(sm, 1 + 10L * round, 10);
            sm.recordPoll(allFor(sm.preference(), p.k()));
        }
        assertEquals(1000, accepted[0] + sm.numProcessing());
        assertTrue(accepted[0] >= 900, accepted[0] + " accepted");
        for (int attempt = 0; attempt < 20 && first.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(first.get(), "the first accepted block is still reachable from the Snowman instance");
    }

    /** Adds {@code count} blocks in a line under the preference; returns a weak reference to the first id. */
    private static WeakReference<Id> addChain(Snowman sm, long firstHeight, int count) {
        WeakReference<Id> first = null;
        Id parent = sm.preference();
        for (int i = 0; i < count; i++) {
            Id id = Id.ofLong(1_000_000L + firstHeight + i);
            sm.add(id, parent, firstHeight + i);
            if (first == null) {
                first = new WeakReference<>(id);
            }
            parent = id;
        }
        return first;
    }

    private static VoteBag allFor(Id id, int k) {
        VoteBag bag = new VoteBag();
        bag.add(id, k);
        return bag;
    }
}
