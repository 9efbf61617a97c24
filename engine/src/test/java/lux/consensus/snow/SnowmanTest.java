package lux.consensus.snow;

import static lux.consensus.snow.SnowTestSupport.bytes;
import static lux.consensus.snow.SnowTestSupport.votes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import lux.consensus.Id;
import lux.consensus.snow.SnowTestSupport.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Snowman, held to CONFORMANCE.md and ported from avalanchego's {@code snowman/consensus_test.go}.
 * avalanchego runs those with the snowflake rule; rule-independent scenarios run here under both rules.
 */
class SnowmanTest {
    private static final Id GENESIS = SnowTestSupport.prefixed(1_000_000);
    private static final long GENESIS_HEIGHT = 0;

    /** A block to add: id, parent, height. */
    record Blk(Id id, Id parent, long height) {}

    private static final Blk GENESIS_BLK = new Blk(GENESIS, null, GENESIS_HEIGHT);

    private long nextId = 1;
    private final Recorder recorder = new Recorder();

    private Blk child(Blk parent) {
        return new Blk(SnowTestSupport.prefixed(nextId++), parent.id, parent.height + 1);
    }

    private Snowman snowman(Parameters p, PreferenceRule rule) {
        return new Snowman(p, rule, GENESIS, GENESIS_HEIGHT, recorder);
    }

    private static boolean add(Snowman sm, Blk b) {
        return sm.add(b.id, b.parent, b.height);
    }

