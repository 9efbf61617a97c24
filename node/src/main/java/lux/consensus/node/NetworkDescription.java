package lux.consensus.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import lux.consensus.Config;
import lux.consensus.Id;

/**
 * What every node of a network shares ({@code network.json}): the chain, the consensus parameters, and per
 * validator its index, id, stake, the loopback addresses it listens on and its TLS certificate. The
 * validators' BLS and ML-DSA keys are in the {@link lux.consensus.ValidatorSet} file beside it.
 */
public record NetworkDescription(String chainId, int k, int alphaPref, int alphaConf, int beta, int qRounds, List<Member> validators) {

    /** One validator. Its id is the SHA-256 of its certificate's DER encoding. */
    public record Member(int index, String id, long stake, String peerAddress, String clientAddress, String metricsAddress,
            String certificate) {

        public X509Certificate parsedCertificate() {
            return TlsIdentity.parseCertificate(certificate, "the certificate of validator " + index);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public NetworkDescription {
        Objects.requireNonNull(chainId, "chainId");
        validators = List.copyOf(Objects.requireNonNull(validators, "validators"));
        for (int i = 0; i < validators.size(); i++) {
            Member m = validators.get(i);
            if (m.index() != i) {
                throw new IllegalArgumentException("validator " + i + " of network.json has index " + m.index());
            }
            Id certified = TlsIdentity.validatorId(m.parsedCertificate());
            if (!certified.equals(Id.fromHex(m.id()))) {
                throw new IllegalArgumentException("validator " + i + " has id " + m.id() + " but its certificate stands for " + certified);
            }
        }
    }

    /** The chain configuration of validator {@code index}, its data in {@code dataDir}. */
    public Config config(int index, Path dataDir) {
        return Config.builder().k(k).alphaPref(alphaPref).alphaConf(alphaConf).beta(beta).qRounds(qRounds)
                .chainId(Id.fromHex(chainId))
                .validators(validators.stream().map(m -> Id.fromHex(m.id())).toList(), validators.stream().map(Member::stake).toList())
                .nodeId(Id.fromHex(validators.get(index).id()))
                .seed(index + 1L)
                .dataDir(dataDir)
                .build();
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /**
     * @throws IllegalArgumentException if the file does not describe a consistent network
     */
    public static NetworkDescription read(Path file) throws IOException {
        try {
            return JSON.readValue(java.nio.file.Files.readAllBytes(file), NetworkDescription.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException(file + ": " + cause.getMessage(), e);
        }
    }
}
