package lux.consensus.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lux.consensus.node.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lux node}: runs one validator in the foreground until SIGTERM (or SIGINT). */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run the validator whose directory (from lux testnet) is DIR, until SIGTERM or SIGINT; a restart on the"
                + " same directory resumes from its store and catches up from its peers.")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, description = "The node's directory, e.g. DIR/node-0.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Node node = Node.start(dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "lux-node-shutdown"));
        stopped.await();
        return 0;
    }
}