    private static Parameters params(int k, int alphaPreference, int alphaConfidence, int beta) {
        return Parameters.of(k, alphaPreference, alphaConfidence, beta);
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void initialize_preferenceIsTheLastAcceptedBlock_nothingProcessing(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 3), rule);
        assertEquals(GENESIS, sm.preference());
        assertEquals(GENESIS, sm.lastAcceptedId());
        assertEquals(GENESIS_HEIGHT, sm.lastAcceptedHeight());
        assertEquals(0, sm.numProcessing());
        assertTrue(sm.processingIds().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void numProcessing_countsAddedBlocksUntilDecided(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 1), rule);
        Blk block = child(GENESIS_BLK);
        assertEquals(0, sm.numProcessing());
        assertTrue(add(sm, block));
        assertEquals(1, sm.numProcessing());
        assertEquals(List.of(block.id), sm.processingIds());
        sm.recordPoll(votes(block.id));
        assertEquals(0, sm.numProcessing());
        assertTrue(recorder.accepted(block.id));
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void addToTail_extendsThePreference(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 3), rule);
        Blk block = child(GENESIS_BLK);
        assertTrue(add(sm, block));
        assertEquals(block.id, sm.preference());
        assertTrue(sm.isPreferred(block.id));
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void addToNonTail_leavesThePreference(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 3), rule);
        Blk first = child(GENESIS_BLK);
        Blk second = child(GENESIS_BLK);
        assertTrue(add(sm, first));
        assertEquals(first.id, sm.preference());
        assertTrue(add(sm, second));
        assertEquals(first.id, sm.preference());
        assertFalse(sm.isPreferred(second.id));
        assertTrue(sm.isProcessing(second.id));
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void addOnUnknownParent_rejectsTheBlockAtOnce(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 3), rule);
        Id orphan = SnowTestSupport.prefixed(777);
        assertFalse(sm.add(orphan, SnowTestSupport.prefixed(778), GENESIS_HEIGHT + 2));
        assertTrue(recorder.rejected(orphan));
        assertEquals(0, sm.numProcessing());
        assertFalse(sm.isProcessing(orphan));
        assertEquals(GENESIS, sm.preference());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void addOnRejectedParent_rejectsTheBlockAtOnce(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 1), rule);
        Blk winner = child(GENESIS_BLK);
        Blk loser = child(GENESIS_BLK);
        add(sm, winner);
        add(sm, loser);
        sm.recordPoll(votes(winner.id));
        assertTrue(recorder.rejected(loser.id));
        Blk late = child(loser);
        assertFalse(add(sm, late));
        assertTrue(recorder.rejected(late.id));
        assertEquals(0, sm.numProcessing());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void errorOnAddDecidedBlock_addingTheLastAcceptedBlockOrADuplicateThrows(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 1), rule);
        assertThrows(IllegalArgumentException.class, () -> sm.add(GENESIS, SnowTestSupport.prefixed(5), 0));
        Blk block = child(GENESIS_BLK);
        add(sm, block);
        assertThrows(IllegalArgumentException.class, () -> add(sm, block));
        assertEquals(1, sm.numProcessing());
        assertTrue(recorder.events.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void addWithAHeightThatDoesNotExtendTheParent_throws(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 1), rule);
        assertThrows(IllegalArgumentException.class,
                () -> sm.add(SnowTestSupport.prefixed(9), GENESIS, GENESIS_HEIGHT + 2));
        assertEquals(0, sm.numProcessing());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void statusOrProcessing_previouslyAcceptedUnissuedAndIssued(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 3), rule);
        assertFalse(sm.isProcessing(GENESIS));
        assertFalse(sm.isPreferred(GENESIS)); // preferred means processing here, unlike avalanchego
        Blk block = child(GENESIS_BLK);
        assertFalse(sm.isProcessing(block.id));
        assertFalse(sm.isPreferred(block.id));
        add(sm, block);
        assertTrue(sm.isProcessing(block.id));
        assertTrue(sm.isPreferred(block.id));
        assertTrue(recorder.undecided(block.id));
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollAcceptSingleBlock_afterBetaPolls(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 2), rule);
        Blk block = child(GENESIS_BLK);
        add(sm, block);
        sm.recordPoll(votes(block.id));
        assertEquals(block.id, sm.preference());
        assertEquals(1, sm.numProcessing());
        assertTrue(recorder.undecided(block.id));
        sm.recordPoll(votes(block.id));
        assertEquals(block.id, sm.preference());
        assertEquals(0, sm.numProcessing());
        assertTrue(recorder.accepted(block.id));
        assertEquals(block.id, sm.lastAcceptedId());
        assertEquals(1, sm.lastAcceptedHeight());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollAcceptAndReject_conflictingSiblingIsRejected(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 2), rule);
        Blk first = child(GENESIS_BLK);
        Blk second = child(GENESIS_BLK);
        add(sm, first);
        add(sm, second);
        sm.recordPoll(votes(first.id));
        assertEquals(first.id, sm.preference());
        assertEquals(2, sm.numProcessing());
        assertTrue(recorder.undecided(first.id));
        assertTrue(recorder.undecided(second.id));
        sm.recordPoll(votes(first.id));
        assertEquals(first.id, sm.preference());
        assertEquals(0, sm.numProcessing());
        assertTrue(recorder.accepted(first.id));
        assertTrue(recorder.rejected(second.id));
        assertEquals(List.of("accepted " + first.id.shortHex(), "rejected " + second.id.shortHex()), recorder.events);
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollSplitVoteNoChange_sharedBitsDecideFirst_thenASplitVoteFails(PreferenceRule rule) {
        Snowman sm = snowman(params(2, 2, 2, 1), rule);
        // 1 and 3 agree on bit 0 and differ on bit 1.
        Id firstId = Id.ofLong(1);
        Id secondId = Id.ofLong(3);
        assertEquals(firstId.bit(0), secondId.bit(0));
        assertTrue(sm.add(firstId, GENESIS, 1));
        assertTrue(sm.add(secondId, GENESIS, 1));
        VoteBag split = votes(firstId, secondId);

        sm.recordPoll(split); // the shared bits are decided
        assertEquals(firstId, sm.preference());
        assertEquals(2, sm.numProcessing());
        assertEquals(1, sm.pollCount());
        assertEquals(1, sm.successfulPolls());

        sm.recordPoll(split); // now only the contested bit is left, and it splits 1-1
        assertEquals(firstId, sm.preference());
        assertEquals(2, sm.numProcessing());
        assertEquals(2, sm.pollCount());
        assertEquals(1, sm.successfulPolls());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollWhenFinalized_voteForTheLastAcceptedBlockIsDropped(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 1), rule);
        sm.recordPoll(votes(GENESIS));
        assertEquals(0, sm.numProcessing());
        assertEquals(GENESIS, sm.preference());
        assertEquals(1, sm.pollCount());
        assertEquals(0, sm.successfulPolls());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollRejectTransitively_rejectingABlockRejectsItsDescendants(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 1), rule);
        Blk b0 = child(GENESIS_BLK);
        Blk b1 = child(GENESIS_BLK);
        Blk b2 = child(b1);
        add(sm, b0);
        add(sm, b1);
        add(sm, b2);
        //   G
        //  / \
        // 0   1
        //     |
        //     2
        sm.recordPoll(votes(b0.id));
        assertEquals(0, sm.numProcessing());
        assertEquals(b0.id, sm.preference());
        assertTrue(recorder.accepted(b0.id));
        assertTrue(recorder.rejected(b1.id));
        assertTrue(recorder.rejected(b2.id));
        assertEquals(List.of("accepted " + b0.id.shortHex(), "rejected " + b1.id.shortHex(),
                "rejected " + b2.id.shortHex()), recorder.events);
    }

    /** CONFORMANCE.md, RecordPollTransitivelyResetConfidence, exactly as avalanchego runs it (snowflake). */
    @Test
    void recordPollTransitivelyResetConfidence_snowflake_followsTheConformanceTable() {
        Snowman sm = snowman(params(1, 1, 1, 2), PreferenceRule.SNOWFLAKE);
        Blk[] b = transitivelyResetTree(sm);

        sm.recordPoll(votes(b[2].id));
        assertEquals(4, sm.numProcessing());
        assertEquals(b[2].id, sm.preference());

        sm.recordPoll(new VoteBag()); // unsuccessful: confidence along the path resets
        assertEquals(4, sm.numProcessing());
        assertEquals(b[2].id, sm.preference());

        sm.recordPoll(votes(b[2].id)); // confidence was reset, so nothing is accepted yet
        assertEquals(4, sm.numProcessing());
        assertEquals(b[2].id, sm.preference());

        sm.recordPoll(votes(b[3].id));
        assertEquals(2, sm.numProcessing());
        assertEquals(b[3].id, sm.preference());
        assertTrue(recorder.accepted(b[1].id));
        assertTrue(recorder.rejected(b[0].id));

        sm.recordPoll(votes(b[3].id));
        assertEquals(0, sm.numProcessing());
        assertEquals(b[3].id, sm.preference());
        assertTrue(recorder.rejected(b[0].id));
        assertTrue(recorder.accepted(b[1].id));
        assertTrue(recorder.rejected(b[2].id));
        assertTrue(recorder.accepted(b[3].id));
    }

    /** The same polls under the snowball rule: b2's greater strength keeps it preferred for one poll more. */
    @Test
    void recordPollTransitivelyResetConfidence_snowball_reachesTheSameDecisions() {
        Snowman sm = snowman(params(1, 1, 1, 2), PreferenceRule.SNOWBALL);
        Blk[] b = transitivelyResetTree(sm);
        sm.recordPoll(votes(b[2].id));
        sm.recordPoll(new VoteBag());
        sm.recordPoll(votes(b[2].id));
        assertEquals(4, sm.numProcessing());
        assertEquals(b[2].id, sm.preference());

        sm.recordPoll(votes(b[3].id));
        assertEquals(2, sm.numProcessing());
        assertEquals(b[2].id, sm.preference()); // strengths b2 2, b3 1
        assertTrue(recorder.accepted(b[1].id));
        assertTrue(recorder.rejected(b[0].id));

        sm.recordPoll(votes(b[3].id));
        assertEquals(0, sm.numProcessing());
        assertEquals(b[3].id, sm.preference());
        assertTrue(recorder.rejected(b[2].id));
        assertTrue(recorder.accepted(b[3].id));
    }

    /** genesis -> {b0, b1}; b1 -> {b2, b3}. */
    private Blk[] transitivelyResetTree(Snowman sm) {
        Blk b0 = child(GENESIS_BLK);
        Blk b1 = child(GENESIS_BLK);
        Blk b2 = child(b1);
        Blk b3 = child(b1);
        for (Blk blk : new Blk[] {b0, b1, b2, b3}) {
            assertTrue(add(sm, blk));
        }
        return new Blk[] {b0, b1, b2, b3};
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void pollForASiblingBranch_resetsConfidenceBelowTheBranchItDidNotReach(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 2), rule);
        Blk a = child(GENESIS_BLK);
        Blk b = child(GENESIS_BLK);
        Blk a1 = child(a);
        Blk a2 = child(a);
        for (Blk blk : new Blk[] {a, b, a1, a2}) {
            add(sm, blk);
        }
        sm.recordPoll(votes(a1.id)); // a: 1, a1: 1
        sm.recordPoll(votes(b.id)); // b takes over at genesis; everything below a must reset
        sm.recordPoll(votes(a1.id)); // a: 1 again, a1: 1 again (not 2)
        sm.recordPoll(votes(a.id)); // a: 2, accepted; b rejected
        assertTrue(recorder.accepted(a.id));
        assertTrue(recorder.rejected(b.id));
        sm.recordPoll(votes(a1.id)); // a1: 1 after the reset the last poll left on a
        assertEquals(2, sm.numProcessing());
        assertTrue(recorder.undecided(a1.id));
        sm.recordPoll(votes(a1.id));
        assertEquals(0, sm.numProcessing());
        assertTrue(recorder.accepted(a1.id));
        assertTrue(recorder.rejected(a2.id));
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollInvalidVote_voteForAnUnknownBlockIsAnUnsuccessfulPoll(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 2), rule);
        Blk block = child(GENESIS_BLK);
        add(sm, block);
        sm.recordPoll(votes(block.id));
        sm.recordPoll(votes(SnowTestSupport.prefixed(4242)));
        sm.recordPoll(votes(block.id));
        assertEquals(1, sm.numProcessing()); // the invalid poll broke the streak
        assertEquals(block.id, sm.preference());
        assertEquals(2, sm.successfulPolls());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollTransitiveVoting_votesCountForEveryProcessingAncestor(PreferenceRule rule) {
        Snowman sm = snowman(params(3, 3, 3, 1), rule);
        Blk b0 = child(GENESIS_BLK);
        Blk b1 = child(b0);
        Blk b2 = child(b1);
        Blk b3 = child(b0);
        Blk b4 = child(b3);
        for (Blk blk : new Blk[] {b0, b1, b2, b3, b4}) {
            add(sm, blk);
        }
        //   G
        //   |
        //   0
        //  / \
        // 1   3
        // |   |
        // 2   4
        sm.recordPoll(votes(b0.id, b2.id, b4.id));
        assertEquals(4, sm.numProcessing());
        assertEquals(b2.id, sm.preference());
        assertTrue(recorder.accepted(b0.id));
        for (Blk blk : new Blk[] {b1, b2, b3, b4}) {
            assertTrue(recorder.undecided(blk.id));
        }

        sm.recordPoll(votes(b2.id, b2.id, b2.id));
        assertEquals(0, sm.numProcessing());
        assertEquals(b2.id, sm.preference());
        assertTrue(recorder.accepted(b1.id));
        assertTrue(recorder.accepted(b2.id));
        assertTrue(recorder.rejected(b3.id));
        assertTrue(recorder.rejected(b4.id));
        assertEquals(List.of(b0.id, b1.id, b2.id), recorder.acceptedOrder);
        assertEquals(List.of(1L, 2L, 3L), recorder.acceptedHeights);
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollDivergedVotingWithNoConflictingBit_votesOverDecidedBitsAreDropped(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 2), rule);
        Id b0 = bytes(0x06); // 0110
        Id b1 = bytes(0x08); // 0001
        Id b2 = bytes(0x01); // 1000
        Blk b2blk = new Blk(b2, GENESIS, 1);
        Blk b3 = child(b2blk);
        assertTrue(sm.add(b0, GENESIS, 1));
        assertTrue(sm.add(b1, GENESIS, 1));

        // Bit 0 is decided as 0; bit 1 is contested; beyond it b0's remaining bits are assumed.
        sm.recordPoll(votes(b0));

        // The snowball tree has already decided against b2, though Snowman does not know it.
        assertTrue(sm.add(b2, GENESIS, 1));
        assertTrue(add(sm, b3));
        assertEquals(b0, sm.preference());
        assertTrue(recorder.events.isEmpty());

        //       G
        //     /   \
        //    *     |
        //   / \    |
        //  0   1   2
        //          |
        //          3
        // A vote for b3 is a vote for b2, which only votes on decided bits: dropped. b3 would only be
        // accepted after b2, which will never happen.
        sm.recordPoll(votes(b3.id));
        assertEquals(4, sm.numProcessing());
        assertTrue(recorder.events.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollChangePreferredChain_votesForAnotherBranchMoveTheWholeChain(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 10), rule);
        Blk a1 = child(GENESIS_BLK);
        Blk b1 = child(GENESIS_BLK);
        Blk a2 = child(a1);
        Blk b2 = child(b1);
        add(sm, a1);
        add(sm, a2);
        add(sm, b1);
        add(sm, b2);
        assertEquals(a2.id, sm.preference());
        assertTrue(sm.isPreferred(a1.id));
        assertTrue(sm.isPreferred(a2.id));
        assertFalse(sm.isPreferred(b1.id));
        assertFalse(sm.isPreferred(b2.id));

        sm.recordPoll(votes(b2.id));
        assertEquals(b2.id, sm.preference());
        assertFalse(sm.isPreferred(a1.id));
        assertFalse(sm.isPreferred(a2.id));
        assertTrue(sm.isPreferred(b1.id));
        assertTrue(sm.isPreferred(b2.id));

        sm.recordPoll(votes(a1.id));
        sm.recordPoll(votes(a1.id));
        assertEquals(a2.id, sm.preference());
        assertTrue(sm.isPreferred(a1.id));
        assertTrue(sm.isPreferred(a2.id));
        assertFalse(sm.isPreferred(b1.id));
        assertFalse(sm.isPreferred(b2.id));
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void lastAccepted_advancesOneBlockPerFinalizedDecision(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 2), rule);
        Blk b0 = child(GENESIS_BLK);
        Blk b1 = child(b0);
        Blk b2 = child(b1);
        Blk b1Conflict = child(b0);
        assertEquals(GENESIS, sm.lastAcceptedId());
        add(sm, b0);
        add(sm, b1);
        add(sm, b1Conflict);
        add(sm, b2);
        assertEquals(GENESIS, sm.lastAcceptedId());

        sm.recordPoll(votes(b0.id));
        assertEquals(GENESIS, sm.lastAcceptedId());
        assertEquals(GENESIS_HEIGHT, sm.lastAcceptedHeight());

        sm.recordPoll(votes(b1.id));
        assertEquals(b0.id, sm.lastAcceptedId());
        assertEquals(b0.height, sm.lastAcceptedHeight());

        sm.recordPoll(votes(b1.id));
        assertEquals(b1.id, sm.lastAcceptedId());
        assertEquals(b1.height, sm.lastAcceptedHeight());
        assertTrue(recorder.rejected(b1Conflict.id));

        sm.recordPoll(votes(b2.id));
        assertEquals(b1.id, sm.lastAcceptedId());

        sm.recordPoll(votes(b2.id));
        assertEquals(b2.id, sm.lastAcceptedId());
        assertEquals(b2.height, sm.lastAcceptedHeight());
        assertEquals(0, sm.numProcessing());
    }

    /** CONFORMANCE.md: two conflicting blocks, alphaConf votes for one in every poll, avalanchego's defaults. */
    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollWithDefaultParameters_exactlyBetaSuccessfulPollsFinalize_notOneFewer(PreferenceRule rule) {
        Parameters p = Parameters.AVALANCHE_DEFAULTS;
        Snowman sm = snowman(p, rule);
        Blk blk1 = child(GENESIS_BLK);
        Blk blk2 = child(GENESIS_BLK);
        add(sm, blk1);
        add(sm, blk2);
        VoteBag poll = new VoteBag();
        poll.add(blk1.id, p.alphaConfidence());
        for (int i = 0; i < p.beta(); i++) {
            assertEquals(2, sm.numProcessing(), "finalized after only " + i + " polls");
            sm.recordPoll(poll);
        }
        assertEquals(0, sm.numProcessing());
        assertTrue(recorder.accepted(blk1.id));
        assertTrue(recorder.rejected(blk2.id));
        assertEquals(p.beta(), sm.successfulPolls());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void twoConflictingBlocks_confidenceVotesBelowAlphaConfidenceNeverFinalize(PreferenceRule rule) {
        Parameters p = params(20, 14, 16, 5);
        Snowman sm = snowman(p, rule);
        Blk blk1 = child(GENESIS_BLK);
        Blk blk2 = child(GENESIS_BLK);
        add(sm, blk1);
        add(sm, blk2);
        VoteBag preferenceOnly = new VoteBag();
        preferenceOnly.add(blk2.id, 15);
        preferenceOnly.add(blk1.id, 5);
        for (int i = 0; i < 3 * p.beta(); i++) {
            sm.recordPoll(preferenceOnly);
        }
        assertEquals(2, sm.numProcessing()); // alphaPref <= 15 < alphaConf: preference, but no confidence
        assertEquals(blk2.id, sm.preference());
        VoteBag confident = new VoteBag();
        confident.add(blk2.id, 16);
        for (int i = 0; i < p.beta() - 1; i++) {
            sm.recordPoll(confident);
        }
        assertEquals(2, sm.numProcessing());
        sm.recordPoll(confident);
        assertEquals(0, sm.numProcessing());
        assertTrue(recorder.accepted(blk2.id));
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void recordPollRegressionCalculateInDegree_votesMeetingAtAVotedBlockAreNotCountedTwice(PreferenceRule rule) {
        Snowman sm = snowman(params(3, 2, 2, 1), rule);
        Blk blk1 = child(GENESIS_BLK);
        Blk blk2 = child(blk1);
        Blk blk3 = child(blk2);
        add(sm, blk1);
        add(sm, blk2);
        add(sm, blk3);
        VoteBag v = new VoteBag();
        v.add(blk2.id, 1);
        v.add(blk3.id, 2);
        sm.recordPoll(v);
        assertTrue(recorder.accepted(blk1.id));
        assertTrue(recorder.accepted(blk2.id));
        assertTrue(recorder.accepted(blk3.id));
        assertEquals(List.of(blk1.id, blk2.id, blk3.id), recorder.acceptedOrder);
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void acceptance_reportsTheBlockBeforeItsSiblingsAndTheirDescendants_andItsChildrenAfter(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 1), rule);
        Blk a = child(GENESIS_BLK);
        Blk x = child(GENESIS_BLK);
        Blk xChild = child(x);
        Blk aChild = child(a);
        Blk aGrandchild = child(aChild);
        for (Blk blk : new Blk[] {a, x, xChild, aChild, aGrandchild}) {
            add(sm, blk);
        }
        sm.recordPoll(votes(aGrandchild.id));
        assertEquals(List.of("accepted " + a.id.shortHex(), "rejected " + x.id.shortHex(),
                "rejected " + xChild.id.shortHex(), "accepted " + aChild.id.shortHex(),
                "accepted " + aGrandchild.id.shortHex()), recorder.events);
        assertEquals(aGrandchild.id, sm.lastAcceptedId());
        assertEquals(3, sm.lastAcceptedHeight());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void voteForAnAcceptedAncestor_isDropped(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 1), rule);
        Blk a = child(GENESIS_BLK);
        add(sm, a);
        sm.recordPoll(votes(a.id));
        Blk b = child(a);
        Blk c = child(a);
        add(sm, b);
        add(sm, c);
        sm.recordPoll(votes(a.id)); // a is decided now: this poll has no valid vote
        assertEquals(2, sm.numProcessing());
        assertEquals(1, sm.successfulPolls());
    }

    @ParameterizedTest
    @EnumSource(PreferenceRule.class)
    void processingIds_isAFreshListOfExactlyTheProcessingBlocks(PreferenceRule rule) {
        Snowman sm = snowman(params(1, 1, 1, 5), rule);
        Blk a = child(GENESIS_BLK);
        Blk b = child(GENESIS_BLK);
        Blk c = child(a);
        add(sm, a);
        add(sm, b);
        add(sm, c);
        List<Id> ids = sm.processingIds();
        assertEquals(new HashSet<>(List.of(a.id, b.id, c.id)), new HashSet<>(ids));
        ids.clear();
        assertEquals(3, sm.processingIds().size());
    }
}
