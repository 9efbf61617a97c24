package lux.consensus.kernels.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The plain-Java SWAR baseline against the reference, on every shape the other backends are checked on. */
class SwarVoteTallyTest extends VoteTallyTestCase {
    private static final VoteTally SWAR = new SwarVoteTally();

    @Override
    VoteTally backend() {
        return SWAR;
    }

    @Test
    void describesItself() {
        assertEquals("swar", SWAR.name());
        assertEquals(0, SWAR.vectorBits());
    }
}
