package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Binary snowball, held to CONFORMANCE.md and avalanchego's binary snowball tests. */
class BinarySnowballTest {
    /** alphaPref 1, alphaConf 2, beta 2. */
    private static final Parameters P = Parameters.of(2, 1, 2, 2);

    private static void poll(BinarySnowball sb, int count, int choice, int expectedPreference, boolean finalized) {
        sb.recordPoll(count, choice);
        assertEquals(expectedPreference, sb.preference(), () -> "after (" + count + ", " + choice + "): " + sb);
        assertEquals(finalized, sb.finalized(), () -> "after (" + count + ", " + choice + "): " + sb);
    }

    @Test
    void binarySnowball_strongerChoiceIsPreferred_andFinalizesAfterBetaConfidentPolls() {
        int red = 0;
        int blue = 1;
        BinarySnowball sb = new BinarySnowball(Parameters.of(3, 2, 3, 2), red);
        assertEquals(red, sb.preference());
        poll(sb, 3, blue, blue, false);
        poll(sb, 3, red, blue, false);
        poll(sb, 3, blue, blue, false);
        poll(sb, 3, blue, blue, true);
    }

    @Test
    void recordPollPreference_tiesKeepTheOldPreference_strictlyStrongerTakesOver() {
        int red = 0;
        int blue = 1;
        BinarySnowball sb = new BinarySnowball(P, red);
        assertEquals(red, sb.preference());
        assertFalse(sb.finalized());
        poll(sb, 2, blue, blue, false);
        poll(sb, 2, red, blue, false); // strengths 1-1: the tie keeps blue
        poll(sb, 1, red, red, false); // red 2 > blue 1
        poll(sb, 2, red, red, false);
        poll(sb, 2, red, red, true);
        assertEquals(4, sb.strength(red));
        assertEquals(1, sb.strength(blue));
        assertEquals(2, sb.confidence());
        assertEquals("Snowball(preference=0, strengths=[4, 1], Snowflake(confidence=2, finalized=true, "
                + "Slush(preference=0)))", sb.toString());
    }

    @Test
    void recordUnsuccessfulPoll_resetsConfidenceButNotStrength() {
        int red = 0;
        int blue = 1;
        BinarySnowball sb = new BinarySnowball(P, red);
        poll(sb, 2, blue, blue, false);
        sb.recordUnsuccessfulPoll();
        poll(sb, 2, blue, blue, false);
        poll(sb, 2, blue, blue, true);
        assertEquals("Snowball(preference=1, strengths=[0, 3], Snowflake(confidence=2, finalized=true, "
                + "Slush(preference=1)))", sb.toString());
    }

    @Test
    void acceptWeirdColor_finalizedSnowflakeChoiceWinsOverTiedStrengths() {
        int blue = 0;
        int red = 1;
        BinarySnowball sb = new BinarySnowball(P, red);
        assertEquals(red, sb.preference());
        sb.recordPoll(2, red);
        sb.recordUnsuccessfulPoll();
        assertEquals(red, sb.preference());
        sb.recordPoll(2, red);
        sb.recordUnsuccessfulPoll();
        assertEquals(red, sb.preference());
        assertFalse(sb.finalized());
        poll(sb, 2, blue, red, false); // strengths red 2, blue 1
        poll(sb, 2, blue, blue, true); // 2-2: the strength field still says red, the instance says blue
        assertEquals(red, sb.strongerChoice());
        assertEquals(2, sb.strength(blue));
        assertEquals(2, sb.strength(red));
        assertEquals("Snowball(preference=1, strengths=[2, 2], Snowflake(confidence=2, finalized=true, "
                + "Slush(preference=0)))", sb.toString());
    }

    @Test
    void lockColor_finalizedPreferenceNeverMoves_thoughStrengthsStillCount() {
        int red = 0;
        int blue = 1;
        BinarySnowball sb = new BinarySnowball(Parameters.of(2, 1, 2, 1), red);
        poll(sb, 2, red, red, true);
        poll(sb, 2, blue, red, true);
        sb.recordPoll(1, blue);
        poll(sb, 2, blue, red, true);
        assertEquals(1, sb.strength(red));
        assertEquals(3, sb.strength(blue));
        assertEquals(blue, sb.strongerChoice());
        assertEquals("Snowball(preference=1, strengths=[1, 3], Snowflake(confidence=1, finalized=true, "
                + "Slush(preference=0)))", sb.toString());
    }

    @Test
    void pollBelowAlphaPreference_addsNoStrength() {
        BinarySnowball sb = new BinarySnowball(Parameters.of(3, 2, 3, 2), 0);
        sb.recordPoll(1, 1);
        assertEquals(0, sb.strength(1));
        assertEquals(0, sb.preference());
        assertTrue(sb.toString().startsWith("Snowball(preference=0, strengths=[0, 0]"));
    }
}
