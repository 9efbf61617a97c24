package lux.consensus.network;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Samples a poll as avalanchego does ({@code utils/sampler}, weighted without replacement): {@code k} distinct
 * units of stake, each naming the validator that holds it. A validator can be drawn more than once; its
 * answer then counts once per unit drawn, so the poll is a bag. With stake in realistic units (billions per
 * validator) two polls of the same network differ even when {@code k} equals the number of validators,
 * which is what breaks an even split of preferences.
 *
 * <p>Cost per poll: {@code k} random draws (Floyd's algorithm), each unit's holder found through a bucket
 * index over the units (a few comparisons where stakes are alike, a binary search over the bucket's
 * validators where they are not), so O(k) for even stakes and O(k log n) at worst; nothing is allocated. Not thread-safe; one per sampling thread.
 */
final class StakeSampler {
    /** cumulative[i]: the stake of validators 0..i, so validator i holds units [cumulative[i-1], cumulative[i]). */
    private final long[] cumulative;
    /** Units are bucketed by their high bits: bucket b holds units [b << bucketShift, (b + 1) << bucketShift). */
    private final int bucketShift;
    /** bucketFirst[b]: the holder of bucket b's first unit; one more entry, n - 1, ends the last bucket. */
    private final int[] bucketFirst;
    private final SplittableRandom random;
    /** Open-addressing set of the units drawn in this poll; a slot is in use when its stamp is the poll's. */
    private long[] units = new long[0];
    private int[] stamps = new int[0];
    private int stamp;

    /**
     * @throws IllegalArgumentException if a stake is not positive or the stakes do not sum to a long
     */
    StakeSampler(long[] stakes, SplittableRandom random) {
        this.cumulative = new long[stakes.length];
        long total = 0;
        for (int i = 0; i < stakes.length; i++) {
            if (stakes[i] <= 0) {
                throw new IllegalArgumentException("stake of validator " + i + " must be > 0, got " + stakes[i]);
            }
            if (stakes[i] > Long.MAX_VALUE - total) {
                throw new IllegalArgumentException("stakes must sum to at most " + Long.MAX_VALUE + "; validator " + i
                        + "'s stake " + stakes[i] + " overflows the sum " + total);
            }
            total += stakes[i];
            cumulative[i] = total;
        }
        this.random = random;
        // The smallest power-of-two bucket width giving fewer than 2n buckets: about one validator per bucket.
        int shift = 0;
        while (stakes.length > 0 && ((total - 1) >>> shift) >= 2L * stakes.length) {
            shift++;
        }
        this.bucketShift = shift;
        int buckets = stakes.length == 0 ? 0 : (int) ((total - 1) >>> shift) + 1;
        this.bucketFirst = new int[buckets + 1];
        for (int b = 0; b < buckets; b++) {
            bucketFirst[b] = searchHolder((long) b << shift, 0, stakes.length);
        }
        bucketFirst[buckets] = Math.max(0, stakes.length - 1);
    }

    /** Units of stake in all. */
    long totalUnits() {
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /**
     * Writes the holders of {@code k} distinct stake units into {@code out[0..k)} (a validator once per unit).
     *
     * @throws IllegalArgumentException if there are fewer than {@code k} units
     */
    void sample(int k, int[] out) {
        long total = totalUnits();
        if (k > total) {
            throw new IllegalArgumentException("cannot sample " + k + " distinct stake units out of " + total);
        }
        prepareSet(k);
        // Floyd's algorithm (Bentley & Floyd, "A sample of brilliance", CACM 30(9), 1987): a uniformly random
        // k-subset of [0, total) in exactly k draws.
        int n = 0;
        for (long j = total - k; j < total; j++) {
            long unit = random.nextLong(j + 1);
            if (!insert(unit)) {
                unit = j; // j itself cannot have been drawn yet: earlier draws were all below j
                insert(unit);
            }
            out[n++] = holder(unit);
        }
    }

    /** The validator holding {@code unit}: the first i with cumulative[i] > unit. */
    int holder(long unit) {
        int b = (int) (unit >>> bucketShift);
        int first = bucketFirst[b];
        int last = bucketFirst[b + 1]; // the holder lies in [first, last]
        if (last - first > 8) {
            return searchHolder(unit, first, last + 1);
        }
        while (cumulative[first] <= unit) {
            first++;
        }
        return first;
    }

    /** The first i in [from, to) with cumulative[i] > unit, by binary search. */
    private int searchHolder(long unit, int from, int to) {
        int i = Arrays.binarySearch(cumulative, from, to, unit);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private void prepareSet(int k) {
        int size = Integer.highestOneBit(Math.max(4, 4 * k - 1)) << 1; // load factor at most 1/4
        if (units.length < size) {
            units = new long[size];
            stamps = new int[size];
            stamp = 0;
        }
        if (++stamp == 0) { // after 2^32 polls the stamps wrap: forget every old one
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
    }

    /** Adds {@code unit} to this poll's set; false if it was there already. */
    private boolean insert(long unit) {
        int mask = units.length - 1;
        // The 64-bit finalizer of MurmurHash3 (Appleby), so that consecutive units spread over the table.
        long h = unit;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        for (int slot = (int) h & mask; ; slot = (slot + 1) & mask) {
            if (stamps[slot] != stamp) {
                stamps[slot] = stamp;
                units[slot] = unit;
                return true;
            }
            if (units[slot] == unit) {
                return false;
            }
        }
    }
}
