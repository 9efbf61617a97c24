package lux.consensus.cert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lux.consensus.CertBundle;
import lux.consensus.ValidatorSet;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.bls.Bls;
import lux.consensus.kernels.bls.BlsSignature;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaKeyRegistry;

/**
 * The node's side of quantum finality: checks every validator's answers to the certificate rounds with the
 * certificate kernels, keeps the validators whose BLS and ML-DSA signatures both verify, and assembles a
 * {@link CertBundle} when they hold more than 2/3 of the stake. Faulty answers (missing, malformed, wrong)
 * leave their validator out; no invalid certificate is ever produced.
 *
 * <p>BLS answers are checked together: the aggregate of all well-formed ones is fast-aggregate-verified once
 * (all signers sign the same message), and only when that fails is each checked alone to find the bad ones.
 * ML-DSA answers go through one batch call of the selected {@link MlDsaBatchVerifier}.
 */
public final class Certifier {
    private final ValidatorSet set;
    /** The validators' ML-DSA keys, by index: copied once, not for every certificate. */
    private final byte[][] mlDsaKeys;

    /**
     * A certifier for {@code set}. When the selected ML-DSA verifier keeps per-key precomputation
     * ({@link MlDsaKeyRegistry}), every validator's key is registered now, once, so that each certificate
     * round verifies on the warm path.
     */
    public Certifier(ValidatorSet set) {
        this.set = set;
        this.mlDsaKeys = new byte[set.size()][];
        for (int i = 0; i < mlDsaKeys.length; i++) {
            mlDsaKeys[i] = set.get(i).mlDsaKey();
        }
        if (Kernels.mlDsaVerifier() instanceof MlDsaKeyRegistry registry) {
            for (byte[] key : mlDsaKeys) {
                registry.register(key);
            }
        }
    }

    public ValidatorSet validatorSet() {
        return set;
    }

    /** The outcome: a certificate, or none with the reason. */
    public record Outcome(Optional<CertBundle> certificate, int validSigners, String reason) {}

    public Outcome certify(byte[] message, SignatureRound answers) {
        int n = set.size();
        if (answers.bls().length != n) {
            throw new IllegalArgumentException("answers cover " + answers.bls().length + " validators, the set has " + n);
        }
        boolean[] blsOk = checkBls(message, answers.bls());
        boolean[] mlDsaOk = checkMlDsa(message, answers.mlDsa());
        List<Integer> signers = new ArrayList<>();
        long stake = 0;
        for (int i = 0; i < n; i++) {
            if (blsOk[i] && mlDsaOk[i]) {
                signers.add(i);
                stake += set.get(i).stake();
            }
        }
        if (!set.isQuorum(stake)) {
            return new Outcome(Optional.empty(), signers.size(), signers.size() + " of " + n + " validators signed validly, holding stake "
                    + stake + " of " + set.totalStake() + "; more than 2/3 (" + set.quorumStake() + ") is needed");
        }
        List<BlsSignature> blsSigs = new ArrayList<>(signers.size());
        List<byte[]> mlDsaSigs = new ArrayList<>(signers.size());
        int[] indices = new int[signers.size()];
        for (int s = 0; s < indices.length; s++) {
            int i = signers.get(s);
            indices[s] = i;
            blsSigs.add(BlsSignature.fromBytes(answers.bls()[i]));
            mlDsaSigs.add(answers.mlDsa()[i]);
        }
        byte[] aggregate = Bls.aggregate(blsSigs).toBytes();
        CertBundle bundle = CertBundle.of(message, n, indices, aggregate, set.mlDsaParams(), mlDsaSigs);
        return new Outcome(Optional.of(bundle), indices.length, "");
    }

    private boolean[] checkBls(byte[] message, byte[][] answers) {
        int n = answers.length;
        boolean[] ok = new boolean[n];
        List<BlsSignature> sigs = new ArrayList<>(n);
        List<Integer> who = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BlsSignature sig = decode(answers[i]);
            if (sig != null) {
                sigs.add(sig);
                who.add(i);
            }
        }
        if (sigs.isEmpty()) {
            return ok;
        }
        List<lux.consensus.kernels.bls.BlsPublicKey> keys = new ArrayList<>(who.size());
        who.forEach(i -> keys.add(set.get(i).blsKey()));
        boolean allGood = Bls.fastAggregateVerify(keys, message, Bls.aggregate(sigs));
        for (int s = 0; s < who.size(); s++) {
            ok[who.get(s)] = allGood || Bls.verify(keys.get(s), message, sigs.get(s));
        }
        return ok;
    }

    private boolean[] checkMlDsa(byte[] message, byte[][] answers) {
        byte[][] messages = new byte[answers.length][];
        java.util.Arrays.fill(messages, message);
        // A null answer (no signature) is simply false for that item.
        return Kernels.mlDsaVerifier().verify(set.mlDsaParams(), mlDsaKeys, messages, answers);
    }

    private static BlsSignature decode(byte[] answer) {
        if (answer == null) {
            return null;
        }
        try {
            return BlsSignature.fromBytes(answer);
        } catch (IllegalArgumentException e) {
            return null; // malformed: this validator is left out
        }
    }
}
