package lux.consensus.cli;

/**
 * Finality latencies in nanoseconds, in a log-linear histogram of fixed size (so a run of ten million blocks
 * costs no memory per block): each power of two is split into {@value #SUB_BUCKETS} equal buckets, and a
 * percentile is reported as its bucket's midpoint, within 1/128 of the true value. Written by one thread
 * (the engine's callbacks), read after the run.
 */
final class LatencyRecorder {
    private static final int SUB_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private final long[] counts = new long[64 * SUB_BUCKETS];
    private long total;

    /** Bucket of {@code v}: values below 64 exactly; above, the top bit's position and the next six bits. */
    private static int bucket(long v) {
        if (v < SUB_BUCKETS) {
            return (int) Math.max(0, v);
        }
        int top = 63 - Long.numberOfLeadingZeros(v);
        int shift = top - SUB_BITS;
        return (shift + 1) * SUB_BUCKETS + (int) ((v >>> shift) - SUB_BUCKETS);
    }

    /** The midpoint of a bucket's values. */
    private static long midpoint(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int shift = bucket / SUB_BUCKETS - 1;
        long low = (long) (SUB_BUCKETS + bucket % SUB_BUCKETS) << shift;
        return low + (1L << shift) / 2;
    }

    synchronized void record(long nanos) {
        counts[bucket(nanos)]++;
        total++;
    }

    /** The nearest-rank percentile (0 < p <= 100) as its bucket's midpoint, or 0 when nothing was recorded. */
    synchronized long percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return midpoint(b);
            }
        }
        throw new IllegalStateException("unreachable: the counts sum to " + total);
    }
}
