package lux.consensus.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lux.consensus.CertBundle;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;
import lux.consensus.cert.CertMessage;
import lux.consensus.cert.Certifier;
import lux.consensus.cert.SignatureRound;
import lux.consensus.cert.ValidatorKeys;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.bls.Bls;
import lux.consensus.kernels.bls.BlsPublicKey;
import lux.consensus.kernels.bls.BlsSignature;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.kernels.mldsa.MlDsaParams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Certificate verification for 100 validators, ML-DSA-65.
 *
 * <ul>
 *   <li>{@code verifyOneCertificate}: one certificate with 100 signers: one BLS fast-aggregate-verify plus
 *       100 ML-DSA verifications (one batch call). Per block at batchSize 100 it is this time / 100, since
 *       the blocks finalized together share the certificate.</li>
 *   <li>{@code blsBatchOf64Certificates} vs {@code blsSingleOf64Certificates}: the BLS part of 64
 *       certificates (distinct messages), as one random-scalar batch vs 64 single verifications, per
 *       certificate ({@code @OperationsPerInvocation(64)}).</li>
 * </ul>
 * Setup checks that everything verifies, so a fast wrong answer cannot pass.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar
 * benchmarks/target/benchmarks.jar Certificate}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class CertificateBenchmark {
    private static final int VALIDATORS = 100;
    private static final int CERTIFICATES = 64;
    private static final MlDsaParams PARAMS = MlDsaParams.ML_DSA_65;

    private ValidatorSet set;
    private CertBundle certificate;
    private List<BlsPublicKey> aggregateKeys;
    private List<byte[]> messages;
    private List<BlsSignature> aggregates;

    @Setup(Level.Trial)
    public void setUp() {
        List<ValidatorSet.Validator> members = new ArrayList<>();
        ValidatorKeys[] keys = new ValidatorKeys[VALIDATORS];
        for (int i = 0; i < VALIDATORS; i++) {
            Id id = Id.ofLong(i + 1);
            keys[i] = ValidatorKeys.derive(1, id, PARAMS);
            members.add(keys[i].publicPart(id, 1));
        }
        set = ValidatorSet.of(PARAMS, members);
        Certifier certifier = new Certifier(set);
        aggregateKeys = new ArrayList<>();
        messages = new ArrayList<>();
        aggregates = new ArrayList<>();
        BlsPublicKey allKeys = Bls.aggregatePublicKeys(members.stream().map(ValidatorSet.Validator::blsKey).toList());
        for (int c = 0; c < CERTIFICATES; c++) {
            List<CertMessage.BlockRef> blocks = new ArrayList<>();
            for (int b = 0; b < 100; b++) {
                blocks.add(new CertMessage.BlockRef(Id.ofLong(1_000_000L * c + b), 100L * c + b + 1));
            }
            byte[] message = new CertMessage(Id.ofLong(7), set.hash(), blocks).toBytes();
            byte[][] bls = new byte[VALIDATORS][];
            byte[][] mlDsa = new byte[VALIDATORS][];
            for (int i = 0; i < VALIDATORS; i++) {
                bls[i] = keys[i].bls().sign(message).toBytes();
                mlDsa[i] = c == 0 ? MlDsa.sign(keys[i].mlDsa(), message) : new byte[PARAMS.signatureBytes()];
            }
            if (c == 0) {
                certificate = certifier.certify(message, new SignatureRound(bls, mlDsa)).certificate().orElseThrow();
            }
            List<BlsSignature> sigs = new ArrayList<>();
            for (byte[] s : bls) {
                sigs.add(BlsSignature.fromBytes(s));
            }
            aggregateKeys.add(allKeys);
            messages.add(message);
            aggregates.add(Bls.aggregate(sigs));
        }
        if (!certificate.verify(set) || certificate.signerCount() != VALIDATORS) {
            throw new IllegalStateException("the benchmark certificate does not verify");
        }
        if (!Bls.batchVerify(aggregateKeys, messages, aggregates) || !blsSingle()) {
            throw new IllegalStateException("the BLS aggregates do not verify");
        }
        System.out.println("# backends: " + Kernels.describe() + "; " + set);
    }

    @Benchmark
    public boolean verifyOneCertificate() {
        return certificate.verify(set);
    }

    @Benchmark
    @OperationsPerInvocation(CERTIFICATES)
    public boolean blsBatchOf64Certificates() {
        return Bls.batchVerify(aggregateKeys, messages, aggregates);
    }

    @Benchmark
    @OperationsPerInvocation(CERTIFICATES)
    public boolean blsSingleOf64Certificates() {
        return blsSingle();
    }

    private boolean blsSingle() {
        boolean all = true;
        for (int i = 0; i < CERTIFICATES; i++) {
            all &= Bls.verify(aggregateKeys.get(i), messages.get(i), aggregates.get(i));
        }
        return all;
    }

    /** The ML-DSA part alone: 100 verifications in one batch call. */
    @Benchmark
    public boolean[] mlDsaBatchOf100() {
        byte[][] keys = new byte[VALIDATORS][];
        byte[][] msgs = new byte[VALIDATORS][];
        byte[] message = certificate.message();
        for (int i = 0; i < VALIDATORS; i++) {
            keys[i] = set.get(i).mlDsaKey();
            msgs[i] = message;
        }
        boolean[] ok = Kernels.mlDsaVerifier().verify(PARAMS, keys, msgs, certificate.mlDsaSignatures().toArray(new byte[0][]));
        if (!allTrue(ok)) {
            throw new IllegalStateException("an ML-DSA signature failed: " + Arrays.toString(ok));
        }
        return ok;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
