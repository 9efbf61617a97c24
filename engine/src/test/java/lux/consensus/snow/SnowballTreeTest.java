package lux.consensus.snow;

import static lux.consensus.snow.SnowTestSupport.BLUE;
import static lux.consensus.snow.SnowTestSupport.GREEN;
import static lux.consensus.snow.SnowTestSupport.RED;
import static lux.consensus.snow.SnowTestSupport.b;
import static lux.consensus.snow.SnowTestSupport.bytes;
import static lux.consensus.snow.SnowTestSupport.lastByte;
import static lux.consensus.snow.SnowTestSupport.tree;
import static lux.consensus.snow.SnowTestSupport.u;
import static lux.consensus.snow.SnowTestSupport.votes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lux.consensus.Id;
import org.junit.jupiter.api.Test;

/**
 * The snowball tree, ported from avalanchego's {@code snowball/tree_test.go} (snowball rule; the expected
 * renderings restate the originals' node-by-node state in this package's format).
 */
class SnowballTreeTest {
    /** k 1, alphaPref 1, alphaConf 1, beta 2: the parameters most originals use. */
    private static final Parameters ONE_BETA2 = Parameters.of(1, 1, 1, 2);
    private static final String INITIAL_UNARY = u(0, 0, 0, false, 0, 256);

    private static SnowballTree snowball(Parameters p, Id first) {
        return new SnowballTree(p, PreferenceRule.SNOWBALL, first);
    }

    private static void assertState(SnowballTree t, String rendering, Id preference, boolean finalized) {
        assertEquals(rendering, t.toString());
        assertEquals(preference, t.preference());
        assertEquals(finalized, t.finalized());
    }

    @Test
    void singleton_finalizesAfterBetaPolls_thenIgnoresNewChoices() {
        SnowballTree t = snowball(ONE_BETA2, RED);
        assertFalse(t.finalized());
        assertTrue(t.recordPoll(votes(RED)));
        assertFalse(t.finalized());
        assertFalse(t.recordPoll(new VoteBag()));
        assertFalse(t.finalized());
        assertTrue(t.recordPoll(votes(RED)));
        assertFalse(t.finalized());
        assertTrue(t.recordPoll(votes(RED)));
        assertEquals(RED, t.preference());
        assertTrue(t.finalized());

        t.add(BLUE);
        assertTrue(t.finalized());
        t.recordPoll(votes(BLUE)); // the answer carries no meaning once finalized
        assertEquals(RED, t.preference());
        assertTrue(t.finalized());
    }

    @Test
    void recordUnsuccessfulPoll_resetsConfidenceOfTheWholeTree() {
        SnowballTree t = snowball(Parameters.of(1, 1, 1, 3), RED);
        assertTrue(t.recordPoll(votes(RED)));
        t.recordUnsuccessfulPoll();
        assertTrue(t.recordPoll(votes(RED)));
        assertFalse(t.finalized());
        assertTrue(t.recordPoll(votes(RED)));
        assertFalse(t.finalized());
        assertTrue(t.recordPoll(votes(RED)));
        assertEquals(RED, t.preference());
        assertTrue(t.finalized());
    }

    @Test
    void binary_twoChoicesDecideLikeBinarySnowball() {
        SnowballTree t = snowball(ONE_BETA2, RED);
        t.add(BLUE);
        assertEquals(RED, t.preference());
        assertTrue(t.recordPoll(votes(BLUE)));
        assertEquals(BLUE, t.preference());
        assertTrue(t.recordPoll(votes(RED)));
        assertEquals(BLUE, t.preference());
        assertFalse(t.finalized());
        assertTrue(t.recordPoll(votes(BLUE)));
        assertEquals(BLUE, t.preference());
        assertFalse(t.finalized());
        assertTrue(t.recordPoll(votes(BLUE)));
        assertEquals(BLUE, t.preference());
        assertTrue(t.finalized());
    }

    @Test
    void lastBinary_choicesDifferingOnlyInBit255_splitTheLastBit() {
        Id zero = bytes();
        Id one = lastByte(0x80);
        SnowballTree t = snowball(ONE_BETA2, zero);
        t.add(one);
        t.add(one); // a second add changes nothing
        assertState(t, tree(
                u(0, 0, 0, false, 0, 255),
                b(1, 0, 0, 0, 0, false, 0, 255)), zero, false);

        assertTrue(t.recordPoll(votes(one)));
        assertState(t, tree(
                u(0, 1, 1, false, 0, 255),
                b(1, 1, 0, 1, 1, false, 1, 255)), one, false);

        assertTrue(t.recordPoll(votes(one)));
        assertState(t, tree(
                b(0, 1, 0, 2, 2, true, 1, 255)), one, true);
    }

