package lux.consensus.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lux.consensus.Id;
import lux.consensus.node.proto.Block;
import lux.consensus.node.proto.Decision;
import lux.consensus.node.proto.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators as separate JVMs on loopback, with mutual TLS: blocks and conflicting blocks submitted at
 * different nodes; every node finalizes the same blocks with identical certificates; one node SIGKILLed, the
 * rest keep finalizing, and the restarted node catches up. The parameters (alphaConf 13 of k 21) let three of
 * four validators finalize; the SDK's defaults (alphaConf 18) need more than 6/7 of the stake answering.
 */
class NodeProcessesTest {

    @Test
    void processesAgreeSurviveAKillAndCatchUp(@TempDir Path dir) throws Exception {
        try (ProcessNetwork network = ProcessNetwork.write(dir, 4, 21, 11, 13, 8, false)) {
            network.startAll();
            List<Block> decided = new ArrayList<>();
            decided.addAll(network.addChain(0, 10));
            // Before building on node 2's preference, node 2 must have finalized those: blocks on a stale tip are
            // late rivals of finalized ones, and rejected.
            network.assertSameEverywhere(decided, List.of(0, 1, 2, 3));
            decided.addAll(network.addChain(2, 10));
            network.assertSameEverywhere(decided, List.of(0, 1, 2, 3));

            decided.add(proposeRivals(network, 1, 3));
            network.assertSameEverywhere(decided, List.of(0, 1, 2, 3));

            // A SIGKILL of one node (f = 1 < n/3): the others keep finalizing.
            network.kill(3);
            decided.addAll(network.addChain(0, 10));
            network.assertSameEverywhere(decided, List.of(0, 1, 2));

            // Restarted on its directory, it resumes from its store and catches up from its peers.
            network.start(3);
            network.awaitUp(3);
            decided.addAll(network.addChain(1, 5));
            network.assertSameEverywhere(decided, List.of(0, 1, 2, 3));
        }
    }

    /**
     * Rivals proposed at two nodes at once, on the tip node {@code a} finalized (every node must have it): exactly
     * one of them is finalized.
     *
     * @return the finalized one
     */
    static Block proposeRivals(ProcessNetwork network, int a, int b) throws Exception {
        StatusReply tip = network.status(a);
        Block left = ProcessNetwork.block(Id.random(), Id.fromHex(tip.getPreference()), tip.getPreferenceHeight() + 1, "left");
        Block right = ProcessNetwork.block(Id.random(), Id.fromHex(tip.getPreference()), tip.getPreferenceHeight() + 1, "right");
        CompletableFuture<List<Decision>> l = network.add(a, List.of(left));
        CompletableFuture<List<Decision>> r = network.add(b, List.of(right));
        Decision lDecision = l.get(ProcessNetwork.WAIT_SECONDS, TimeUnit.SECONDS).get(0);
        Set<Decision> outcomes = new HashSet<>(List.of(lDecision, r.get(ProcessNetwork.WAIT_SECONDS, TimeUnit.SECONDS).get(0)));
        assertEquals(Set.of(Decision.FINALIZED, Decision.REJECTED), outcomes, "one rival finalized, the other rejected");
        return lDecision == Decision.FINALIZED ? left : right;
    }
}
