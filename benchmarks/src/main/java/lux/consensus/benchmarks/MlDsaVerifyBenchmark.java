package lux.consensus.benchmarks;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.LongVector;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.JavaMlDsaVerifier;
import lux.consensus.kernels.mldsa.JdkMlDsa;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.SignedBatch;
import lux.consensus.kernels.mldsa.SimdMlDsaVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ML-DSA verification of a batch of {@value #BATCH} signatures under {@value #BATCH} distinct keys (32-byte
 * messages), per signature ({@code @OperationsPerInvocation}), every backend in the same run:
 * <ul>
 *   <li>{@code simdCold}: {@link SimdMlDsaVerifier} with no key registered (its cache budget is 0), so each
 *       call expands A for all 64 keys (batched across Keccak lanes);</li>
 *   <li>{@code simdWarm}: the same with the 64 keys registered (A-hat, NTT(t1 2^d) and tr cached);</li>
 *   <li>{@code java}: {@link JavaMlDsaVerifier}, the scalar pure-Java twin;</li>
 *   <li>{@code bouncyCastle}: {@link BouncyCastleMlDsaVerifier}, the reference;</li>
 *   <li>{@code jdk}: the JDK's own {@code Signature.getInstance("ML-DSA")} (JDK 24+, JEP 497), the raw key
 *       imported through {@code KeyFactory("ML-DSA")} as an X.509 SubjectPublicKeyInfo built here.</li>
 * </ul>
 * Setup checks that every backend says true for every item and prints the SIMD width.
 * {@code -p bits=128} runs the SIMD verifier at 128 bits (the NEON width); 0 is the JVM's preferred width.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar MlDsaVerify}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MlDsaVerifyBenchmark {

    static final int BATCH = 64;

    /** The parameter set. */
    @Param({"ML_DSA_65", "ML_DSA_44", "ML_DSA_87"})
    public String paramSet;

    /** SIMD vector width in bits; 0 for the JVM's preferred width. */
    @Param({"0"})
    public int bits;

    private MlDsaParams params;
    private byte[][] keys;
    private byte[][] messages;
    private byte[][] signatures;
    private SimdMlDsaVerifier cold;
    private SimdMlDsaVerifier warm;
    private MlDsaBatchVerifier java;
    private MlDsaBatchVerifier bouncyCastle;
    private PublicKey[] jdkKeys;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        params = MlDsaParams.valueOf(paramSet);
        SignedBatch signed = SignedBatch.of(params, BATCH, 32, 65);
        keys = signed.keys();
        messages = signed.messages();
        signatures = signed.signatures();
        int width = bits != 0 ? bits : LongVector.SPECIES_PREFERRED.vectorBitSize();
        cold = new SimdMlDsaVerifier(width, 0);
        warm = new SimdMlDsaVerifier(width, 64L << 20);
        for (byte[] key : keys) {
            if (!warm.register(key)) {
                throw new IllegalStateException("could not register a key");
            }
        }
        java = new JavaMlDsaVerifier();
        bouncyCastle = new BouncyCastleMlDsaVerifier();
        jdkKeys = new PublicKey[BATCH];
        for (int i = 0; i < BATCH; i++) {
            jdkKeys[i] = JdkMlDsa.publicKey(params, keys[i]);
        }
        check("simdCold", verify(cold));
        check("simdWarm", verify(warm));
        check("java", verify(java));
        check("bouncyCastle", verify(bouncyCastle));
        check("jdk", jdkVerifyAll());
        // A wrong answer must be caught too: one flipped bit is false everywhere.
        byte[][] bad = signatures.clone();
        bad[5] = bad[5].clone();
        bad[5][40] ^= 1;
        for (MlDsaBatchVerifier v : new MlDsaBatchVerifier[] {cold, warm, java, bouncyCastle}) {
            if (v.verify(params, keys, messages, bad)[5]) {
                throw new IllegalStateException(v.name() + " accepted a damaged signature");
            }
        }
        System.out.println("\n[MlDsaVerifyBenchmark] " + params.standardName() + " batch " + BATCH + ", SIMD "
                + cold.name() + " (" + cold.lanes() + " Keccak lanes), warm keys " + warm.registeredKeys() + " ("
                + warm.registeredBytes() / 1024 + " KiB), JDK provider " + Signature.getInstance("ML-DSA").getProvider() + ", "
                + System.getProperty("java.vm.version"));
    }

    private boolean[] verify(MlDsaBatchVerifier v) {
        return v.verify(params, keys, messages, signatures);
    }

    private boolean[] jdkVerifyAll() throws GeneralSecurityException {
        return JdkMlDsa.verify(jdkKeys, messages, signatures);
    }

    private static void check(String name, boolean[] ok) {
        boolean[] all = new boolean[BATCH];
        Arrays.fill(all, true);
        if (!Arrays.equals(all, ok)) {
            throw new IllegalStateException(name + " did not verify every signature: " + Arrays.toString(ok));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] simdCold() {
        return verify(cold);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] simdWarm() {
        return verify(warm);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] java() {
        return verify(java);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] bouncyCastle() {
        return verify(bouncyCastle);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] jdk() throws GeneralSecurityException {
        return jdkVerifyAll();
    }
}
