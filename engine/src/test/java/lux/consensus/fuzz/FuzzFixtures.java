package lux.consensus.fuzz;

import java.util.ArrayList;
import java.util.List;
import lux.consensus.CertBundle;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;
import lux.consensus.cert.CertMessage;
import lux.consensus.cert.Certifier;
import lux.consensus.cert.SignatureRound;
import lux.consensus.cert.ValidatorKeys;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.kernels.mldsa.MlDsaParams;

/**
 * A fixed validator set (4 validators, ML-DSA-44, keys derived from a constant seed) and a certificate it
 * signs, so that the seed corpora stay valid from run to run.
 */
final class FuzzFixtures {
    static final int VALIDATORS = 4;
    static final MlDsaParams PARAMS = MlDsaParams.ML_DSA_44;
    static final ValidatorSet SET;
    private static final ValidatorKeys[] KEYS = new ValidatorKeys[VALIDATORS];

    static {
        List<ValidatorSet.Validator> members = new ArrayList<>();
        for (int i = 0; i < VALIDATORS; i++) {
            Id id = Id.ofLong(100 + i);
            KEYS[i] = ValidatorKeys.derive(2026, id, PARAMS);
            members.add(KEYS[i].publicPart(id, 10));
        }
        SET = ValidatorSet.of(PARAMS, members);
    }

    private FuzzFixtures() {
    }

    /** A certificate over block {@code Id.ofLong(7)} at height 1 signed by every validator of {@link #SET}. */
    static CertBundle certificate() {
        byte[] message = new CertMessage(Id.ofLong(1), SET.hash(), List.of(new CertMessage.BlockRef(Id.ofLong(7), 1)))
                .toBytes();
        byte[][] bls = new byte[VALIDATORS][];
        byte[][] mlDsa = new byte[VALIDATORS][];
        for (int i = 0; i < VALIDATORS; i++) {
            bls[i] = KEYS[i].bls().sign(message).toBytes();
            mlDsa[i] = MlDsa.sign(KEYS[i].mlDsa(), message);
        }
        return new Certifier(SET).certify(message, new SignatureRound(bls, mlDsa)).certificate().orElseThrow();
    }
}
