package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lux.consensus.Id;
import lux.consensus.snow.SnowTestSupport.Recorder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many conflicting siblings: the snowball tree decides bit by bit, so a vote split over dozens of children
 * still converges once the network does.
 */
class ManyConflictsTest {
    private static final Id GENESIS = Id.ofLong(0);
    private static final int CHILDREN = 64;

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void sixtyFourSiblings_randomSplitThenConvergingNetwork_acceptsExactlyOneAndRejectsTheOther63(
            PreferenceRule rule) {
        Parameters p = Parameters.AVALANCHE_DEFAULTS;
        Random random = new Random(64);
        Recorder recorder = new Recorder();
        Snowman sm = new Snowman(p, rule, GENESIS, 0, recorder);
        List<Id> children = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            Id id = SnowTestSupport.prefixed(10_000 + i);
            children.add(id);
            assertTrue(sm.add(id, GENESIS, 1));
        }
        Id winner = children.get(random.nextInt(CHILDREN));
        VoteBag poll = new VoteBag();

        // Phase 1: votes scattered over all 64 children. Nothing may be decided.
        for (int round = 0; round < 200; round++) {
            poll.clear();
            for (int v = 0; v < p.k(); v++) {
                poll.add(children.get(random.nextInt(CHILDREN)));
            }
            sm.recordPoll(poll);
        }
        assertEquals(CHILDREN, sm.numProcessing());
        assertTrue(recorder.events.isEmpty());

        // Phase 2: the network drifts towards one child, then agrees on it.
        int round = 0;
        while (sm.numProcessing() > 0) {
            assertTrue(round < 200, "not finalized after 200 converging polls: " + sm);
            double towardsWinner = Math.min(1.0, round / 40.0);
            poll.clear();
            for (int v = 0; v < p.k(); v++) {
                poll.add(random.nextDouble() < towardsWinner ? winner : children.get(random.nextInt(CHILDREN)));
            }
            sm.recordPoll(poll);
            round++;
        }
        assertEquals(List.of(winner), recorder.acceptedOrder);
        assertEquals(CHILDREN, recorder.events.size());
        for (Id child : children) {
            assertTrue(child.equals(winner) ? recorder.accepted(child) : recorder.rejected(child));
        }
        assertEquals(winner, sm.lastAcceptedId());
        assertEquals(winner, sm.preference());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void sixtyFourChoices_unanimousPolls_finalizeWithinBetaPolls(PreferenceRule rule) {
        Parameters p = Parameters.of(20, 15, 15, 8);
        List<Id> choices = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            choices.add(SnowTestSupport.prefixed(20_000 + i));
        }
        SnowballTree tree = new SnowballTree(p, rule, choices.get(0));
        for (Id c : choices) {
            tree.add(c);
        }
        Id target = choices.get(41);
        VoteBag unanimous = new VoteBag();
        unanimous.add(target, p.k());
        for (int i = 0; i < p.beta(); i++) {
            assertTrue(!tree.finalized(), "finalized after only " + i + " polls");
            assertTrue(tree.recordPoll(unanimous));
            assertEquals(target, tree.preference()); // every decision on its path moved at once
        }
        assertTrue(tree.finalized());
        assertEquals(target, tree.preference());
    }
}
