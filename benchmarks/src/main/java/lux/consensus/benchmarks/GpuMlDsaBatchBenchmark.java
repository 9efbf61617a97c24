package lux.consensus.benchmarks;

import java.util.concurrent.TimeUnit;
import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.gpu.OpenClMlDsaVerifier;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.SignedBatch;
import lux.consensus.kernels.mldsa.SimdMlDsaVerifier;
import lux.consensus.kernels.tally.SimdVoteTally;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ML-DSA-65 batch verification per backend and batch size, for the GPU offload crossover: the time of one
 * batch call, host-to-device transfers and the per-call key expansion included for {@code opencl}.
 * Signatures/s = batch / time. Backends, in one run:
 * <ul>
 *   <li>{@code opencl}: {@link OpenClMlDsaVerifier} on the preferred OpenCL device (a GPU, or PoCL's CPU
 *       device, where the numbers only show that it works);</li>
 *   <li>{@code simdCold}: {@link SimdMlDsaVerifier} with no key cache (every key expanded per call, like the GPU);</li>
 *   <li>{@code simdWarm}: the SIMD verifier with the validator keys registered (the consensus case);</li>
 *   <li>{@code bouncycastle}: the reference.</li>
 * </ul>
 * The batch reuses {@value #DISTINCT_KEYS} keys and signatures round-robin (a validator set signing many
 * blocks). Every call's answers are checked to be all true. The smallest batch at which {@code opencl} beats
 * {@code simdWarm} is the ML-DSA offload threshold of a GPU profile ({@code gpuOffload.minBatch.mlDsaVerify}).
 *
 * <p>Run (a GPU machine; batches up to 100,000 take seconds on a CPU): {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar
 * GpuMlDsaBatch -p batch=64,1024,16384,65536,100000}. Without an OpenCL device, or without {@code libjsig.so}
 * preloaded (HotSpot's signal chaining, which the library requires before it loads OpenCL), the {@code opencl}
 * rows fail in setup, saying so.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GpuMlDsaBatchBenchmark {
    static final MlDsaParams PARAMS = MlDsaParams.ML_DSA_65;
    static final int DISTINCT_KEYS = 256;

    @Param({"64", "1024", "16384"})
    public int batch;

    @Param({"opencl", "simdCold", "simdWarm", "bouncycastle"})
    public String backend;

    private MlDsaBatchVerifier verifier;
    private byte[][] keys;
    private byte[][] messages;
    private byte[][] signatures;

    @Setup(Level.Trial)
    public void setUp() {
        int distinct = Math.min(DISTINCT_KEYS, batch);
        SignedBatch pool = SignedBatch.of(PARAMS, distinct, 48, 0x6B17_C4L);
        byte[][] poolKeys = pool.keys();
        byte[][] poolMessages = pool.messages();
        byte[][] poolSignatures = pool.signatures();
        keys = new byte[batch][];
        messages = new byte[batch][];
        signatures = new byte[batch][];
        for (int i = 0; i < batch; i++) {
            keys[i] = poolKeys[i % distinct];
            messages[i] = poolMessages[i % distinct];
            signatures[i] = poolSignatures[i % distinct];
        }
        int bits = SimdVoteTally.preferredBits();
        verifier = switch (backend) {
            case "opencl" -> {
                if (!GpuDevices.available()) {
                    throw new IllegalStateException("no OpenCL device: " + GpuDevices.describe());
                }
                yield new OpenClMlDsaVerifier();
            }
            case "simdCold" -> new SimdMlDsaVerifier(bits, 0);
            case "simdWarm" -> {
                SimdMlDsaVerifier simd = new SimdMlDsaVerifier(bits);
                for (byte[] key : poolKeys) {
                    simd.register(key);
                }
                yield simd;
            }
            case "bouncycastle" -> new BouncyCastleMlDsaVerifier();
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
        System.out.println("# " + backend + " = " + verifier.name()
                + (backend.equals("opencl") ? " on " + ((OpenClMlDsaVerifier) verifier).device().describe() : ""));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (verifier instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Benchmark
    public boolean[] verify() {
        boolean[] ok = verifier.verify(PARAMS, keys, messages, signatures);
        for (boolean b : ok) {
            if (!b) {
                throw new IllegalStateException(verifier.name() + " rejected a valid signature");
            }
        }
        return ok;
    }
}
