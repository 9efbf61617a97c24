package lux.consensus.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lux.consensus.node.proto.Block;
import lux.consensus.node.proto.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seven validators as separate JVMs, every peer link through a loopback proxy: blocks and rivals at different
 * nodes; two nodes SIGKILLed (f = 2 < n/3) while the rest keep finalizing, then restarted; then a partition cuts
 * two nodes off: the five finalize, the two finalize nothing (a rival chain proposed there stays undecided),
 * and once healed the two take the five's blocks, reject their rivals, and every certificate agrees.
 * (alphaConf 13 of k 21, so that five of seven validators can finalize.)
 */
class SevenNodeProcessesTest {
    private static final List<Integer> ALL = List.of(0, 1, 2, 3, 4, 5, 6);
    private static final List<Integer> MAJORITY = List.of(0, 1, 2, 3, 4);

    @Test
    void sevenProcessesSurviveKillsAndAPartition(@TempDir Path dir) throws Exception {
        try (ProcessNetwork network = ProcessNetwork.write(dir, 7, 21, 11, 13, 8, true)) {
            network.startAll();
            List<Block> decided = new ArrayList<>();
            decided.addAll(network.addChain(0, 10));
            network.assertSameEverywhere(decided, ALL);
            decided.addAll(network.addChain(4, 10));
            network.assertSameEverywhere(decided, ALL);
            decided.add(NodeProcessesTest.proposeRivals(network, 2, 6));
            network.assertSameEverywhere(decided, ALL);

            network.kill(5);
            network.kill(6);
            decided.addAll(network.addChain(1, 10));
            network.assertSameEverywhere(decided, MAJORITY);
            network.start(5);
            network.start(6);
            network.awaitUp(5);
            network.awaitUp(6);
            decided.addAll(network.addChain(3, 5));
            network.assertSameEverywhere(decided, ALL);

            network.partition(Set.of(5, 6));
            long cutAt = network.status(5).getLastAcceptedHeight();
            CompletableFuture<List<Decision>> minority = network.add(5, network.chainOnPreference(5, 3, "minority"));
            decided.addAll(network.addChain(0, 10));
            network.assertSameEverywhere(decided, MAJORITY);
            assertFalse(minority.isDone(), "the cut-off side decided its blocks: " + (minority.isDone() ? minority.join() : ""));
            assertEquals(cutAt, network.status(5).getLastAcceptedHeight(), "node 5 finalized while cut off");
            assertEquals(cutAt, network.status(6).getLastAcceptedHeight(), "node 6 finalized while cut off");

            network.heal();
            assertEquals(List.of(Decision.REJECTED, Decision.REJECTED, Decision.REJECTED),
                    minority.get(ProcessNetwork.WAIT_SECONDS, TimeUnit.SECONDS), "the cut-off side's rivals of finalized blocks");
            network.assertSameEverywhere(decided, ALL);
        }
    }
}
