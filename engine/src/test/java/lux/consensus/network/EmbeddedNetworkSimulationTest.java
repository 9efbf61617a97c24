package lux.consensus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.Liveness;
import lux.consensus.kernels.Kernels;
import lux.consensus.snow.Snowman;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seeded simulations of the embedded network: safety under Byzantine validators, liveness limits, determinism. */
@Timeout(300)
class EmbeddedNetworkSimulationTest {
    private static final int MAX_ROUNDS = 2_000;

    /** Records the local node's decisions. */
    static final class Recorder implements Snowman.Listener {
        final List<Id> accepted = new ArrayList<>();
        final List<Id> rejected = new ArrayList<>();

        @Override
        public void accepted(Id id, long height) {
            accepted.add(id);
        }

        @Override
        public void rejected(Id id, long height) {
            rejected.add(id);
        }
    }

    /** Offers {@code heights} rounds of {@code forks} conflicting siblings on the local tip and runs until decided. */
    private static int runForks(EmbeddedNetwork network, int heights, int forks, SplittableRandom random) {
        return runForks(network, heights, forks, random, MAX_ROUNDS);
    }

    private static int runForks(EmbeddedNetwork network, int heights, int forks, SplittableRandom random, int maxRounds) {
        int rounds = 0;
        for (int h = 0; h < heights; h++) {
            Snowman local = network.localNode();
            Id parent = local.lastAcceptedId();
            long height = local.lastAcceptedHeight() + 1;
            List<NewBlock> siblings = new ArrayList<>();
            for (int f = 0; f < forks; f++) {
                siblings.add(new NewBlock(Id.ofLong(random.nextLong()), parent, height));
            }
            network.deliver(siblings);
            while (network.localNode().numProcessing() > 0 && rounds < maxRounds) {
                network.round();
                rounds++;
            }
        }
        return rounds;
    }

    /**
     * 20% Byzantine validators over many seeds. alphaConf is lowered to 15 of 21 (71%) so that the 80% honest
     * majority can still finalize (with the default 18 of 21 it mostly cannot, which says nothing of safety).
     */
    @ParameterizedTest
    @EnumSource(Config.ByzantineBehavior.class)
    void twentyPercentByzantineNeverMakeHonestValidatorsFinalizeConflictingBlocks(Config.ByzantineBehavior behavior) {
        for (long seed = 1; seed <= 12; seed++) {
            Config config = Config.builder().validatorCount(50).alphaPref(13).alphaConf(15).seed(seed).byzantine(0.2, behavior).build();
            Recorder local = new Recorder();
            EmbeddedNetwork network = new EmbeddedNetwork(config, Kernels.voteTally(), local);
            runForks(network, 6, 4, new SplittableRandom(seed));
            assertEquals(0, network.safetyViolations(), "seed " + seed + ": honest validators disagreed");
            assertEquals(6, local.accepted.size(), "seed " + seed + ": the honest majority still finalizes every height");
            assertEquals(18, local.rejected.size(), "seed " + seed);
            for (int i = 0; i < network.size(); i++) {
                Snowman node = network.node(i);
                if (network.role(i) == EmbeddedNetwork.Role.HONEST && node.lastAcceptedHeight() == 6) {
                    assertEquals(network.localNode().lastAcceptedId(), node.lastAcceptedId(), "seed " + seed + " validator " + i);
                }
            }
        }
    }

    @Test
    void twentyPercentByzantineWithDefaultParametersStillNeverBreakSafety() {
        for (long seed = 1; seed <= 8; seed++) {
            Config config = Config.builder().validatorCount(50).seed(seed).byzantine(0.2, Config.ByzantineBehavior.CONFLICTING).build();
            EmbeddedNetwork network = new EmbeddedNetwork(config, Kernels.voteTally(), new Recorder());
            runForks(network, 2, 4, new SplittableRandom(seed), 150);
            assertEquals(0, network.safetyViolations(), "seed " + seed);
        }
    }

    @Test
    void safetyMonitorCountsTwoHonestValidatorsFinalizingDifferentBlocks() {
        SafetyMonitor monitor = new SafetyMonitor();
        monitor.listenerFor(true, null).accepted(Id.ofLong(1), 1);
        monitor.listenerFor(true, null).accepted(Id.ofLong(1), 1);
        monitor.listenerFor(false, null).accepted(Id.ofLong(3), 1);
        assertEquals(0, monitor.violations(), "agreement, and Byzantine nodes are not held to it");
        monitor.listenerFor(true, null).accepted(Id.ofLong(2), 1);
        assertEquals(1, monitor.violations());

        long later = 1 + (1 << 16); // the same slot of the monitor's ring as height 1
        monitor.listenerFor(true, null).accepted(Id.ofLong(4), later);
        assertEquals(1, monitor.violations(), "the first decision at a new height");
        monitor.listenerFor(true, null).accepted(Id.ofLong(5), later);
        assertEquals(2, monitor.violations());
        monitor.listenerFor(true, null).accepted(Id.ofLong(6), 1);
        assertEquals(2, monitor.violations(), "a height long settled is not checked again");
    }