    @Test
    void firstBinary_choicesDifferingInBit0_splitAtTheRoot() {
        Id zero = bytes();
        Id one = bytes(0x01);
        SnowballTree t = snowball(ONE_BETA2, zero);
        t.add(one);
        assertState(t, tree(
                b(0, 0, 0, 0, 0, false, 0, 0),
                u(1, 0, 0, false, 1, 256),
                u(1, 0, 0, false, 1, 256)), zero, false);

        assertTrue(t.recordPoll(votes(one)));
        assertState(t, tree(
                b(0, 1, 0, 1, 1, false, 1, 0),
                u(1, 0, 0, false, 1, 256),
                u(1, 1, 1, false, 1, 256)), one, false);

        assertTrue(t.recordPoll(votes(one)));
        assertState(t, tree(
                u(0, 2, 2, true, 1, 256)), one, true);
    }

    @Test
    void addDecidedFirstBit_choiceOnTheLosingSideOfADecidedBitIsIgnored() {
        Id zero = bytes();
        Id c1000 = bytes(0x01);
        Id c1100 = bytes(0x03);
        Id c0110 = bytes(0x06);
        SnowballTree t = snowball(ONE_BETA2, zero);
        t.add(c1000);
        t.add(c1100);
        assertState(t, tree(
                b(0, 0, 0, 0, 0, false, 0, 0),
                u(1, 0, 0, false, 1, 256),
                b(1, 0, 0, 0, 0, false, 0, 1),
                u(2, 0, 0, false, 2, 256),
                u(2, 0, 0, false, 2, 256)), zero, false);

        assertTrue(t.recordPoll(votes(c1000)));
        assertState(t, tree(
                b(0, 1, 0, 1, 1, false, 1, 0),
                u(1, 0, 0, false, 1, 256),
                b(1, 0, 1, 0, 1, false, 0, 1),
                u(2, 1, 1, false, 2, 256),
                u(2, 0, 0, false, 2, 256)), c1000, false);

        assertTrue(t.recordPoll(votes(c1100)));
        String decided = tree(
                b(0, 0, 1, 1, 1, false, 1, 1),
                u(1, 1, 1, false, 2, 256),
                u(1, 1, 1, false, 2, 256));
        assertState(t, decided, c1000, false);

        t.add(c0110); // bit 0 is decided as 1: this choice has lost already
        assertState(t, decided, c1000, false);
    }

    @Test
    void addPreviouslyRejected_choiceWhoseBranchLostIsIgnored() {
        Id zero = bytes(0b00000000);
        Id one = bytes(0b00000001);
        Id two = bytes(0b00000010);
        SnowballTree t = snowball(ONE_BETA2, zero);
        t.add(two);
        assertState(t, tree(
                u(0, 0, 0, false, 0, 1),
                b(1, 0, 0, 0, 0, false, 0, 1),
                u(2, 0, 0, false, 2, 256),
                u(2, 0, 0, false, 2, 256)), zero, false);

        assertTrue(t.recordPoll(votes(zero)));
        assertState(t, tree(
                u(0, 1, 1, false, 0, 1),
                b(1, 0, 1, 0, 1, false, 0, 1),
                u(2, 1, 1, false, 2, 256),
                u(2, 0, 0, false, 2, 256)), zero, false);

        assertTrue(t.recordPoll(votes(two)));
        String afterTwo = tree(
                b(0, 0, 1, 1, 1, false, 1, 1),
                u(1, 1, 1, false, 2, 256),
                u(1, 1, 1, false, 2, 256));
        assertState(t, afterTwo, zero, false);

        t.add(one);
        assertState(t, afterTwo, zero, false);
    }

