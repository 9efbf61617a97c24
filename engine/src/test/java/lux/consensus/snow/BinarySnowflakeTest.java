package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Binary slush and snowflake, held to CONFORMANCE.md and avalanchego's binary snowflake tests. */
class BinarySnowflakeTest {
    private static final int RED = 0;
    private static final int BLUE = 1;
    /** alphaPref 1, alphaConf 2, beta 2. */
    private static final Parameters P = Parameters.of(2, 1, 2, 2);

    private static void poll(BinarySnowflake sf, int count, int choice, int expectedPreference, boolean finalized) {
        sf.recordPoll(count, choice);
        assertEquals(expectedPreference, sf.preference(), () -> "after (" + count + ", " + choice + "): " + sf);
        assertEquals(finalized, sf.finalized(), () -> "after (" + count + ", " + choice + "): " + sf);
    }

    @Test
    void conformanceSequence_lastSuccessfulChoiceIsPreferred_andBetaConfidentPollsInARowFinalize() {
        BinarySnowflake sf = new BinarySnowflake(P, RED);
        assertEquals(RED, sf.preference());
        assertFalse(sf.finalized());
        poll(sf, 2, BLUE, BLUE, false);
        poll(sf, 2, RED, RED, false);
        poll(sf, 2, BLUE, BLUE, false);
        poll(sf, 1, RED, RED, false); // 1 < alphaConf: preference moves, confidence resets
        assertEquals(0, sf.confidence());
        poll(sf, 2, BLUE, BLUE, false);
        poll(sf, 2, BLUE, BLUE, true);
        assertEquals(2, sf.confidence());
    }

    @Test
    void pollBelowAlphaPreference_isUnsuccessful_keepsPreference_resetsConfidence() {
        BinarySnowflake sf = new BinarySnowflake(Parameters.of(3, 2, 3, 3), RED);
        sf.recordPoll(3, RED);
        assertEquals(1, sf.confidence());
        sf.recordPoll(1, BLUE);
        assertEquals(RED, sf.preference());
        assertEquals(0, sf.confidence());
    }

    @Test
    void changingChoice_resetsConfidenceBeforeCounting() {
        BinarySnowflake sf = new BinarySnowflake(Parameters.of(3, 2, 3, 3), RED);
        sf.recordPoll(3, RED);
        sf.recordPoll(3, RED);
        assertEquals(2, sf.confidence());
        sf.recordPoll(3, BLUE);
        assertEquals(1, sf.confidence());
        assertEquals(BLUE, sf.preference());
    }

    @Test
    void recordUnsuccessfulPoll_resetsConfidence() {
        BinarySnowflake sf = new BinarySnowflake(P, RED);
        sf.recordPoll(2, RED);
        sf.recordUnsuccessfulPoll();
        poll(sf, 2, RED, RED, false);
        poll(sf, 2, RED, RED, true);
    }

    @Test
    void finalizedSnowflake_ignoresEveryLaterPoll() {
        BinarySnowflake sf = new BinarySnowflake(Parameters.of(2, 1, 2, 1), RED);
        poll(sf, 2, RED, RED, true);
        poll(sf, 2, BLUE, RED, true);
        sf.recordUnsuccessfulPoll(); // only resets the counter; the decision stays
        poll(sf, 2, BLUE, RED, true);
        assertEquals("Snowflake(confidence=0, finalized=true, Slush(preference=0))", sf.toString());
    }

    @Test
    void choiceMustBeZeroOrOne() {
        assertThrows(IllegalArgumentException.class, () -> new BinarySnowflake(P, 2));
        BinarySnowflake sf = new BinarySnowflake(P, RED);
        assertThrows(IllegalArgumentException.class, () -> sf.recordPoll(2, -1));
        assertThrows(IllegalArgumentException.class, () -> new BinarySlush(3));
    }

    @Test
    void slush_remembersTheLastSuccessfulChoice() {
        BinarySlush slush = new BinarySlush(RED);
        assertEquals(RED, slush.preference());
        slush.recordSuccessfulPoll(BLUE);
        assertEquals(BLUE, slush.preference());
        assertEquals("Slush(preference=1)", slush.toString());
    }

    @Test
    void toString_showsConfidenceFinalizationAndSlush() {
        BinarySnowflake sf = new BinarySnowflake(P, RED);
        sf.recordPoll(2, BLUE);
        assertEquals("Snowflake(confidence=1, finalized=false, Slush(preference=1))", sf.toString());
    }
}
