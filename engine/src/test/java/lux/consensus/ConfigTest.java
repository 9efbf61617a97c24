package lux.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigTest {
    @Test
    void defaultsMatchTheSdk() {
        Config c = Config.defaults();
        assertEquals(21, c.k());
        assertEquals(15, c.alphaPref());
        assertEquals(18, c.alphaConf());
        assertEquals(8, c.beta());
        assertEquals(2, c.qRounds());
        assertEquals(21, c.validators().size());
        assertEquals(10, c.concurrentPolls());
        assertEquals(100, c.batchSize());
        assertEquals(c.validators().get(0), c.nodeId());
    }

    @Test
    void sdkPresetsBuild() {
        Config secure = Config.highSecurity().build();
        assertEquals(List.of(50, 35, 40, 15), List.of(secure.k(), secure.alphaPref(), secure.alphaConf(), secure.beta()));
        assertEquals(50, secure.validators().size(), "max(k, 21) generated validators");
        Config fast = Config.highPerformance().build();
        assertEquals(List.of(11, 8, 9, 5), List.of(fast.k(), fast.alphaPref(), fast.alphaConf(), fast.beta()));
        assertEquals(21, fast.validators().size());
    }

    @Test
    void generatedValidatorsAreDeterministicPerSeed() {
        assertEquals(Config.builder().seed(7).build().validators(), Config.builder().seed(7).build().validators());
        assertTrue(!Config.builder().seed(7).build().validators().equals(Config.builder().seed(8).build().validators()));
    }

    static Stream<Arguments> invalid() {
        Id a = Id.ofLong(1);
        Id z = Id.ofLong(2);
        return Stream.of(
                bad("k >= 1", b -> b.k(0).alphaPref(1).alphaConf(1)),
                bad("k/2 < alphaPref, got k=21 alphaPref=10", b -> b.alphaPref(10)),
                bad("alphaPref <= alphaConf, got alphaPref=15 alphaConf=14", b -> b.alphaConf(14)),
                bad("alphaConf <= k, got k=21 alphaConf=22", b -> b.alphaConf(22)),
                bad("k <= 255", b -> b.k(256).alphaPref(200).alphaConf(200)),
                bad("beta >= 1, got beta=0", b -> b.beta(0)),
                bad("concurrentPolls >= 1, got concurrentPolls=0", b -> b.concurrentPolls(0)),
                bad("batchSize >= 1, got batchSize=0", b -> b.batchSize(0)),
                bad("qRounds >= 0, got qRounds=-1", b -> b.qRounds(-1)),
                bad("validators must be distinct", b -> b.k(1).alphaPref(1).alphaConf(1).validators(List.of(a, a))),
                bad("at least k units; got 2 units for k=21", b -> b.validators(List.of(a, z), List.of(1L, 1L))),
                bad("nodeId must be one of the validators", b -> b.k(1).alphaPref(1).alphaConf(1).validators(List.of(a)).nodeId(z)),
                bad("every stake must be > 0", b -> b.k(1).alphaPref(1).alphaConf(1).validators(List.of(a, z), List.of(1L, 0L))),
                bad("every stake must be > 0, got -5", b -> b.k(1).alphaPref(1).alphaConf(1).validators(List.of(a, z), List.of(-5L, 1L))),
                bad("adding stake 1 of validator " + z + " to " + Long.MAX_VALUE + " overflows",
                        b -> b.k(1).alphaPref(1).alphaConf(1).validators(List.of(a, z), List.of(Long.MAX_VALUE, 1L))),
                bad("not live: when validators' preferences are split evenly between two blocks, a poll of k=21 out of 21 stake units"
                        + " reaches alphaPref=15 with probability 0", b -> b.validators(ids(21), java.util.Collections.nCopies(21, 1L))),
                bad("alphaPref=21 with probability 4.77e-07", b -> b.alphaPref(21).alphaConf(21)),
                bad("use alphaPref <= 17", b -> b.alphaPref(21).alphaConf(21)),
                bad("give validators stake in finer units (e.g. Config.DEFAULT_STAKE",
                        b -> b.k(4).alphaPref(3).alphaConf(3).validators(ids(4), java.util.Collections.nCopies(4, 1L))),
                bad("stallWarningAfter must be positive", b -> b.stallWarningAfter(java.time.Duration.ZERO)),
                bad("one entry per validator", b -> b.k(1).alphaPref(1).alphaConf(1).validators(List.of(a, z), List.of(1L))),
                bad("silentFraction", b -> b.silentFraction(1.5)),
                bad("silentFraction + byzantineFraction", b -> b.silentFraction(0.6).byzantine(0.6, Config.ByzantineBehavior.RANDOM)));
    }

    private static List<Id> ids(int n) {
        List<Id> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(Id.ofLong(i));
        }
        return ids;
    }

    private static Arguments bad(String expected, UnaryOperator<Config.Builder> change) {
        return Arguments.of(expected, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidParametersNameTheViolatedCondition(String expected, UnaryOperator<Config.Builder> change) {
        var e = assertThrows(IllegalArgumentException.class, () -> change.apply(Config.builder()).build());
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void validatorsHoldRealisticStakeUnitsByDefault() {
        Config c = Config.defaults();
        assertEquals(2_000_000_000_000L, Config.DEFAULT_STAKE, "2,000 tokens of 10^9 units");
        assertEquals(Config.DEFAULT_STAKE, c.stake(20));
        assertEquals(21 * Config.DEFAULT_STAKE, c.totalStake());
        assertEquals(Config.DEFAULT_STAKE, Config.builder().validators(ids(21)).build().stake(0));
    }

    /** The SDK's defaults and both presets at k equal to the validator count are live (and so build). */
    @Test
    void defaultsAndPresetsAtKEqualToTheValidatorCountAreLive() {
        for (Config c : List.of(Config.defaults(), Config.highSecurity().validatorCount(50).build(),
                Config.highPerformance().validatorCount(11).build())) {
            assertEquals(c.k(), c.validators().size());
            assertTrue(Liveness.evenSplitProbability(c) >= Liveness.MIN_EVEN_SPLIT_PROBABILITY, c.toString());
            assertEquals(Liveness.Verdict.LIVE, Liveness.verdict(c), Liveness.explain(c));
        }
    }

    @Test
    void fewerValidatorsThanKAreFineWhenTheyHoldEnoughStakeUnits() {
        Config c = Config.builder().validatorCount(5).build(); // avalanchego's local five-node network polls k=20 of 5
        assertEquals(5, c.validators().size());
        assertEquals(21, c.k());
    }

    @Test
    void explicitValidatorsWithStakesAndNodeId() {
        List<Id> ids = List.of(Id.ofLong(1), Id.ofLong(2), Id.ofLong(3));
        Config c = Config.builder().k(3).alphaPref(2).alphaConf(3).validators(ids, List.of(5L, 6L, 7L)).nodeId(ids.get(2)).build();
        assertEquals(ids, c.validators());
        assertEquals(6L, c.stake(1));
        assertEquals(ids.get(2), c.nodeId());
    }

    @Test
    void chainIdFollowsTheSeedUnlessChosen() {
        Config a = Config.builder().seed(1).build();
        assertEquals(a.chainId(), Config.builder().seed(1).build().chainId());
        assertTrue(!a.chainId().equals(a.toBuilder().seed(2).build().chainId()), "a derived chain id follows the seed");
        Id chosen = Id.ofLong(42);
        Config c = Config.builder().chainId(chosen).build();
        assertEquals(chosen, c.toBuilder().seed(5).build().chainId(), "a chosen chain id stays");
        assertEquals(lux.consensus.kernels.mldsa.MlDsaParams.ML_DSA_65, c.mlDsaParams());
    }
}