    @Test
    void newUnary_freshBranchStartsWithZeroCounters() {
        Id zero = bytes(0b00000000);
        Id one = bytes(0b00000001);
        SnowballTree t = snowball(Parameters.of(1, 1, 1, 3), zero);
        t.add(one);
        assertState(t, tree(
                b(0, 0, 0, 0, 0, false, 0, 0),
                u(1, 0, 0, false, 1, 256),
                u(1, 0, 0, false, 1, 256)), zero, false);

        assertTrue(t.recordPoll(votes(one)));
        assertState(t, tree(
                b(0, 1, 0, 1, 1, false, 1, 0),
                u(1, 0, 0, false, 1, 256),
                u(1, 1, 1, false, 1, 256)), one, false);

        assertTrue(t.recordPoll(votes(one)));
        assertState(t, tree(
                b(0, 1, 0, 2, 2, false, 1, 0),
                u(1, 0, 0, false, 1, 256),
                u(1, 2, 2, false, 1, 256)), one, false);
    }

    @Test
    void transitiveReset_anEmptyPollResetsTheRootAndLazilyEveryNodeBelow() {
        Id zero = bytes(0b00000000);
        Id two = bytes(0b00000010);
        Id eight = bytes(0b00001000);
        SnowballTree t = snowball(ONE_BETA2, zero);
        t.add(two);
        t.add(eight);
        assertState(t, tree(
                u(0, 0, 0, false, 0, 1),
                b(1, 0, 0, 0, 0, false, 0, 1),
                u(2, 0, 0, false, 2, 3),
                b(3, 0, 0, 0, 0, false, 0, 3),
                u(4, 0, 0, false, 4, 256),
                u(4, 0, 0, false, 4, 256),
                u(2, 0, 0, false, 2, 256)), zero, false);

        assertTrue(t.recordPoll(votes(zero)));
        assertState(t, tree(
                u(0, 1, 1, false, 0, 1),
                b(1, 0, 1, 0, 1, false, 0, 1),
                u(2, 1, 1, false, 2, 3),
                b(3, 0, 1, 0, 1, false, 0, 3),
                u(4, 1, 1, false, 4, 256),
                u(4, 0, 0, false, 4, 256),
                u(2, 0, 0, false, 2, 256)), zero, false);

        assertFalse(t.recordPoll(new VoteBag()));
        assertState(t, tree(
                u(0, 1, 0, false, 0, 1), // only the root resets now; the rest when next reached
                b(1, 0, 1, 0, 1, false, 0, 1),
                u(2, 1, 1, false, 2, 3),
                b(3, 0, 1, 0, 1, false, 0, 3),
                u(4, 1, 1, false, 4, 256),
                u(4, 0, 0, false, 4, 256),
                u(2, 0, 0, false, 2, 256)), zero, false);

        assertTrue(t.recordPoll(votes(zero)));
        assertState(t, tree(
                u(0, 2, 1, false, 0, 1),
                b(1, 0, 2, 0, 1, false, 0, 1),
                u(2, 2, 1, false, 2, 3),
                b(3, 0, 2, 0, 1, false, 0, 3),
                u(4, 2, 1, false, 4, 256),
                u(4, 0, 0, false, 4, 256),
                u(2, 0, 0, false, 2, 256)), zero, false);

        assertTrue(t.recordPoll(votes(zero)));
        assertState(t, tree(
                u(0, 3, 2, true, 4, 256)), zero, true);
    }

    @Test
    void trinary_votingForOneColourCanMakeAnotherPreferred() {
        SnowballTree t = snowball(ONE_BETA2, GREEN);
        t.add(RED);
        t.add(BLUE);
        //       *
        //      / \
        //     R   *
        //        / \
        //       G   B
        assertEquals(GREEN, t.preference());
        assertFalse(t.finalized());

        assertTrue(t.recordPoll(votes(RED)));
        assertEquals(RED, t.preference());
        assertFalse(t.finalized());

        assertTrue(t.recordPoll(votes(BLUE)));
        assertEquals(RED, t.preference());
        assertFalse(t.finalized());

        assertTrue(t.recordPoll(votes(GREEN))); // a vote for green makes blue preferred
        assertEquals(BLUE, t.preference());
        assertFalse(t.finalized());

        assertFalse(t.recordPoll(votes(RED))); // red's side of the first bit is decided against
        assertEquals(BLUE, t.preference());
        assertFalse(t.finalized());

        assertTrue(t.recordPoll(votes(GREEN)));
        assertEquals(GREEN, t.preference());
        assertFalse(t.finalized());
    }

