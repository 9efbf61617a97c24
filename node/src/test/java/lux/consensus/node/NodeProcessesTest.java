package lux.consensus.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lux.consensus.Id;
import lux.consensus.node.proto.AddRequest;
import lux.consensus.node.proto.Block;
import lux.consensus.node.proto.Decision;
import lux.consensus.node.proto.GetBlockReply;
import lux.consensus.node.proto.GetBlockRequest;
import lux.consensus.node.proto.StatusReply;
import lux.consensus.node.proto.StatusRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators as separate JVMs on loopback, with mutual TLS: blocks and conflicting blocks submitted at
 * different nodes; every node finalizes the same blocks with identical certificates; one node SIGKILLed, the
 * rest keep finalizing, and the restarted node catches up. The parameters (alphaConf 13 of k 21) let three of
 * four validators finalize; the SDK's defaults (alphaConf 18) need more than 6/7 of the stake answering.
 */
class NodeProcessesTest {
    private static final int NODES = 4;
    private final Process[] processes = new Process[NODES];
    private List<Path> dirs;

    @AfterEach
    void stopAll() {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void processesAgreeSurviveAKillAndCatchUp(@TempDir Path dir) throws Exception {
        dirs = Testnet.write(dir, NODES, 21, 11, 13, 8);
        for (int i = 0; i < NODES; i++) {
            start(i);
        }
        for (int i = 0; i < NODES; i++) {
            awaitUp(i);
        }
        List<Block> decided = new ArrayList<>();
        decided.addAll(addChain(0, 10));
        // Before building on node 2's preference, node 2 must have finalized those: blocks on a stale tip are
        // late rivals of finalized ones, and rejected.
        assertSameEverywhere(decided, List.of(0, 1, 2, 3));
        decided.addAll(addChain(2, 10));
        assertSameEverywhere(decided, List.of(0, 1, 2, 3));

        // Rivals proposed at two nodes at once, on the tip every node finalized: exactly one of them is
        // finalized, everywhere.
        StatusReply tip = status(1);
        Block left = block(Id.random(), Id.fromHex(tip.getPreference()), tip.getPreferenceHeight() + 1, "left");
        Block right = block(Id.random(), Id.fromHex(tip.getPreference()), tip.getPreferenceHeight() + 1, "right");
        CompletableFuture<Decision> l = CompletableFuture.supplyAsync(() -> addOne(1, left));
        CompletableFuture<Decision> r = CompletableFuture.supplyAsync(() -> addOne(3, right));
        Set<Decision> outcomes = new HashSet<>(List.of(l.get(120, TimeUnit.SECONDS), r.get(120, TimeUnit.SECONDS)));
        assertEquals(Set.of(Decision.FINALIZED, Decision.REJECTED), outcomes, "one rival finalized, the other rejected");
        decided.add(l.get() == Decision.FINALIZED ? left : right);
        assertSameEverywhere(decided, List.of(0, 1, 2, 3));

        // A SIGKILL of one node (f = 1 < n/3): the others keep finalizing.
        processes[3].destroyForcibly().waitFor();
        processes[3] = null;
        decided.addAll(addChain(0, 10));
        assertSameEverywhere(decided, List.of(0, 1, 2));

        // Restarted on its directory, it resumes from its store and catches up from its peers.
        start(3);
        awaitUp(3);
        decided.addAll(addChain(1, 5));
        assertSameEverywhere(decided, List.of(0, 1, 2, 3));
    }

    private void start(int i) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss2m", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(), dirs.get(i).toString());
        processes[i] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dirs.get(i).resolve("log.txt").toFile()).start();
    }

    private void awaitUp(int i) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                status(i);
                return;
            } catch (RuntimeException notYet) {
                assertTrue(System.nanoTime() < deadline, "node " + i + " did not come up: " + notYet.getMessage());
                assertTrue(processes[i].isAlive(), "node " + i + " exited; see " + dirs.get(i).resolve("log.txt"));
                Thread.sleep(200);
            }
        }
    }

    private StatusReply status(int i) throws IOException {
        try (NodeClient c = NodeClient.connect(dirs.get(i))) {
            return c.stub().withDeadlineAfter(5, TimeUnit.SECONDS).status(StatusRequest.getDefaultInstance());
        }
    }

    /** {@code count} blocks on node {@code i}'s preference, added there; all must be finalized. */
    private List<Block> addChain(int i, int count) throws IOException {
        StatusReply tip = status(i);
        List<Block> blocks = new ArrayList<>();
        Id parent = Id.fromHex(tip.getPreference());
        for (int h = 1; h <= count; h++) {
            Id id = Id.random();
            blocks.add(block(id, parent, tip.getPreferenceHeight() + h, "from node " + i));
            parent = id;
        }
        try (NodeClient c = NodeClient.connect(dirs.get(i))) {
            List<Decision> decisions = c.stub().withDeadlineAfter(120, TimeUnit.SECONDS)
                    .add(AddRequest.newBuilder().addAllBlocks(blocks).build()).getDecisionsList();
            assertTrue(decisions.stream().allMatch(d -> d == Decision.FINALIZED), "decisions at node " + i + ": " + decisions);
        }
        return blocks;
    }

    private Decision addOne(int i, Block block) {
        try (NodeClient c = NodeClient.connect(dirs.get(i))) {
            return c.stub().withDeadlineAfter(120, TimeUnit.SECONDS).add(AddRequest.newBuilder().addBlocks(block).build()).getDecisions(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every block finalized at every listed node, with a certificate whose digest is the same at all of them. */
    private void assertSameEverywhere(List<Block> blocks, List<Integer> nodes) throws Exception {
        for (Block b : blocks) {
            Set<String> digests = new HashSet<>();
            for (int i : nodes) {
                GetBlockReply reply = awaitCertified(i, b.getId());
                assertEquals("FINALIZED", reply.getStatus(), "block at height " + b.getHeight() + " on node " + i);
                assertTrue(!reply.getCertificate().isEmpty(), "certificate of height " + b.getHeight() + " on node " + i);
                digests.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(reply.getCertificate().toByteArray())));
            }
            assertEquals(1, digests.size(), "certificates of height " + b.getHeight() + " differ between nodes " + nodes);
        }
    }

    private GetBlockReply awaitCertified(int i, ByteString id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (NodeClient c = NodeClient.connect(dirs.get(i))) {
            while (true) {
                GetBlockReply reply = c.stub().withDeadlineAfter(5, TimeUnit.SECONDS).getBlock(GetBlockRequest.newBuilder().setId(id).build());
                if (("FINALIZED".equals(reply.getStatus()) && !reply.getCertificate().isEmpty()) || System.nanoTime() > deadline) {
                    return reply;
                }
                Thread.sleep(50);
            }
        }
    }

    private static Block block(Id id, Id parent, long height, String payload) {
        return Block.newBuilder().setId(ByteString.copyFrom(id.bytes())).setParentId(ByteString.copyFrom(parent.bytes()))
                .setHeight(height).setPayload(ByteString.copyFromUtf8(payload)).build();
    }
}
