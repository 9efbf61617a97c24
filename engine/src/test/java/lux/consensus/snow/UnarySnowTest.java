package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unary snowflake and snowball, and how they extend into binary instances (avalanchego's unary tests). */
class UnarySnowTest {
    /** alphaPref 1, alphaConf 2, beta 2. */
    private static final Parameters P = Parameters.of(2, 1, 2, 2);

    private static void assertState(UnarySnowball sb, int strength, int confidence, boolean finalized) {
        assertEquals(strength, sb.strength(), sb::toString);
        assertEquals(confidence, sb.confidence(), sb::toString);
        assertEquals(finalized, sb.finalized(), sb::toString);
    }

    @Test
    void unarySnowball_countsStrengthAndConfidence_copyIsIndependent_extendCarriesBoth() {
        UnarySnowball sb = new UnarySnowball(P);
        sb.recordPoll(2);
        assertState(sb, 1, 1, false);
        sb.recordPoll(1);
        assertState(sb, 2, 0, false);
        sb.recordPoll(2);
        assertState(sb, 3, 1, false);
        sb.recordUnsuccessfulPoll();
        assertState(sb, 3, 0, false);
        sb.recordPoll(2);
        assertState(sb, 4, 1, false);

        UnarySnowball copy = sb.copy();
        assertNotSame(sb, copy);
        assertState(copy, 4, 1, false);

        BinarySnowball binary = copy.extend(0);
        assertEquals("Snowball(preference=0, strengths=[4, 0], Snowflake(confidence=1, finalized=false, "
                + "Slush(preference=0)))", binary.toString());
        binary.recordUnsuccessfulPoll();
        for (int i = 0; i < 5; i++) {
            assertEquals(0, binary.preference());
            assertFalse(binary.finalized());
            binary.recordPoll(2, 1);
            binary.recordUnsuccessfulPoll();
        }
        assertEquals(1, binary.preference()); // 5 > 4
        assertFalse(binary.finalized());
        binary.recordPoll(2, 1);
        assertFalse(binary.finalized());
        binary.recordPoll(2, 1);
        assertEquals(1, binary.preference());
        assertTrue(binary.finalized());

        // The original never saw any of that.
        assertEquals("UnarySnowball(strength=4, UnarySnowflake(confidence=1, finalized=false))", sb.toString());
        copy.recordPoll(2);
        assertState(sb, 4, 1, false);
        assertState(copy, 5, 2, true);
    }

    @Test
    void unarySnowball_extendOnSideOne_givesTheStrengthToSideOne() {
        UnarySnowball sb = new UnarySnowball(P);
        sb.recordPoll(2);
        BinarySnowball binary = sb.extend(1);
        assertEquals(0, binary.strength(0));
        assertEquals(1, binary.strength(1));
        assertEquals(1, binary.preference());
        assertThrows(IllegalArgumentException.class, () -> sb.extend(2));
    }

    @Test
    void unarySnowflake_finalizesAfterBetaConfidentPolls_extendCarriesConfidenceAndFinalization() {
        UnarySnowflake sf = new UnarySnowflake(P);
        sf.recordPoll(2);
        assertEquals(1, sf.confidence());
        sf.recordPoll(1); // below alphaConf: the streak breaks
        assertEquals(0, sf.confidence());
        sf.recordPoll(2);
        BinarySnowflake half = sf.extend(1);
        assertEquals("Snowflake(confidence=1, finalized=false, Slush(preference=1))", half.toString());
        sf.recordPoll(2);
        assertTrue(sf.finalized());
        BinarySnowflake done = sf.extend(0);
        assertTrue(done.finalized());
        assertEquals(0, done.preference());
        UnarySnowflake copy = sf.copy();
        assertTrue(copy.finalized());
        assertEquals("UnarySnowflake(confidence=2, finalized=true)", copy.toString());
    }

    @Test
    void preferenceRule_makesTheMatchingUnaryFlavour() {
        assertTrue(PreferenceRule.SNOWBALL.newUnary(P) instanceof UnarySnowball);
        assertTrue(PreferenceRule.SNOWFLAKE.newUnary(P) instanceof UnarySnowflake);
    }
}
