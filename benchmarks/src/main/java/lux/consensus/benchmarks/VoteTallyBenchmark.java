package lux.consensus.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import lux.consensus.kernels.Kernels;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The vote-tally kernel: SIMD vs the scalar reference vs a plain read of the same bytes (the memory
 * bandwidth bound), in one run. One vote is one byte, so votes/s = bytes/s.
 *
 * <p>Shapes are "polls x votesPerPoll": short polls (k = 21, the engine's case), long polls that stay in
 * cache, and long polls far out of cache. Setup checks that SIMD and scalar agree on the data.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar VoteTally}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VoteTallyBenchmark {
    @Param({"10000x21", "21x10000", "21x10000000"})
    public String shape;

    @Param({"3"})
    public int candidates;

    private int polls;
    private int votesPerPoll;
    private byte[] votes;
    private int[] counts;
    private final VoteTally scalar = new ScalarVoteTally();
    private VoteTally simd;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        polls = Integer.parseInt(parts[0]);
        votesPerPoll = Integer.parseInt(parts[1]);
        votes = new byte[polls * votesPerPoll];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < votes.length; i++) {
            int r = random.nextInt(candidates + 1);
            votes[i] = r == candidates ? VoteTally.NO_VOTE : (byte) r;
        }
        counts = new int[polls * candidates];
        simd = SimdVoteTally.preferred();
        int[] expected = new int[counts.length];
        scalar.tally(votes, polls, votesPerPoll, candidates, expected);
        simd.tally(votes, polls, votesPerPoll, candidates, counts);
        if (!Arrays.equals(expected, counts)) {
            throw new IllegalStateException("SIMD tally disagrees with the scalar reference for shape " + shape);
        }
        System.out.println("# backend: " + Kernels.describe() + ", benchmarked SIMD width " + simd.vectorBits() + " bits");
    }

    @Benchmark
    public int[] simd() {
        simd.tally(votes, polls, votesPerPoll, candidates, counts);
        return counts;
    }

    @Benchmark
    public int[] scalar() {
        scalar.tally(votes, polls, votesPerPoll, candidates, counts);
        return counts;
    }

    /** The bandwidth bound: sum the same bytes as longs (8 per load). */
    @Benchmark
    public long memoryRead() {
        long sum = 0;
        byte[] v = votes;
        int i = 0;
        for (; i + Long.BYTES <= v.length; i += Long.BYTES) {
            sum += (long) BYTES_AS_LONG.get(v, i);
        }
        for (; i < v.length; i++) {
            sum += v[i];
        }
        return sum;
    }

    private static final java.lang.invoke.VarHandle BYTES_AS_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
}
