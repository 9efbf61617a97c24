package lux.consensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lux.consensus.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lux testnet}, then {@code lux client add} and {@code status} against its nodes; and their bad input. */
@Timeout(300)
class NetworkCommandsTest {

    @Test
    void testnetThenClientAddAndStatus(@TempDir Path dir) throws Exception {
        Lux.Outcome written = Lux.run("testnet", "--nodes", "4", "--dir", dir.toString());
        assertEquals(0, written.exitCode(), written.out() + written.err());
        assertTrue(written.out().contains("./lux node --dir " + dir.resolve("node-3")), written.out());
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                nodes.add(Node.start(dir.resolve("node-" + i)));
            }
            Lux.Outcome added = Lux.run("client", "--node", dir.resolve("node-0").toString(), "add", "--blocks", "20", "--conflict-every", "5");
            assertEquals(0, added.exitCode(), added.out() + added.err());
            assertTrue(added.out().contains("24 submitted"), added.out());
            // node-0 has decided every block; node-2 decides them through its own polls, a few rounds later at most.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Lux.Outcome status;
            JsonNode json;
            while (true) {
                status = Lux.run("client", "--node", dir.resolve("node-2").toString(), "status");
                assertEquals(0, status.exitCode(), status.out() + status.err());
                json = new ObjectMapper().readTree(status.out());
                if (json.get("lastAcceptedHeight").asLong() >= 1 || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(3, json.get("peers").asInt(), status.out());
            assertTrue(json.get("lastAcceptedHeight").asLong() >= 1 && json.get("lastAcceptedId").asText().length() == 64, status.out());
            assertTrue(json.has("finalized"), status.out());
        } finally {
            for (Node n : nodes) {
                n.close();
            }
        }
    }

    @Test
    void benchNetworkMeasuresBothNetworksAndWritesTheResults(@TempDir Path dir) throws Exception {
        Lux.Outcome bench = Lux.run("bench", "--network", "2", "--blocks", "5", "--latency-blocks", "3", "--out", dir.toString());
        assertEquals(0, bench.exitCode(), bench.err());
        Path json;
        try (var files = java.nio.file.Files.list(dir)) {
            json = files.filter(f -> f.getFileName().toString().startsWith("network-results-")).findFirst().orElseThrow();
        }
        lux.consensus.kernels.profile.ResultsFile results = lux.consensus.kernels.profile.ResultsFile.read(json);
        for (String backend : java.util.List.of("grpc-tls", "embedded")) {
            assertTrue(results.results().stream().anyMatch(e -> e.backend().equals(backend) && e.name().equals("finalized with certificates")
                    && e.value() > 0), backend + " throughput in " + results.results());
            assertTrue(results.results().stream().anyMatch(e -> e.backend().equals(backend) && e.name().equals("finality latency p99")),
                    backend + " latency");
        }
        assertTrue(bench.out().contains("node 0 certifying: signature rounds"), bench.out());
    }

    @Test
    void badInputGetsOneLineAndExitTwo(@TempDir Path dir) {
        Lux.Outcome zero = Lux.run("bench", "--network", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--network sizes must be 1..64, got 0"), zero.err());
        Lux.Outcome none = Lux.run("testnet", "--nodes", "0", "--dir", dir.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("lux testnet: a network needs at least one node, got 0"), none.err());
        Lux.Outcome missing = Lux.run("client", "--node", dir.resolve("nowhere").toString(), "status");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("is not a node directory"), missing.err());
    }
}
