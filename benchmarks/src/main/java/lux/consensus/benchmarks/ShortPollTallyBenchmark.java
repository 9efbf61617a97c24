package lux.consensus.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.profile.VectorSum;
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
 * Short polls (k = 21, the engine's case) in both layouts, with the memory-read baseline in the same run.
 * One vote is one byte, so GB/s = ops/s x polls x 21 / 1e9.
 *
 * <ul>
 *   <li>{@code columns}: {@link VoteTally#tallyColumns} with SIMD, vote i of all polls side by side (no lane
 *       straddles two polls);</li>
 *   <li>{@code columnsScalar}: the scalar reference on the same column layout;</li>
 *   <li>{@code columnsSwar}: the fastest plain-Java tally ({@link SwarVoteTally}, eight polls per {@code long}) on it;</li>
 *   <li>{@code rows}: {@link VoteTally#tally} with SIMD on the usual poll-after-poll layout (the streaming
 *       path, whose vectors straddle polls);</li>
 *   <li>{@code memoryReadVector}: the Vector API sum of a {@code long[]} of the same byte size, the bound.</li>
 * </ul>
 * Polls: 10,000 (210 KB, in L2), 1,000,000 (21 MB, beyond L2) and 13,000,000 (273 MB, far out of cache).
 * Setup checks the SIMD counts of both layouts against the scalar reference; each benchmark method checks
 * its result against values computed in setup (a wrong fast answer fails the run).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar ShortPollTally}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ShortPollTallyBenchmark {
    static final int K = 21;

    @Param({"10000", "1000000", "13000000"})
    public int polls;

    @Param({"3"})
    public int candidates;

    private byte[] rows;
    private byte[] columns;
    private int[] counts;
    private int[] expectedRows;
    private int[] expectedColumns;
    private long[] longs;
    private long expectedLongSum;
    private final VoteTally scalar = new ScalarVoteTally();
    private final VoteTally swar = new SwarVoteTally();
    private VoteTally simd;

    @Setup(Level.Trial)
    public void setUp() {
        rows = BenchVotes.random(polls * K, candidates, 42);
        SplittableRandom random = new SplittableRandom(43);
        columns = new byte[rows.length];
        for (int p = 0; p < polls; p++) {
            for (int i = 0; i < K; i++) {
                columns[i * polls + p] = rows[p * K + i];
            }
        }
        simd = SimdVoteTally.preferred();
        counts = new int[polls * candidates];
        expectedRows = new int[counts.length];
        scalar.tally(rows, polls, K, candidates, expectedRows);
        expectedColumns = new int[counts.length];
        for (int p = 0; p < polls; p++) {
            for (int c = 0; c < candidates; c++) {
                expectedColumns[c * polls + p] = expectedRows[p * candidates + c];
            }
        }
        simd.tally(rows, polls, K, candidates, counts);
        require(Arrays.equals(expectedRows, counts), "SIMD row tally disagrees with the scalar reference");
        simd.tallyColumns(columns, polls, K, candidates, counts);
        require(Arrays.equals(expectedColumns, counts), "SIMD column tally disagrees with the scalar reference");
        longs = new long[rows.length / Long.BYTES];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = random.nextLong();
        }
        expectedLongSum = 0;
        for (long l : longs) {
            expectedLongSum += l;
        }
        System.out.println("# backend: " + Kernels.describe() + ", benchmarked SIMD width " + simd.vectorBits()
                + " bits, " + polls + " polls x " + K + " (" + rows.length + " bytes)");
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    /** Cheap per-call check: the first and last few counts (the full comparison ran in setup). */
    private static int[] checked(int[] result, int[] expected) {
        for (int j = 0; j < 4; j++) {
            int last = expected.length - 1 - j;
            require(result[j] == expected[j] && result[last] == expected[last], "wrong tally");
        }
        return result;
    }

    @Benchmark
    public int[] columns() {
        simd.tallyColumns(columns, polls, K, candidates, counts);
        return checked(counts, expectedColumns);
    }

    @Benchmark
    public int[] columnsScalar() {
        scalar.tallyColumns(columns, polls, K, candidates, counts);
        return checked(counts, expectedColumns);
    }

    @Benchmark
    public int[] columnsSwar() {
        swar.tallyColumns(columns, polls, K, candidates, counts);
        return checked(counts, expectedColumns);
    }

    @Benchmark
    public int[] rows() {
        simd.tally(rows, polls, K, candidates, counts);
        return checked(counts, expectedRows);
    }

    /** The bandwidth bound: a {@code long[]} of the same byte size summed with the Vector API. */
    @Benchmark
    public long memoryReadVector() {
        long sum = VectorSum.sum(longs);
        require(sum == expectedLongSum, "wrong vector sum");
        return sum;
    }
}
