package lux.consensus.kernels.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The reference against the hand-checked answers (its random comparisons are with itself). */
class ScalarVoteTallyTest extends VoteTallyTestCase {

    @Override
    VoteTally backend() {
        return REFERENCE;
    }

    @Test
    void describesItself() {
        assertEquals("scalar", REFERENCE.name());
        assertEquals(0, REFERENCE.vectorBits());
    }
}
