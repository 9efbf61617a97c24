package lux.consensus.network;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;
import lux.consensus.cert.SignatureRound;
import lux.consensus.cert.ValidatorKeys;
import lux.consensus.kernels.mldsa.MlDsa;

/**
 * The simulated validators' part in the certificate rounds: each holds keys derived from the seed and signs
 * what it is asked to, according to its role. Honest validators sign the message; silent ones never answer;
 * Byzantine ones answer with signatures that do not verify (BLS over another message, ML-DSA with a bit
 * flipped). Signing runs in parallel across validators; every signature is deterministic, so runs are
 * reproducible.
 */
final class SimulatedSigners {
    private final EmbeddedNetwork.Role[] roles;
    private final ValidatorKeys[] keys;
    private final ValidatorSet set;

    SimulatedSigners(Config config, EmbeddedNetwork.Role[] roles) {
        this.roles = roles;
        List<Id> ids = config.validators();
        this.keys = IntStream.range(0, ids.size()).parallel()
                .mapToObj(i -> ValidatorKeys.derive(config.seed(), ids.get(i), config.mlDsaParams()))
                .toArray(ValidatorKeys[]::new);
        List<ValidatorSet.Validator> members = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            members.add(keys[i].publicPart(ids.get(i), config.stake(i)));
        }
        this.set = ValidatorSet.of(config.mlDsaParams(), members);
    }

    ValidatorSet validatorSet() {
        return set;
    }

    /** Every validator's answers to both certificate rounds for {@code message}. */
    SignatureRound sign(byte[] message) {
        int n = keys.length;
        byte[][] bls = new byte[n][];
        byte[][] mlDsa = new byte[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            switch (roles[i]) {
                case SILENT -> { }
                case HONEST -> {
                    bls[i] = keys[i].bls().sign(message).toBytes();
                    mlDsa[i] = MlDsa.sign(keys[i].mlDsa(), message);
                }
                case BYZANTINE -> {
                    byte[] other = message.clone();
                    other[other.length - 1] ^= 1;
                    bls[i] = keys[i].bls().sign(other).toBytes();
                    mlDsa[i] = MlDsa.sign(keys[i].mlDsa(), message);
                    mlDsa[i][0] ^= 1;
                }
            }
        });
        return new SignatureRound(bls, mlDsa);
    }
}