    @Test
    void closeTrinary_votesForADecidedAgainstChoiceAreUnsuccessful() {
        Id yellow = bytes(0x01);
        Id cyan = bytes(0x02);
        Id magenta = bytes(0x03);
        SnowballTree t = snowball(ONE_BETA2, yellow);
        t.add(cyan);
        t.add(magenta);
        assertEquals(yellow, t.preference());

        assertTrue(t.recordPoll(votes(yellow)));
        assertEquals(yellow, t.preference());
        assertTrue(t.recordPoll(votes(magenta)));
        assertEquals(yellow, t.preference());
        assertFalse(t.finalized());

        assertFalse(t.recordPoll(votes(cyan)));
        assertEquals(yellow, t.preference());
        assertFalse(t.recordPoll(votes(cyan)));
        assertEquals(yellow, t.preference());
        assertFalse(t.finalized());
    }

    @Test
    void resetChild_unsuccessfulPollResetsTheRootNow_andTheChildBeforeItsNextPoll() {
        Id c0000 = bytes(0x00);
        Id c0100 = bytes(0x02);
        Id c1000 = bytes(0x01);
        SnowballTree t = snowball(ONE_BETA2, c0000);
        t.add(c0100);
        t.add(c1000);
        assertEquals(c0000, t.preference());

        assertTrue(t.recordPoll(votes(c0000)));
        assertState(t, tree(
                b(0, 0, 1, 0, 1, false, 0, 0),
                b(1, 0, 1, 0, 1, false, 0, 1),
                u(2, 1, 1, false, 2, 256),
                u(2, 0, 0, false, 2, 256),
                u(1, 0, 0, false, 1, 256)), c0000, false);

        assertFalse(t.recordPoll(new VoteBag()));
        assertState(t, tree(
                b(0, 0, 1, 0, 0, false, 0, 0),
                b(1, 0, 1, 0, 1, false, 0, 1),
                u(2, 1, 1, false, 2, 256),
                u(2, 0, 0, false, 2, 256),
                u(1, 0, 0, false, 1, 256)), c0000, false);

        assertTrue(t.recordPoll(votes(c0000)));
        assertState(t, tree(
                b(0, 0, 2, 0, 1, false, 0, 0),
                b(1, 0, 2, 0, 1, false, 0, 1),
                u(2, 2, 1, false, 2, 256),
                u(2, 0, 0, false, 2, 256),
                u(1, 0, 0, false, 1, 256)), c0000, false);
    }

    @Test
    void resetSibling_pollOnOneSideResetsTheOtherSideBeforeItsNextPoll() {
        Id c0000 = bytes(0x00);
        Id c0100 = bytes(0x02);
        Id c1000 = bytes(0x01);
        SnowballTree t = snowball(ONE_BETA2, c0000);
        t.add(c0100);
        t.add(c1000);
        assertEquals(c0000, t.preference());

        assertTrue(t.recordPoll(votes(c0100)));
        assertState(t, tree(
                b(0, 0, 1, 0, 1, false, 0, 0),
                b(1, 1, 0, 1, 1, false, 1, 1),
                u(2, 0, 0, false, 2, 256),
                u(2, 1, 1, false, 2, 256),
                u(1, 0, 0, false, 1, 256)), c0100, false);

        assertTrue(t.recordPoll(votes(c1000)));
        assertState(t, tree(
                b(0, 0, 1, 1, 1, false, 1, 0),
                b(1, 1, 0, 1, 1, false, 1, 1),
                u(2, 0, 0, false, 2, 256),
                u(2, 1, 1, false, 2, 256),
                u(1, 1, 1, false, 1, 256)), c0100, false);

        assertTrue(t.recordPoll(votes(c0100)));
        assertState(t, tree(
                b(0, 0, 2, 1, 1, false, 0, 0),
                b(1, 1, 0, 2, 1, false, 1, 1),
                u(2, 0, 0, false, 2, 256),
                u(2, 2, 1, false, 2, 256),
                u(1, 1, 1, false, 1, 256)), c0100, false);
    }

