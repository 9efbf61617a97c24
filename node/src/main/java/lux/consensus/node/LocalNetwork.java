package lux.consensus.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole network of {@link Node}s in this JVM, each on its own loopback sockets with mutual TLS, as
 * {@code lux testnet} writes it: for tests and {@code lux bench --network} (separate processes are
 * {@code lux node}'s job).
 */
public final class LocalNetwork implements AutoCloseable {
    private final List<Path> dirs;
    private final List<Node> nodes;

    private LocalNetwork(List<Path> dirs, List<Node> nodes) {
        this.dirs = dirs;
        this.nodes = nodes;
    }

    /**
     * Writes a network of {@code nodes} validators into {@code dir} (see {@link Testnet#write(Path, int, int, int, int, int)})
     * and starts every node.
     *
     * @throws IllegalArgumentException as {@link Testnet#write(Path, int, int, int, int, int)} does
     */
    public static LocalNetwork start(Path dir, int nodes, int k, int alphaPref, int alphaConf, int beta) throws IOException {
        List<Path> dirs = Testnet.write(dir, nodes, k, alphaPref, alphaConf, beta);
        List<Node> started = new ArrayList<>();
        try {
            for (Path d : dirs) {
                started.add(Node.start(d));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e;
        }
        return new LocalNetwork(dirs, List.copyOf(started));
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    public Path directory(int i) {
        return dirs.get(i);
    }

    /** Stops every node, all at once (each waits up to seconds for its calls to end). */
    @Override
    public void close() {
        closeAll(nodes);
    }

    private static void closeAll(List<Node> nodes) {
        List<Thread> closing = nodes.stream().map(n -> Thread.ofVirtual().start(n::close)).toList();
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
