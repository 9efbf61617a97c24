package lux.consensus.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;
import lux.consensus.kernels.bls.BlsSecretKey;
import lux.consensus.kernels.mldsa.MlDsa;

/** Writes the directories of an N-node network on this machine's loopback interface ({@code lux testnet}). */
public final class Testnet {

    private Testnet() {
    }

    /**
     * Fresh keys for {@code nodes} validators of equal stake, loopback addresses on ports free now, and the
     * SDK's default consensus parameters; one directory per node, {@code dir/node-0 ..}. (With the defaults,
     * alphaConf 18 of k 21, consensus needs more than 6/7 of the stake answering: a 4-node network stops while
     * one node is down. Lower alphaConf for networks that must ride out f < n/3 crashed nodes.)
     *
     * @return the node directories
     * @throws IllegalArgumentException if {@code nodes < 1} or {@code dir} already holds a node directory
     */
    public static List<Path> write(Path dir, int nodes) throws IOException {
        Config d = Config.defaults();
        return write(dir, nodes, d.k(), d.alphaPref(), d.alphaConf(), d.beta());
    }

    /**
     * As {@link #write(Path, int)}, with these consensus parameters (checked as {@link Config.Builder#build()}
     * checks them, liveness included).
     */
    public static List<Path> write(Path dir, int nodes, int k, int alphaPref, int alphaConf, int beta) throws IOException {
        if (nodes < 1) {
            throw new IllegalArgumentException("a network needs at least one node, got " + nodes);
        }
        if (Files.exists(dir.resolve("node-0"))) {
            throw new IllegalArgumentException(dir + " already holds a network (node-0 exists); choose an empty directory");
        }
        Config defaults = Config.defaults();
        Config.builder().k(k).alphaPref(alphaPref).alphaConf(alphaConf).beta(beta).validatorCount(nodes).build(); // refuses bad ones
        SecureRandom random = new SecureRandom();
        List<BlsSecretKey> bls = new ArrayList<>();
        List<byte[]> mlDsaSeeds = new ArrayList<>();
        List<TlsIdentity> tls = new ArrayList<>();
        List<NetworkDescription.Member> members = new ArrayList<>();
        List<ValidatorSet.Validator> validators = new ArrayList<>();
        List<Integer> ports = freeLoopbackPorts(3 * nodes);
        for (int i = 0; i < nodes; i++) {
            byte[] ikm = new byte[BlsSecretKey.MIN_IKM_BYTES];
            random.nextBytes(ikm);
            bls.add(BlsSecretKey.keyGen(ikm));
            byte[] seed = new byte[MlDsa.SEED_BYTES];
            random.nextBytes(seed);
            mlDsaSeeds.add(seed);
            TlsIdentity identity = TlsIdentity.generate("lux validator " + i, random);
            tls.add(identity);
            Id id = identity.validatorId();
            long stake = Config.DEFAULT_STAKE;
            validators.add(new ValidatorSet.Validator(id, stake, bls.get(i).publicKey(), bls.get(i).popProve(),
                    MlDsa.generate(defaults.mlDsaParams(), seed).publicKey()));
            members.add(new NetworkDescription.Member(i, id.toHex(), stake, "127.0.0.1:" + ports.get(3 * i),
                    "127.0.0.1:" + ports.get(3 * i + 1), "127.0.0.1:" + ports.get(3 * i + 2), TlsIdentity.toPem(identity.certificate())));
        }
        NetworkDescription network = new NetworkDescription(Id.random().toHex(), k, alphaPref, alphaConf, beta, defaults.qRounds(), members);
        ValidatorSet set = ValidatorSet.of(defaults.mlDsaParams(), validators);
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Path nodeDir = dir.resolve("node-" + i);
            NodeDirectory.write(nodeDir, i, network, set, bls.get(i), mlDsaSeeds.get(i), tls.get(i));
            dirs.add(nodeDir);
        }
        return dirs;
    }

    /** Ports the loopback interface has free now (held together, so they differ). */
    static List<Integer> freeLoopbackPorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
