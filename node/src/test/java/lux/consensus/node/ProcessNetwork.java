package lux.consensus.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * A {@code lux testnet} network whose nodes run as separate JVMs ({@link NodeProcess}), driven through the
 * client API: for the tests that kill, restart and partition nodes. With links, every node reaches every peer
 * through a {@link LoopbackProxy} of its own (node i's network.json names them), so that a test can cut
 * the network in two.
 */
final class ProcessNetwork implements AutoCloseable {
    static final long WAIT_SECONDS = 180;

    private final List<Path> dirs;
    private final Process[] processes;
    /** links[i][j]: node i's link to peer j (null where i == j, or without links). */
    private final LoopbackProxy[][] links;

    private ProcessNetwork(List<Path> dirs, LoopbackProxy[][] links) {
        this.dirs = dirs;
        this.processes = new Process[dirs.size()];
        this.links = links;
    }

    /** Writes the network's directories (nothing runs yet); {@code withLinks} puts a proxy on every peer link. */
    static ProcessNetwork write(Path dir, int nodes, int k, int alphaPref, int alphaConf, int beta, boolean withLinks) throws IOException {
        LoopbackProxy[][] links = new LoopbackProxy[nodes][nodes];
        for (int i = 0; withLinks && i < nodes; i++) {
            for (int j = 0; j < nodes; j++) {
                links[i][j] = i == j ? null : new LoopbackProxy();
            }
        }
        List<Path> dirs = Testnet.write(dir, nodes, k, alphaPref, alphaConf, beta);
        if (withLinks) {
            for (int i = 0; i < nodes; i++) {
                NetworkDescription shared = NetworkDescription.read(dirs.get(i).resolve(NodeDirectory.NETWORK));
                List<NetworkDescription.Member> seen = new ArrayList<>();
                for (NetworkDescription.Member m : shared.validators()) {
                    if (m.index() == i) {
                        seen.add(m);
                        continue;
                    }
                    links[i][m.index()].relayTo(Node.address(m.peerAddress()));
                    seen.add(new NetworkDescription.Member(m.index(), m.id(), m.stake(), links[i][m.index()].address(), m.clientAddress(),
                            m.metricsAddress(), m.certificate()));
                }
                new NetworkDescription(shared.chainId(), shared.k(), shared.alphaPref(), shared.alphaConf(), shared.beta(), shared.qRounds(), seen)
                        .write(dirs.get(i).resolve(NodeDirectory.NETWORK));
            }
        }
        return new ProcessNetwork(dirs, links);
    }

    int size() {
        return dirs.size();
    }

    void start(int i) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss2m", "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(), dirs.get(i).toString());
        processes[i] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dirs.get(i).resolve("log.txt").toFile())).start();
    }

    void startAll() throws Exception {
        for (int i = 0; i < size(); i++) {
            start(i);
        }
        for (int i = 0; i < size(); i++) {
            awaitUp(i);
        }
    }

    void awaitUp(int i) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
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

    /** SIGKILL: the node gets no chance to close anything. */
    void kill(int i) throws InterruptedException {
        processes[i].destroyForcibly().waitFor();
        processes[i] = null;
    }

    /** Cuts every link between {@code side} and the other nodes, both ways. */
    void partition(Set<Integer> side) {
        for (int i = 0; i < size(); i++) {
            for (int j = 0; j < size(); j++) {
                if (links[i][j] != null && side.contains(i) != side.contains(j)) {
                    links[i][j].cut();
                }
            }
        }
    }

    void heal() {
        for (LoopbackProxy[] row : links) {
            for (LoopbackProxy link : row) {
                if (link != null) {
                    link.heal();
                }
            }
        }
    }

    StatusReply status(int i) throws IOException {
        try (NodeClient c = NodeClient.connect(dirs.get(i))) {
            return c.stub().withDeadlineAfter(5, TimeUnit.SECONDS).status(StatusRequest.getDefaultInstance());
        }
    }

    GetBlockReply getBlock(int i, ByteString id) throws IOException {
        try (NodeClient c = NodeClient.connect(dirs.get(i))) {
            return c.stub().withDeadlineAfter(5, TimeUnit.SECONDS).getBlock(GetBlockRequest.newBuilder().setId(id).build());
        }
    }

    /** {@code count} blocks on node {@code i}'s preference, added there; all must be finalized. */
    List<Block> addChain(int i, int count) throws IOException {
        List<Block> blocks = chainOnPreference(i, count, "from node " + i);
        List<Decision> decisions = add(i, blocks).join();
        assertTrue(decisions.stream().allMatch(d -> d == Decision.FINALIZED), "decisions at node " + i + ": " + decisions);
        return blocks;
    }

    /** {@code count} new blocks on node {@code i}'s preference (not added). */
    List<Block> chainOnPreference(int i, int count, String payload) throws IOException {
        StatusReply tip = status(i);
        List<Block> blocks = new ArrayList<>();
        Id parent = Id.fromHex(tip.getPreference());
        for (int h = 1; h <= count; h++) {
            Id id = Id.random();
            blocks.add(block(id, parent, tip.getPreferenceHeight() + h, payload));
            parent = id;
        }
        return blocks;
    }

    /** Adds blocks at node {@code i}; the future completes with their decisions. */
    CompletableFuture<List<Decision>> add(int i, List<Block> blocks) {
        return CompletableFuture.supplyAsync(() -> {
            try (NodeClient c = NodeClient.connect(dirs.get(i))) {
                return c.stub().withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS).add(AddRequest.newBuilder().addAllBlocks(blocks).build())
                        .getDecisionsList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    /** Every block finalized at every listed node, with a certificate whose digest is the same at all of them. */
    void assertSameEverywhere(List<Block> blocks, List<Integer> nodes) throws Exception {
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            GetBlockReply reply = getBlock(i, id);
            if (("FINALIZED".equals(reply.getStatus()) && !reply.getCertificate().isEmpty()) || System.nanoTime() > deadline) {
                return reply;
            }
            Thread.sleep(50);
        }
    }

    static Block block(Id id, Id parent, long height, String payload) {
        return Block.newBuilder().setId(ByteString.copyFrom(id.bytes())).setParentId(ByteString.copyFrom(parent.bytes()))
                .setHeight(height).setPayload(ByteString.copyFromUtf8(payload)).build();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        for (LoopbackProxy[] row : links) {
            for (LoopbackProxy link : row) {
                if (link != null) {
                    link.close();
                }
            }
        }
    }
}
