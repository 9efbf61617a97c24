package lux.consensus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import lux.consensus.Config;
import org.junit.jupiter.api.Test;

class StakeSamplerTest {
    private static int[] counts(int[] sample, int validators) {
        int[] c = new int[validators];
        for (int v : sample) {
            c[v]++;
        }
        return c;
    }

    @Test
    void drawingEveryUnitAsksEveryValidatorOncePerUnitItHolds() {
        StakeSampler sampler = new StakeSampler(new long[] {1, 3, 1, 2}, new SplittableRandom(1));
        int[] out = new int[7];
        for (int t = 0; t < 100; t++) {
            sampler.sample(7, out);
            assertEquals("[1, 3, 1, 2]", Arrays.toString(counts(out, 4)));
        }
    }

    @Test
    void aValidatorIsDrawnAsOftenAsItsUnitsAre() {
        // Stakes 1, 2, 3, 4 (10 units), polls of 2 units: each unit is in a poll with probability 2/10, so
        // validator i appears 0.2 * stake times per poll on average, and validator 3 twice in 6 of 45 polls.
        StakeSampler sampler = new StakeSampler(new long[] {1, 2, 3, 4}, new SplittableRandom(7));
        int trials = 90_000;
        long[] total = new long[4];
        int twice = 0;
        int[] out = new int[2];
        for (int t = 0; t < trials; t++) {
            sampler.sample(2, out);
            int[] c = counts(out, 4);
            for (int v = 0; v < 4; v++) {
                total[v] += c[v];
            }
            if (c[3] == 2) {
                twice++;
            }
        }
        for (int v = 0; v < 4; v++) {
            assertEquals(0.2 * (v + 1), total[v] / (double) trials, 0.01, "validator " + v);
        }
        assertEquals(6 / 45.0, twice / (double) trials, 0.005);
    }

    @Test
    void selectionFrequencyFollowsStake() {
        long[] stakes = {8, 1, 1, 1, 1, 1, 1, 1, 1};
        StakeSampler sampler = new StakeSampler(stakes, new SplittableRandom(11));
        int[] out = new int[1];
        int heavy = 0;
        int trials = 40_000;
        for (int t = 0; t < trials; t++) {
            sampler.sample(1, out);
            if (out[0] == 0) {
                heavy++;
            }
        }
        assertEquals(0.5, heavy / (double) trials, 0.02);
    }

    /** The case that made forks undecidable: k equal to the number of validators must not ask everyone once. */
    @Test
    void withRealisticStakesPollsDifferEvenWhenKEqualsTheValidatorCount() {
        long[] stakes = new long[21];
        Arrays.fill(stakes, Config.DEFAULT_STAKE);
        StakeSampler sampler = new StakeSampler(stakes, new SplittableRandom(3));
        int[] out = new int[21];
        Set<String> distinctPolls = new HashSet<>();
        int withRepeats = 0;
        for (int t = 0; t < 200; t++) {
            sampler.sample(21, out);
            int[] c = counts(out, 21);
            distinctPolls.add(Arrays.toString(c));
            if (Arrays.stream(c).anyMatch(x -> x > 1)) {
                withRepeats++;
            }
        }
        assertTrue(distinctPolls.size() > 190, distinctPolls.size() + " distinct polls of 200");
        assertTrue(withRepeats > 190, "nearly every poll draws some validator twice: " + withRepeats);
    }

    @Test
    void largeValidatorSetsSample() {
        long[] stakes = new long[200_000];
        for (int i = 0; i < stakes.length; i++) {
            stakes[i] = 1 + (i % 97) * 1_000_000_000L;
        }
        StakeSampler sampler = new StakeSampler(stakes, new SplittableRandom(5));
        int[] out = new int[255];
        for (int t = 0; t < 1_000; t++) {
            sampler.sample(255, out);
            for (int v : out) {
                assertTrue(v >= 0 && v < stakes.length);
            }
        }
    }

    /** The bucket index finds the same holder as a binary search over the cumulative stakes, skewed stakes included. */
    @Test
    void holderMatchesABinarySearchForEvenAndSkewedStakes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(trial < 100 ? 40 : 3_000);
            long[] stakes = new long[n];
            for (int i = 0; i < n; i++) {
                stakes[i] = switch (trial % 4) {
                    case 0 -> 1; // one unit each
                    case 1 -> 2_000_000_000_000L; // large and even
                    case 2 -> 1 + random.nextLong(1L << (1 + random.nextInt(40))); // spread over 40 orders of two
                    default -> i == n / 2 ? 1L << 50 : 1 + random.nextInt(3); // one whale among minnows
                };
            }
            long[] cumulative = new long[n];
            long total = 0;
            for (int i = 0; i < n; i++) {
                total += stakes[i];
                cumulative[i] = total;
            }
            StakeSampler sampler = new StakeSampler(stakes, new SplittableRandom(trial));
            for (int t = 0; t < 2_000; t++) {
                long unit = switch (t % 4) {
                    case 0 -> random.nextLong(total);
                    case 1 -> cumulative[random.nextInt(n)] - 1; // a validator's last unit
                    case 2 -> cumulative[random.nextInt(n)] % total; // the next validator's first unit
                    default -> t % 8 == 3 ? 0 : total - 1;
                };
                int expected = Arrays.binarySearch(cumulative, unit);
                expected = expected >= 0 ? expected + 1 : -expected - 1;
                assertEquals(expected, sampler.holder(unit), "trial " + trial + ", unit " + unit + " of " + total);
            }
        }
    }

    @Test
    void badStakesAreRefused() {
        SplittableRandom random = new SplittableRandom(1);
        assertThrows(IllegalArgumentException.class, () -> new StakeSampler(new long[] {1, 0}, random));
        assertThrows(IllegalArgumentException.class, () -> new StakeSampler(new long[] {Long.MAX_VALUE, 1}, random));
        StakeSampler small = new StakeSampler(new long[] {1, 2}, random);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.sample(4, new int[4]));
        assertTrue(e.getMessage().contains("4 distinct stake units out of 3"), e.getMessage());
    }
}
