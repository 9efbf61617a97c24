package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LivenessTest {
    @Test
    void pollReachesIsTheHypergeometricTail() {
        // 10 units, 4 in the group, polls of 3: P(X >= 2) = (C(4,2)C(6,1) + C(4,3)) / C(10,3) = 40/120.
        assertEquals(40 / 120.0, Liveness.pollReaches(3, 2, 4, 10), 1e-12);
        assertEquals(1.0, Liveness.pollReaches(3, 0, 4, 10), 1e-12);
        assertEquals(0.0, Liveness.pollReaches(3, 4, 4, 10), 0.0, "more than k matching units is impossible");
        assertEquals(0.0, Liveness.pollReaches(21, 15, 10, 21), 0.0, "every unit polled: only 10 can match");
        assertEquals(1.0, Liveness.pollReaches(21, 11, 11, 21), 1e-12);
    }

    @Test
    void withManyUnitsItIsTheBinomialTail() {
        // P(Bin(21, 1/2) >= 15) = 82,160 / 2^21.
        assertEquals(82_160 / 2_097_152.0, Liveness.evenSplitProbability(21, 15, 21 * Config.DEFAULT_STAKE), 1e-9);
        assertEquals(Math.pow(0.5, 21), Liveness.evenSplitProbability(21, 21, 42 * Config.DEFAULT_STAKE), 1e-12);
    }

    @Test
    void expectedPollsToFinalize() {
        assertEquals(8, Liveness.expectedPollsToFinalize(1.0, 8), 1e-12);
        assertEquals(6, Liveness.expectedPollsToFinalize(0.5, 2), 1e-12, "(1 + 1/2) / (1/4)");
        assertEquals(Double.POSITIVE_INFINITY, Liveness.expectedPollsToFinalize(0, 3));
    }

    @Test
    void verdictsFollowTheFaultyFractions() {
        assertEquals(Liveness.Verdict.LIVE, Liveness.verdict(Config.defaults()));
        assertEquals(0.8, Liveness.expectedRoundsToFinalize(Config.defaults()), 1e-9, "beta 8 polls, 10 a round");
        Config twentyByzantine = Config.builder().byzantine(0.2, Config.ByzantineBehavior.CONFLICTING).build();
        assertEquals(Liveness.Verdict.LIVE, Liveness.verdict(twentyByzantine), Liveness.explain(twentyByzantine));
        Config quarter = Config.builder().silentFraction(0.25).build();
        assertEquals(Liveness.Verdict.SLOW, Liveness.verdict(quarter), Liveness.explain(quarter));
        Config thirty = Config.builder().silentFraction(0.1).byzantine(0.2, Config.ByzantineBehavior.RANDOM).build();
        assertEquals(Liveness.Verdict.STALLED, Liveness.verdict(thirty));
        String why = Liveness.explain(thirty);
        assertTrue(why.contains("STALLED: with 70% of stake honest (silent 10%, Byzantine 20%), a poll of k=21 gets alphaConf=18"
                + " matching answers with probability 0.0856"), why);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Liveness.pollReaches(5, 1, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> Liveness.pollReaches(3, 1, 11, 10));
    }
}
