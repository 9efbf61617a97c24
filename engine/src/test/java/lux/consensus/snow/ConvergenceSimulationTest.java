package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import lux.consensus.Id;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded network of honest nodes: each round every undecided node samples k other nodes, polls their
 * preferences and records the poll. Every node must finalize, all on the same choice, within a bounded
 * number of rounds.
 */
class ConvergenceSimulationTest {
    private static final int NODES = 50;
    private static final int CHOICES = 10;
    private static final int MAX_ROUNDS = 300;
    private static final Id GENESIS = Id.ofLong(0);

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (PreferenceRule rule : PreferenceRule.values()) {
            for (long seed : new long[] {1, 2, 3, 4, 5}) {
                cases.add(Arguments.of(rule, seed, Parameters.AVALANCHE_DEFAULTS));
                cases.add(Arguments.of(rule, seed, Parameters.of(20, 11, 16, 12))); // split alpha
            }
        }
        return cases.stream();
    }

    /** One node's view, behind the two consensus classes. */
    private interface Node {
        Id preference();

        boolean decided();

        void recordPoll(VoteBag votes);
    }

    private static List<Id> choices(long seed) {
        List<Id> ids = new ArrayList<>();
        for (int i = 0; i < CHOICES; i++) {
            ids.add(SnowTestSupport.prefixed(seed * 1_000 + i));
        }
        return ids;
    }

    private static int run(List<Node> nodes, Parameters p, Random random) {
        VoteBag poll = new VoteBag();
        int[] peers = new int[NODES - 1];
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            boolean allDecided = true;
            for (int n = 0; n < NODES; n++) {
                Node node = nodes.get(n);
                if (node.decided()) {
                    continue;
                }
                allDecided = false;
                // k distinct peers other than itself: a partial Fisher-Yates shuffle.
                for (int i = 0, j = 0; i < NODES; i++) {
                    if (i != n) {
                        peers[j++] = i;
                    }
                }
                poll.clear();
                for (int s = 0; s < p.k(); s++) {
                    int pick = s + random.nextInt(peers.length - s);
                    int peer = peers[pick];
                    peers[pick] = peers[s];
                    peers[s] = peer;
                    poll.add(nodes.get(peer).preference());
                }
                node.recordPoll(poll);
            }
            if (allDecided) {
                return round;
            }
        }
        throw new AssertionError("not every node decided within " + MAX_ROUNDS + " rounds");
    }

    private static void assertAgreement(List<Node> nodes) {
        Id decided = nodes.get(0).preference();
        for (Node node : nodes) {
            assertTrue(node.decided());
            assertEquals(decided, node.preference());
        }
    }

    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("cases")
    void snowballTrees_allNodesFinalizeTheSameChoice(PreferenceRule rule, long seed, Parameters p) {
        Random random = new Random(seed);
        List<Id> choices = choices(seed);
        List<Node> nodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            List<Id> order = new ArrayList<>(choices);
            Collections.shuffle(order, random); // the first choice added is the node's initial preference
            SnowballTree tree = new SnowballTree(p, rule, order.get(0));
            for (Id c : order) {
                tree.add(c);
            }
            nodes.add(new Node() {
                @Override
                public Id preference() {
                    return tree.preference();
                }

                @Override
                public boolean decided() {
                    return tree.finalized();
                }

                @Override
                public void recordPoll(VoteBag votes) {
                    tree.recordPoll(votes);
                }
            });
        }
        int rounds = run(nodes, p, random);
        assertTrue(rounds >= p.beta(), "finalized in " + rounds + " rounds, fewer than beta");
        assertAgreement(nodes);
    }

    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("cases")
    void snowmanNodes_allAcceptTheSameBlockAndRejectTheOthers(PreferenceRule rule, long seed, Parameters p) {
        Random random = new Random(seed);
        List<Id> choices = choices(seed);
        List<Node> nodes = new ArrayList<>();
        List<SnowTestSupport.Recorder> recorders = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            List<Id> order = new ArrayList<>(choices);
            Collections.shuffle(order, random);
            SnowTestSupport.Recorder recorder = new SnowTestSupport.Recorder();
            Snowman sm = new Snowman(p, rule, GENESIS, 0, recorder);
            for (Id c : order) {
                assertTrue(sm.add(c, GENESIS, 1));
            }
            recorders.add(recorder);
            nodes.add(new Node() {
                @Override
                public Id preference() {
                    return sm.preference();
                }

                @Override
                public boolean decided() {
                    return sm.numProcessing() == 0;
                }

                @Override
                public void recordPoll(VoteBag votes) {
                    sm.recordPoll(votes);
                }
            });
        }
        int rounds = run(nodes, p, random);
        assertTrue(rounds >= p.beta(), "finalized in " + rounds + " rounds, fewer than beta");
        assertAgreement(nodes);
        Id accepted = nodes.get(0).preference();
        for (SnowTestSupport.Recorder recorder : recorders) {
            assertEquals(List.of(accepted), recorder.acceptedOrder);
            assertEquals(CHOICES, recorder.status.size());
        }
    }
}
