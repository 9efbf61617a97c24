package lux.consensus.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.tally.ScalarVoteTally;
import lux.consensus.kernels.tally.SwarVoteTally;
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
 * The vote-tally kernel: SIMD vs the scalar reference vs the fastest plain-Java tally ({@link SwarVoteTally}) vs a plain read of as many bytes (the memory
 * bandwidth bound), in one run. One vote is one byte, so votes/s = bytes/s; GB/s = ops/s x polls x votesPerPoll.
 *
 * <p>Shapes are "polls x votesPerPoll": short polls (k = 21, the engine's case: 10,000 polls, 210 KB),
 * long polls that stay in cache (21 x 10,000, 210 KB) and long polls far out of cache (21 x 13,000,000,
 * 273 MB, above 256 MiB). Three read baselines: {@code memoryRead} sums the vote bytes themselves as longs
 * (a plain Java loop over a byte-array view), {@code memoryReadLongs} sums a {@code long[]} of the same byte
 * size in a plain loop (C2 may auto-vectorize it), and {@code memoryReadVector} sums that {@code long[]} with
 * the Vector API at the preferred width. The bandwidth bound is the fastest of the three.
 *
 * <p>Setup checks that SIMD and scalar agree on the data; each benchmark method checks its own result
 * against the value computed in setup (a wrong fast answer fails the run).
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
    @Param({"10000x21", "21x10000", "21x13000000"})
    public String shape;

    @Param({"3"})
    public int candidates;

    private int polls;
    private int votesPerPoll;
    private byte[] votes;
    private int[] counts;
    private int[] expected;
    private long[] longs;
    private long expectedByteSum;
    private long expectedLongSum;
    private final VoteTally scalar = new ScalarVoteTally();
    private final VoteTally swar = new SwarVoteTally();
    private VoteTally simd;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        polls = Integer.parseInt(parts[0]);
        votesPerPoll = Integer.parseInt(parts[1]);
        votes = BenchVotes.random(polls * votesPerPoll, candidates, 42);
        SplittableRandom random = new SplittableRandom(43);
        counts = new int[polls * candidates];
        simd = SimdVoteTally.preferred();
        expected = new int[counts.length];
        scalar.tally(votes, polls, votesPerPoll, candidates, expected);
        simd.tally(votes, polls, votesPerPoll, candidates, counts);
        if (!Arrays.equals(expected, counts)) {
            throw new IllegalStateException("SIMD tally disagrees with the scalar reference for shape " + shape);
        }
        longs = new long[votes.length / Long.BYTES];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = random.nextLong();
        }
        expectedByteSum = sumBytesAsLongs();
        expectedLongSum = 0;
        for (long l : longs) {
            expectedLongSum += l;
        }
        System.out.println("# backend: " + Kernels.describe() + ", benchmarked SIMD width " + simd.vectorBits()
                + " bits, shape " + shape + " (" + votes.length + " bytes)");
    }

    /** Cheap per-call check: the first and last poll's counts (the full comparison ran in setup). */
    private int[] checked(int[] result) {
        int last = (polls - 1) * candidates;
        for (int c = 0; c < candidates; c++) {
            if (result[c] != expected[c] || result[last + c] != expected[last + c]) {
                throw new IllegalStateException("wrong tally for shape " + shape);
            }
        }
        return result;
    }

    @Benchmark
    public int[] simd() {
        simd.tally(votes, polls, votesPerPoll, candidates, counts);
        return checked(counts);
    }

    @Benchmark
    public int[] scalar() {
        scalar.tally(votes, polls, votesPerPoll, candidates, counts);
        return checked(counts);
    }

    /** The fastest plain-Java tally (no Vector API): the baseline worth beating. */
    @Benchmark
    public int[] swar() {
        swar.tally(votes, polls, votesPerPoll, candidates, counts);
        return checked(counts);
    }

    /** The bandwidth bound: sum the same bytes as longs (8 per load). */
    @Benchmark
    public long memoryRead() {
        long sum = sumBytesAsLongs();
        if (sum != expectedByteSum) {
            throw new IllegalStateException("wrong byte sum");
        }
        return sum;
    }

    /** The bandwidth bound on a {@code long[]} of the same byte size, in a plain loop. */
    @Benchmark
    public long memoryReadLongs() {
        long sum = 0;
        long[] a = longs;
        for (int i = 0; i < a.length; i++) {
            sum += a[i];
        }
        if (sum != expectedLongSum) {
            throw new IllegalStateException("wrong long sum");
        }
        return sum;
    }

    /** The bandwidth bound on a {@code long[]} of the same byte size, with the Vector API at the preferred width. */
    @Benchmark
    public long memoryReadVector() {
        long sum = lux.consensus.kernels.profile.VectorSum.sum(longs);
        if (sum != expectedLongSum) {
            throw new IllegalStateException("wrong vector sum");
        }
        return sum;
    }

    private long sumBytesAsLongs() {
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
