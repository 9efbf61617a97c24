package lux.consensus.kernels.profile;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory-read bandwidth baseline that tally benchmarks compare against: the sum of a {@code long[]} with
 * the Vector API. Loaded only when called, so it needs {@code --add-modules jdk.incubator.vector} only then.
 */
public final class VectorSum {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;

    private VectorSum() {
    }

    /** Sum of {@code a}, wrapping like {@code long} addition; four accumulators hide the add latency. */
    public static long sum(long[] a) {
        int step = LONGS.length();
        LongVector s0 = LongVector.zero(LONGS);
        LongVector s1 = s0;
        LongVector s2 = s0;
        LongVector s3 = s0;
        int i = 0;
        for (; i + 4 * step <= a.length; i += 4 * step) {
            s0 = s0.add(LongVector.fromArray(LONGS, a, i));
            s1 = s1.add(LongVector.fromArray(LONGS, a, i + step));
            s2 = s2.add(LongVector.fromArray(LONGS, a, i + 2 * step));
            s3 = s3.add(LongVector.fromArray(LONGS, a, i + 3 * step));
        }
        long sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            sum += a[i];
        }
        return sum;
    }
}
