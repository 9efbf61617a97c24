package lux.consensus.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import lux.consensus.Config;
import lux.consensus.ValidatorSet;
import lux.consensus.cert.ValidatorKeys;
import lux.consensus.kernels.bls.BlsSecretKey;
import lux.consensus.kernels.mldsa.MlDsa;

/**
 * A node's directory, as {@code lux testnet} writes it and {@code lux node} reads it:
 * <pre>
 *   node.json       {"index": I}
 *   network.json    the shared {@link NetworkDescription}
 *   validators.bin  the shared {@link ValidatorSet} (BLS and ML-DSA keys, proofs of possession)
 *   bls.key         this validator's BLS secret key (hex)
 *   mldsa.seed      this validator's ML-DSA key seed (hex)
 *   tls.key         this validator's TLS key (PKCS#8 PEM)
 *   tls.crt         this validator's TLS certificate (PEM); its SHA-256 is the validator's id
 *   data/           the chain's store, made by the node
 * </pre>
 */
public record NodeDirectory(Path dir, int index, NetworkDescription network, ValidatorSet validatorSet, ValidatorKeys keys,
        TlsIdentity tls) {

    static final String NODE = "node.json";
    static final String NETWORK = "network.json";
    static final String VALIDATORS = "validators.bin";
    static final String BLS_KEY = "bls.key";
    static final String ML_DSA_SEED = "mldsa.seed";
    static final String TLS_KEY = "tls.key";
    static final String TLS_CERTIFICATE = "tls.crt";

    private static final HexFormat HEX = HexFormat.of();

    /** The chain configuration of this node, its store in {@code data/}. */
    public Config config() {
        return network.config(index, dir.resolve("data"));
    }

    public NetworkDescription.Member self() {
        return network.validators().get(index);
    }

    /**
     * Reads and cross-checks a node directory.
     *
     * @throws IllegalArgumentException naming the file, if a file is missing, malformed, or disagrees with the
     *     others (a key that is not this validator's, a validator set that is not the network's)
     */
    public static NodeDirectory read(Path dir) throws IOException {
        try {
            int index = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readAllBytes(dir.resolve(NODE))).path("index").asInt(-1);
            NetworkDescription network = NetworkDescription.read(dir.resolve(NETWORK));
            if (index < 0 || index >= network.validators().size()) {
                throw new IllegalArgumentException(dir.resolve(NODE) + ": index " + index + " is not a validator of network.json");
            }
            ValidatorSet set = ValidatorSet.fromBytes(Files.readAllBytes(dir.resolve(VALIDATORS)));
            for (int i = 0; i < set.size(); i++) {
                if (!set.get(i).id().toHex().equals(network.validators().get(i).id()) || set.get(i).stake() != network.validators().get(i).stake()) {
                    throw new IllegalArgumentException(dir.resolve(VALIDATORS) + ": validator " + i + " disagrees with network.json");
                }
            }
            if (set.size() != network.validators().size()) {
                throw new IllegalArgumentException(dir.resolve(VALIDATORS) + " has " + set.size() + " validators, network.json "
                        + network.validators().size());
            }
            BlsSecretKey bls = BlsSecretKey.fromBytes(HEX.parseHex(Files.readString(dir.resolve(BLS_KEY)).trim()));
            var mlDsa = MlDsa.generate(set.mlDsaParams(), HEX.parseHex(Files.readString(dir.resolve(ML_DSA_SEED)).trim()));
            ValidatorKeys keys = new ValidatorKeys(bls, mlDsa);
            ValidatorSet.Validator me = set.get(index);
            if (!me.blsKey().equals(bls.publicKey()) || !java.util.Arrays.equals(me.mlDsaKey(), mlDsa.publicKey())) {
                throw new IllegalArgumentException(dir + ": the keys in " + BLS_KEY + " / " + ML_DSA_SEED + " are not validator " + index + "'s");
            }
            TlsIdentity tls = TlsIdentity.read(dir.resolve(TLS_KEY), dir.resolve(TLS_CERTIFICATE));
            if (!tls.validatorId().equals(me.id())) {
                throw new IllegalArgumentException(dir.resolve(TLS_CERTIFICATE) + " is not validator " + index + "'s certificate");
            }
            return new NodeDirectory(dir, index, network, set, keys, tls);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + " is not a node directory: " + e.getFile() + " is missing", e);
        }
    }

    /** Writes one node's directory (the shared files and this node's keys). */
    static void write(Path dir, int index, NetworkDescription network, ValidatorSet set, BlsSecretKey bls, byte[] mlDsaSeed,
            TlsIdentity tls) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(NODE), "{\"index\": " + index + "}\n");
        network.write(dir.resolve(NETWORK));
        Files.write(dir.resolve(VALIDATORS), set.toBytes());
        Files.writeString(dir.resolve(BLS_KEY), HEX.formatHex(bls.toBytes()) + "\n");
        Files.writeString(dir.resolve(ML_DSA_SEED), HEX.formatHex(mlDsaSeed) + "\n");
        tls.write(dir.resolve(TLS_KEY), dir.resolve(TLS_CERTIFICATE));
    }
}
