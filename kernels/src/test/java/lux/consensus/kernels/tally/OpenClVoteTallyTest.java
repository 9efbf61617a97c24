package lux.consensus.kernels.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.gpu.OpenClAssumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenClVoteTally} on the preferred OpenCL device (PoCL's CPU device in CI, a GPU where there is
 * one): the whole tally contract against the scalar reference. Skipped, saying why, without OpenCL.
 */
class OpenClVoteTallyTest extends VoteTallyTestCase {

    private static OpenClVoteTally tally;

    @BeforeAll
    static void openDevice() {
        if (!GpuDevices.available()) {
            return; // each test skips, saying why (requireDevice)
        }
        tally = new OpenClVoteTally();
        System.out.println("OpenCL vote tally on " + tally.context().device().describe());
    }

    @BeforeEach
    void requireDevice() {
        OpenClAssumptions.assumeDevice("OpenCL vote tally");
    }

    @AfterAll
    static void closeDevice() {
        if (tally != null) {
            tally.close();
        }
    }

    @Override
    VoteTally backend() {
        return tally;
    }

    @Test
    void describesItself() {
        assertEquals("opencl", tally.name());
        assertEquals(0, tally.vectorBits());
    }

    @Test
    void rejectsBadArgumentsLikeTheReference() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> tally.tally(new byte[6], 2, 4, 2, new int[4]));
        assertEquals("votes.length must be >= polls * votesPerPoll, got votes.length=6 polls=2 votesPerPoll=4 (needs 8)",
                thrown.getMessage());
        assertThrows(NullPointerException.class, () -> tally.tallyWeighted(new byte[6], null, 2, 3, 2, new long[4]));
    }
}
