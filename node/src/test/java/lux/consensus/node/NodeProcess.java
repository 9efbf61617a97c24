package lux.consensus.node;

import java.nio.file.Path;

/** A node in a JVM of its own, for the tests that kill and restart nodes: {@code NodeProcess DIR}. */
public final class NodeProcess {
    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        Node node = Node.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        Thread.currentThread().join();
    }
}
