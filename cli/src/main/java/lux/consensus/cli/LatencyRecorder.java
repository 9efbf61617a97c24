package lux.consensus.cli;

import java.util.Arrays;

/** Finality latencies in nanoseconds, written by one thread (the engine's callbacks), read after the run. */
final class LatencyRecorder {
    private long[] samples;
    private int size;

    LatencyRecorder(int expected) {
        this.samples = new long[Math.max(16, expected)];
    }

    synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    /** The nearest-rank percentile (0 < p <= 100), or 0 when nothing was recorded. */
    synchronized long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)];
    }
}
