package lux.consensus.network;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Samples {@code k} distinct validators for a poll, each chosen with probability proportional to its stake
 * (weighted sampling without replacement). Not thread-safe; one per sampling thread.
 */
final class ValidatorSampler {
    private final long[] stakes;
    private final boolean equalStakes;
    private final SplittableRandom random;
    /** Equal stakes: a permutation that partial Fisher-Yates shuffles in place (any permutation stays uniform). */
    private final int[] permutation;
    /** Unequal stakes: (float key bits << 32 | index) per validator, sorted to find the k smallest keys. */
    private final long[] keyed;

    ValidatorSampler(long[] stakes, SplittableRandom random) {
        this.stakes = stakes.clone();
        this.random = random;
        this.equalStakes = Arrays.stream(stakes).allMatch(s -> s == stakes[0]);
        this.permutation = new int[stakes.length];
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        this.keyed = equalStakes ? null : new long[stakes.length];
    }

    /** Writes {@code k} distinct validator indices into {@code out[0..k)}. */
    void sample(int k, int[] out) {
        if (equalStakes) {
            int n = permutation.length;
            for (int i = 0; i < k; i++) {
                int j = i + random.nextInt(n - i);
                int chosen = permutation[j];
                permutation[j] = permutation[i];
                permutation[i] = chosen;
                out[i] = chosen;
            }
            return;
        }
        // Efraimidis-Spirakis (2006), "Weighted random sampling with a reservoir": the k items with the
        // smallest keys -ln(u)/w form a weighted sample without replacement. A positive float's bit pattern
        // orders like the float, so (bits << 32 | index) sorts by key.
        for (int i = 0; i < stakes.length; i++) {
            double u = 1.0 - random.nextDouble(); // in (0, 1]
            float key = (float) (-Math.log(u) / stakes[i]);
            keyed[i] = ((long) Float.floatToRawIntBits(key) << 32) | i;
        }
        Arrays.sort(keyed);
        for (int i = 0; i < k; i++) {
            out[i] = (int) keyed[i];
        }
    }
}
