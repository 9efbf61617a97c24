package lux.consensus.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lux.consensus.Config;
import lux.consensus.node.Testnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lux testnet}: writes the directories of an N-node network on this machine. */
@Command(name = "testnet", mixinStandardHelpOptions = true,
        description = "Write DIR/node-0 .. DIR/node-(N-1): each node's keys (BLS, ML-DSA, TLS), the shared validator set and"
                + " network description (loopback addresses on free ports, the SDK's default parameters).")
final class TestnetCommand implements Callable<Integer> {
    @Option(names = "--nodes", required = true, description = "Number of validators.")
    int nodes;

    @Option(names = "--dir", required = true, description = "Directory to write the node directories into (created).")
    Path dir;

    @Option(names = "--k", description = "Sample size (default: the SDK's, 21).")
    Integer k;

    @Option(names = "--alpha-pref", description = "Preference threshold (default: the SDK's, 15).")
    Integer alphaPref;

    @Option(names = "--alpha-conf", description = "Confidence threshold (default: the SDK's, 18; at most about 2/3 of k for a"
            + " network that keeps finalizing with f < n/3 nodes down).")
    Integer alphaConf;

    @Option(names = "--beta", description = "Consecutive confident polls to finalize (default: the SDK's, 8).")
    Integer beta;

    @Override
    public Integer call() throws Exception {
        Config defaults = Config.defaults();
        List<Path> dirs = Testnet.write(dir, nodes, k != null ? k : defaults.k(), alphaPref != null ? alphaPref : defaults.alphaPref(),
                alphaConf != null ? alphaConf : defaults.alphaConf(), beta != null ? beta : defaults.beta());
        System.out.printf("wrote %d node directories under %s%n", dirs.size(), dir);
        System.out.println("start each node (one terminal or background job each):");
        for (Path d : dirs) {
            System.out.println("  ./lux node --dir " + d);
        }
        System.out.println("then, for example:");
        System.out.println("  ./lux client --node " + dirs.get(0) + " add --blocks 100");
        System.out.println("  ./lux client --node " + dirs.get(dirs.size() - 1) + " status");
        return 0;
    }
}