    @Test
    void aThirdSilentMeansNothingFinalizesAndNoVoteIsFabricated() {
        // 21 validators, a third silent: a poll of 21 units gets alphaConf 18 answers with probability 0.03,
        // so beta 8 such polls in a row take about 10^12 polls: stalled.
        Config stalled = Config.builder().validatorCount(21).silentFraction(7 / 21.0).qRounds(0).build();
        assertEquals(Liveness.Verdict.STALLED, Liveness.verdict(stalled), Liveness.explain(stalled));
        Recorder local = new Recorder();
        EmbeddedNetwork network = new EmbeddedNetwork(stalled, Kernels.voteTally(), local);
        network.deliver(List.of(new NewBlock(Id.ofLong(1), Id.GENESIS, 1)));
        for (int r = 0; r < 300; r++) {
            network.round();
        }
        assertEquals(List.of(), local.accepted, "no decision without enough responses");
        assertEquals(1, network.localNode().numProcessing());
        double perPoll = network.localVotes() / (double) network.localPolls();
        assertEquals(14.0, perPoll, 0.3, "a poll of 21 units gets answers only for the two thirds held by live validators");
        assertTrue(network.networkConfidentPolls() < 0.1 * network.networkPolls(),
                network.networkConfidentPolls() + " confident of " + network.networkPolls());

        // Six of 21 silent (k - alphaPref), alphaConf 15: live by the arithmetic, and it does finalize.
        Config live = Config.builder().validatorCount(21).silentFraction(6 / 21.0).alphaConf(15).qRounds(0).build();
        assertEquals(Liveness.Verdict.LIVE, Liveness.verdict(live), Liveness.explain(live));
        Recorder ok = new Recorder();
        EmbeddedNetwork liveNetwork = new EmbeddedNetwork(live, Kernels.voteTally(), ok);
        liveNetwork.deliver(List.of(new NewBlock(Id.ofLong(1), Id.GENESIS, 1)));
        for (int r = 0; r < 50 && ok.accepted.isEmpty(); r++) {
            liveNetwork.round();
        }
        assertEquals(List.of(Id.ofLong(1)), ok.accepted);
    }

    @Test
    void sixtyFourConflictingSiblingsConvergeAcrossTheNetwork() {
        Config config = Config.builder().validatorCount(100).seed(64).build();
        Recorder local = new Recorder();
        EmbeddedNetwork network = new EmbeddedNetwork(config, Kernels.voteTally(), local);
        int rounds = runForks(network, 1, 64, new SplittableRandom(64));
        assertTrue(rounds < MAX_ROUNDS, "converged in " + rounds + " rounds");
        assertEquals(1, local.accepted.size());
        assertEquals(63, local.rejected.size());
        while (network.hasUndecided()) {
            network.round();
        }
        for (int i = 0; i < network.size(); i++) {
            assertEquals(local.accepted.get(0), network.node(i).lastAcceptedId(), "validator " + i);
        }
        assertEquals(0, network.safetyViolations());
    }

    @Test
    void aSeedDeterminesTheWholeRun() {
        assertEquals(fingerprint(5), fingerprint(5));
        assertNotEquals(fingerprint(5), fingerprint(6));
    }

    private static String fingerprint(long seed) {
        Config config = Config.builder().validatorCount(30).seed(seed).byzantine(0.1, Config.ByzantineBehavior.RANDOM).build();
        Recorder local = new Recorder();
        EmbeddedNetwork network = new EmbeddedNetwork(config, Kernels.voteTally(), local);
        runForks(network, 3, 3, new SplittableRandom(1));
        return local.accepted + " " + network.networkVotes() + " " + network.rounds();
    }

    @Test
    void rolesAreAssignedByFractionNeverToTheLocalNode() {
        EmbeddedNetwork.Role[] roles = EmbeddedNetwork.assignRoles(100, 3, 0.1, 0.2, new SplittableRandom(1));
        assertEquals(EmbeddedNetwork.Role.HONEST, roles[3]);
        assertEquals(10, count(roles, EmbeddedNetwork.Role.SILENT));
        assertEquals(20, count(roles, EmbeddedNetwork.Role.BYZANTINE));
        EmbeddedNetwork.Role[] all = EmbeddedNetwork.assignRoles(5, 0, 1.0, 0.0, new SplittableRandom(1));
        assertEquals(EmbeddedNetwork.Role.HONEST, all[0]);
        assertEquals(4, count(all, EmbeddedNetwork.Role.SILENT));
    }

    private static long count(EmbeddedNetwork.Role[] roles, EmbeddedNetwork.Role role) {
        return java.util.Arrays.stream(roles).filter(r -> r == role).count();
    }
}
