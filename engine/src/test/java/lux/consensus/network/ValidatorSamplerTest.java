package lux.consensus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValidatorSamplerTest {
    @Test
    void samplesAreDistinctAndInRange() {
        for (long[] stakes : new long[][] {{1, 1, 1, 1, 1, 1, 1}, {1, 2, 3, 4, 5, 6, 7}}) {
            ValidatorSampler sampler = new ValidatorSampler(stakes, new SplittableRandom(3));
            int[] out = new int[5];
            for (int t = 0; t < 1000; t++) {
                sampler.sample(5, out);
                Set<Integer> seen = new HashSet<>();
                for (int v : out) {
                    assertTrue(v >= 0 && v < stakes.length);
                    assertTrue(seen.add(v), "distinct");
                }
            }
        }
    }

    @Test
    void selectionFrequencyFollowsStake() {
        // One validator of stake 8 among eight of stake 1, samples of size 1: chosen with probability 8/16.
        long[] stakes = {8, 1, 1, 1, 1, 1, 1, 1, 1};
        ValidatorSampler sampler = new ValidatorSampler(stakes, new SplittableRandom(11));
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

    @Test
    void equalStakesAreUniform() {
        ValidatorSampler sampler = new ValidatorSampler(new long[] {1, 1, 1, 1}, new SplittableRandom(5));
        int[] hits = new int[4];
        int[] out = new int[2];
        for (int t = 0; t < 40_000; t++) {
            sampler.sample(2, out);
            hits[out[0]]++;
            hits[out[1]]++;
        }
        for (int h : hits) {
            assertEquals(0.25, h / 80_000.0, 0.01);
        }
    }
}
