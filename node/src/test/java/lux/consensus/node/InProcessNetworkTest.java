package lux.consensus.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lux.consensus.Id;
import lux.consensus.node.proto.AddReply;
import lux.consensus.node.proto.AddRequest;
import lux.consensus.node.proto.Block;
import lux.consensus.node.proto.Decision;
import lux.consensus.node.proto.GetBlockReply;
import lux.consensus.node.proto.GetBlockRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four nodes in one JVM, on real loopback sockets with mutual TLS: blocks added at two nodes finalize everywhere. */
class InProcessNetworkTest {

    @Test
    void fourNodesFinalizeTheSameBlocksWithTheSameCertificates(@TempDir Path dir) throws Exception {
        List<Path> dirs = Testnet.write(dir, 4);
        List<Node> nodes = new ArrayList<>();
        try {
            for (Path d : dirs) {
                nodes.add(Node.start(d));
            }
            List<Block> blocks = new ArrayList<>();
            Id parent = Id.GENESIS;
            for (int h = 1; h <= 20; h++) {
                Id id = Id.random();
                blocks.add(Block.newBuilder().setId(ByteString.copyFrom(id.bytes())).setParentId(ByteString.copyFrom(parent.bytes()))
                        .setHeight(h).setPayload(ByteString.copyFromUtf8("block " + h)).build());
                parent = id;
            }
            try (NodeClient first = NodeClient.connect(dirs.get(0)); NodeClient third = NodeClient.connect(dirs.get(2))) {
                AddReply a = first.stub().withDeadlineAfter(60, TimeUnit.SECONDS).add(AddRequest.newBuilder().addAllBlocks(blocks.subList(0, 10)).build());
                waitFinalized(third, blocks.get(9).getId()); // node 2 must know block 10 before its children arrive
                AddReply b = third.stub().withDeadlineAfter(60, TimeUnit.SECONDS).add(AddRequest.newBuilder().addAllBlocks(blocks.subList(10, 20)).build());
                assertTrue(a.getDecisionsList().stream().allMatch(d -> d == Decision.FINALIZED), a.toString());
                assertTrue(b.getDecisionsList().stream().allMatch(d -> d == Decision.FINALIZED), b.toString());
            }
            for (Block block : blocks) {
                List<ByteString> certificates = new ArrayList<>();
                for (Path d : dirs) {
                    try (NodeClient client = NodeClient.connect(d)) {
                        GetBlockReply reply = waitFinalized(client, block.getId());
                        assertEquals("FINALIZED", reply.getStatus(), "node " + d.getFileName());
                        certificates.add(reply.getCertificate());
                    }
                }
                assertTrue(certificates.stream().allMatch(c -> !c.isEmpty()), "every node holds a certificate");
                assertEquals(1, certificates.stream().distinct().count(), "the nodes' certificates of block " + block.getHeight() + " are identical");
            }
        } finally {
            for (Node n : nodes) {
                n.close();
            }
        }
    }

    private static GetBlockReply waitFinalized(NodeClient client, ByteString id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        GetBlockReply reply;
        do {
            reply = client.stub().withDeadlineAfter(5, TimeUnit.SECONDS).getBlock(GetBlockRequest.newBuilder().setId(id).build());
            if ("FINALIZED".equals(reply.getStatus()) && !reply.getCertificate().isEmpty()) {
                return reply;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return reply;
    }
}
