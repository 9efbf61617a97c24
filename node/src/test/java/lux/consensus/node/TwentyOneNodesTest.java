package lux.consensus.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Decision;
import lux.consensus.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's default network, 21 validators with k 21, alphaConf 18, as 21 nodes in one JVM, each on its own
 * loopback sockets with mutual TLS: blocks added at two nodes and a pair of rivals proposed at two others are
 * decided alike everywhere, every finalized block with the same certificate at every node.
 */
class TwentyOneNodesTest {
    private static final long WAIT_SECONDS = 180;

    @Test
    void theDefaultNetworkFinalizesWithCertificates(@TempDir Path dir) throws Exception {
        Config d = Config.defaults();
        try (LocalNetwork network = LocalNetwork.start(dir, 21, d.k(), d.alphaPref(), d.alphaConf(), d.beta())) {
            List<Block> finalized = new ArrayList<>();
            List<Block> first = chainOn(network.node(0).chain(), 10, "from node 0");
            assertDecided(add(network.node(0).chain(), first), Decision.FINALIZED);
            finalized.addAll(first);
            assertSameEverywhere(network, finalized);

            List<Block> second = chainOn(network.node(7).chain(), 10, "from node 7");
            assertDecided(add(network.node(7).chain(), second), Decision.FINALIZED);
            finalized.addAll(second);

            Chain left = network.node(3).chain();
            Chain right = network.node(15).chain();
            Block tip = finalized.get(finalized.size() - 1);
            awaitFinalized(left, tip);
            awaitFinalized(right, tip);
            Block l = new Block(Id.random(), tip.id(), tip.height() + 1, "left".getBytes(StandardCharsets.UTF_8));
            Block r = new Block(Id.random(), tip.id(), tip.height() + 1, "right".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Decision> lDecision = left.addAsync(l);
            CompletableFuture<Decision> rDecision = right.addAsync(r);
            Set<Decision> outcomes = new HashSet<>(List.of(lDecision.get(WAIT_SECONDS, TimeUnit.SECONDS), rDecision.get(WAIT_SECONDS, TimeUnit.SECONDS)));
            assertEquals(Set.of(Decision.FINALIZED, Decision.REJECTED), outcomes, "one rival finalized, the other rejected");
            finalized.add(lDecision.get() == Decision.FINALIZED ? l : r);
            assertSameEverywhere(network, finalized);
        }
    }

    /** {@code count} blocks on the chain's preference. */
    private static List<Block> chainOn(Chain chain, int count, String payload) {
        Id parent = chain.preference();
        long height = chain.getBlock(parent).map(Block::height).orElse(0L);
        List<Block> blocks = new ArrayList<>();
        for (int h = 1; h <= count; h++) {
            Block b = new Block(Id.random(), parent, height + h, payload.getBytes(StandardCharsets.UTF_8));
            blocks.add(b);
            parent = b.id();
        }
        return blocks;
    }

    private static List<CompletableFuture<Decision>> add(Chain chain, List<Block> blocks) {
        return blocks.stream().map(chain::addAsync).toList();
    }

    private static void assertDecided(List<CompletableFuture<Decision>> decisions, Decision expected) throws Exception {
        for (CompletableFuture<Decision> d : decisions) {
            assertEquals(expected, d.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    private static void awaitFinalized(Chain chain, Block block) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!(chain.isFinalized(block.id()) && chain.hasQuantumFinality(block.id())) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(chain.isFinalized(block.id()), "block at height " + block.height() + " not finalized in time");
        assertTrue(chain.hasQuantumFinality(block.id()), "block at height " + block.height() + " has no certificate");
    }

    private static void assertSameEverywhere(LocalNetwork network, List<Block> blocks) throws InterruptedException {
        for (Block b : blocks) {
            Set<String> certificates = new HashSet<>();
            for (Node node : network.nodes()) {
                awaitFinalized(node.chain(), b);
                certificates.add(java.util.HexFormat.of().formatHex(node.chain().getBlock(b.id()).orElseThrow().certs().toBytes()));
            }
            assertEquals(1, certificates.size(), "certificates of height " + b.height() + " differ between nodes");
        }
    }
}