    @Test
    void fiveColors_treeShapeDoesNotDependOnInsertionOrder() {
        Parameters p = Parameters.of(5, 5, 5, 20);
        Id[] colors = new Id[5];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = SnowTestSupport.prefixed(i);
        }
        SnowballTree t0 = snowball(p, colors[4]);
        t0.add(colors[0]);
        t0.add(colors[1]);
        t0.add(colors[2]);
        t0.add(colors[3]);
        SnowballTree t1 = snowball(p, colors[3]);
        t1.add(colors[0]);
        t1.add(colors[1]);
        t1.add(colors[2]);
        t1.add(colors[4]);
        assertEquals(t0.toString().split("    ", -1).length, t1.toString().split("    ", -1).length);
        assertEquals(t0.toString().lines().count(), t1.toString().lines().count());
    }

    @Test
    void fineGrained_splitsOnTheRightBitsAsChoicesArrive_andFinalizesDownThePath() {
        Id c0000 = bytes(0x00);
        Id c1000 = bytes(0x01);
        Id c1100 = bytes(0x03);
        Id c0010 = bytes(0x04);
        SnowballTree t = snowball(ONE_BETA2, c0000);
        assertState(t, INITIAL_UNARY, c0000, false);

        t.add(c1100);
        assertState(t, tree(
                b(0, 0, 0, 0, 0, false, 0, 0),
                u(1, 0, 0, false, 1, 256),
                u(1, 0, 0, false, 1, 256)), c0000, false);

        t.add(c1000);
        assertState(t, tree(
                b(0, 0, 0, 0, 0, false, 0, 0),
                u(1, 0, 0, false, 1, 256),
                b(1, 1, 0, 0, 0, false, 1, 1),
                u(2, 0, 0, false, 2, 256),
                u(2, 0, 0, false, 2, 256)), c0000, false);

        t.add(c0010);
        assertState(t, tree(
                b(0, 0, 0, 0, 0, false, 0, 0),
                u(1, 0, 0, false, 1, 2),
                b(2, 0, 0, 0, 0, false, 0, 2),
                u(3, 0, 0, false, 3, 256),
                u(3, 0, 0, false, 3, 256),
                b(1, 1, 0, 0, 0, false, 1, 1),
                u(2, 0, 0, false, 2, 256),
                u(2, 0, 0, false, 2, 256)), c0000, false);

        assertTrue(t.recordPoll(votes(c0000)));
        assertState(t, tree(
                b(0, 0, 1, 0, 1, false, 0, 0),
                u(1, 1, 1, false, 1, 2),
                b(2, 0, 1, 0, 1, false, 0, 2),
                u(3, 1, 1, false, 3, 256),
                u(3, 0, 0, false, 3, 256),
                b(1, 1, 0, 0, 0, false, 1, 1),
                u(2, 0, 0, false, 2, 256),
                u(2, 0, 0, false, 2, 256)), c0000, false);

        assertTrue(t.recordPoll(votes(c0010)));
        assertState(t, tree(
                b(0, 0, 1, 1, 1, false, 1, 2),
                u(1, 1, 1, false, 3, 256),
                u(1, 1, 1, false, 3, 256)), c0000, false);

        assertTrue(t.recordPoll(votes(c0010)));
        assertState(t, tree(
                u(0, 2, 2, true, 3, 256)), c0010, true);
    }

    @Test
    void doubleAdd_addingTheFirstChoiceAgainChangesNothing() {
        SnowballTree t = snowball(Parameters.of(1, 1, 1, 3), RED);
        t.add(RED);
        assertState(t, INITIAL_UNARY, RED, false);
    }

    @Test
    void filterBinaryChildren_votesOnlyReachTheSideTheyAgreeWith() {
        Id c0000 = bytes(0b00000000);
        Id c1000 = bytes(0b00000001);
        Id c0100 = bytes(0b00000010);
        Id c0010 = bytes(0b00000100);
        SnowballTree t = snowball(ONE_BETA2, c0000);
        assertState(t, INITIAL_UNARY, c0000, false);

        t.add(c1000);
        assertState(t, tree(
                b(0, 0, 0, 0, 0, false, 0, 0),
                u(1, 0, 0, false, 1, 256),
                u(1, 0, 0, false, 1, 256)), c0000, false);

        t.add(c0010);
        assertState(t, tree(
                b(0, 0, 0, 0, 0, false, 0, 0),
                u(1, 0, 0, false, 1, 2),
                b(2, 0, 0, 0, 0, false, 0, 2),
                u(3, 0, 0, false, 3, 256),
                u(3, 0, 0, false, 3, 256),
                u(1, 0, 0, false, 1, 256)), c0000, false);

        assertTrue(t.recordPoll(votes(c0000)));
        assertState(t, tree(
                b(0, 0, 1, 0, 1, false, 0, 0),
                u(1, 1, 1, false, 1, 2),
                b(2, 0, 1, 0, 1, false, 0, 2),
                u(3, 1, 1, false, 3, 256),
                u(3, 0, 0, false, 3, 256),
                u(1, 0, 0, false, 1, 256)), c0000, false);

        t.add(c0100);
        assertState(t, tree(
                b(0, 0, 1, 0, 1, false, 0, 0),
                b(1, 0, 1, 0, 1, false, 0, 1),
                b(2, 0, 1, 0, 1, false, 0, 2),
                u(3, 1, 1, false, 3, 256),
                u(3, 0, 0, false, 3, 256),
                u(2, 0, 0, false, 2, 256),
                u(1, 0, 0, false, 1, 256)), c0000, false);

        assertTrue(t.recordPoll(votes(c0100)));
        assertState(t, tree(
                b(0, 0, 1, 1, 1, false, 1, 1),
                b(1, 0, 1, 0, 1, false, 0, 2),
                u(2, 1, 1, false, 3, 256),
                u(2, 0, 0, false, 3, 256),
                u(1, 1, 1, false, 2, 256)), c0000, false);
    }

    @Test
    void recordPreferencePollBinary_alphaPreferenceMovesThePreferenceWithoutConfidence() {
        SnowballTree t = snowball(Parameters.of(3, 2, 3, 2), RED);
        t.add(BLUE);
        assertEquals(RED, t.preference());

        assertTrue(t.recordPoll(votes(BLUE, BLUE, BLUE)));
        assertEquals(BLUE, t.preference());
        assertFalse(t.finalized());

        assertTrue(t.recordPoll(votes(RED, RED)));
        assertEquals(BLUE, t.preference());
        assertFalse(t.finalized());

        assertTrue(t.recordPoll(votes(RED, RED, RED)));
        assertEquals(RED, t.preference());
        assertFalse(t.finalized());

        assertTrue(t.recordPoll(votes(RED, RED, RED)));
        assertEquals(RED, t.preference());
        assertTrue(t.finalized());
    }

    @Test
    void recordPreferencePollUnary_choiceAddedLaterCanStillWin() {
        SnowballTree t = snowball(Parameters.of(3, 2, 3, 2), RED);
        assertEquals(RED, t.preference());

        assertTrue(t.recordPoll(votes(RED, RED)));
        assertEquals(RED, t.preference());
        assertFalse(t.finalized());

        t.add(BLUE);

        assertTrue(t.recordPoll(votes(BLUE, BLUE, BLUE)));
        assertEquals(RED, t.preference());
        assertFalse(t.finalized());

        assertTrue(t.recordPoll(votes(BLUE, BLUE, BLUE)));
        assertEquals(BLUE, t.preference());
        assertTrue(t.finalized());
    }

    @Test
    void snowflakeRule_lastSuccessfulSideIsPreferred_tiesDoNotMatter() {
        SnowballTree t = new SnowballTree(Parameters.of(1, 1, 1, 3), PreferenceRule.SNOWFLAKE, RED);
        t.add(BLUE);
        assertTrue(t.recordPoll(votes(BLUE)));
        assertEquals(BLUE, t.preference());
        assertTrue(t.recordPoll(votes(RED)));
        assertEquals(RED, t.preference()); // snowball would keep blue on the 1-1 tie
        assertTrue(t.recordPoll(votes(RED)));
        assertTrue(t.recordPoll(votes(RED)));
        assertEquals(RED, t.preference());
        assertTrue(t.finalized());
        assertTrue(t.toString().startsWith("UnarySnowflake(confidence=3, finalized=true) bits ["), t::toString);
    }

    @Test
    void votesForTheLosingSideOfADecidedPrefix_areDroppedAtTheRoot() {
        Id zero = bytes(0x00);
        Id one = bytes(0x01);
        SnowballTree t = snowball(Parameters.of(1, 1, 1, 1), zero);
        t.add(one);
        assertTrue(t.recordPoll(votes(one)));
        assertTrue(t.finalized());
        assertEquals(one, t.preference());
        // Bit 0 is decided as 1: a vote for 'zero' is filtered out, leaving an empty, unsuccessful poll.
        assertFalse(t.recordPoll(votes(zero)));
        assertEquals(one, t.preference());
    }
}
