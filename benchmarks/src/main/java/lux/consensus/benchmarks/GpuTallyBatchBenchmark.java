package lux.consensus.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.tally.OpenClVoteTally;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.SimdVoteTally;
import lux.consensus.kernels.tally.VoteTally;
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
 * The vote tally per backend and batch size (polls of k = 21, three candidates), for the GPU offload
 * crossover: the time of one {@link VoteTally#tally} call, transfers to and from the device included for
 * {@code opencl}. Backends in one run: {@code opencl} (the preferred OpenCL device), {@code simd} (the
 * preferred width) and {@code scalar}. Setup checks each backend against the scalar reference on the batch;
 * every call checks the first and last poll's counts. Votes/s = polls x 21 / time.
 *
 * <p>Run: {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so java --add-modules jdk.incubator.vector
 * --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar GpuTallyBatch
 * -p polls=1000,65536,1048576,16777216}. Without an OpenCL device, or without {@code libjsig.so} preloaded
 * (HotSpot's signal chaining, which the library requires before it loads OpenCL), the {@code opencl} rows fail
 * in setup, saying so.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GpuTallyBatchBenchmark {
    static final int K = 21;
    static final int CANDIDATES = 3;

    @Param({"1000", "65536", "1048576"})
    public int polls;

    @Param({"opencl", "simd", "scalar"})
    public String backend;

    private VoteTally tally;
    private byte[] votes;
    private int[] counts;
    private int[] expected;

    @Setup(Level.Trial)
    public void setUp() {
        votes = BenchVotes.random(polls * K, CANDIDATES, 42);
        expected = new int[polls * CANDIDATES];
        new ScalarVoteTally().tally(votes, polls, K, CANDIDATES, expected);
        tally = switch (backend) {
            case "opencl" -> {
                if (!GpuDevices.available()) {
                    throw new IllegalStateException("no OpenCL device: " + GpuDevices.describe());
                }
                yield new OpenClVoteTally();
            }
            case "simd" -> SimdVoteTally.preferred();
            case "scalar" -> new ScalarVoteTally();
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
        counts = new int[expected.length];
        tally.tally(votes, polls, K, CANDIDATES, counts);
        if (!Arrays.equals(expected, counts)) {
            throw new IllegalStateException(tally.name() + " disagrees with the scalar reference");
        }
        System.out.println("# " + backend + " = " + tally.name() + ", " + polls + " polls x " + K);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (tally instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Benchmark
    public int[] tally() {
        tally.tally(votes, polls, K, CANDIDATES, counts);
        int last = counts.length - 1;
        if (counts[0] != expected[0] || counts[last] != expected[last]) {
            throw new IllegalStateException("wrong tally from " + tally.name());
        }
        return counts;
    }
}
