package lux.consensus.kernels.tally;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.gpu.OpenClAssumptions;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.gpu.OpenClContext;
import lux.consensus.kernels.tally.TallyInputs.Fill;
import lux.consensus.kernels.tally.TallyInputs.Weights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenClVoteTally} with a device memory budget of {@value #BUDGET} bytes, so that every batch of
 * more than a few polls runs as many chunks: the whole tally contract again, to show that splitting a
 * batch changes nothing. Skipped, saying why, without OpenCL.
 */
class OpenClVoteTallyChunkedTest extends VoteTallyTestCase {

    /** Enough for one poll of the longest test shape (4099 votes with weights, 255 sums), and little more. */
    static final long BUDGET = 48 * 1024;

    private static OpenClContext context;
    private static OpenClVoteTally tally;

    @BeforeAll
    static void openDevice() {
        if (!GpuDevices.available()) {
            return; // each test skips, saying why (requireDevice)
        }
        context = GpuDevices.open();
        tally = new OpenClVoteTally(context, BUDGET);
    }

    @BeforeEach
    void requireDevice() {
        OpenClAssumptions.assumeDevice("OpenCL vote tally (chunked)");
    }

    @AfterAll
    static void closeDevice() {
        if (tally != null) {
            tally.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Override
    VoteTally backend() {
        return tally;
    }

    @Test
    void aLargeBatchRunsInManyChunks() {
        // 20,000 polls of k = 21 with weights take 21 * 9 + 3 * 8 = 213 bytes each: about 230 polls per chunk.
        compare(new SplittableRandom(0x7A11_0C01L), 20_000, 21, 3, Fill.MIXED, Weights.WRAPPING);
        assertTrue(BUDGET / 213 < 20_000 / 10, "the batch must need at least 10 chunks");
    }

    @Test
    void aPollLargerThanTheBudgetFailsClearly() {
        try (OpenClVoteTally tiny = new OpenClVoteTally(context, 64)) {
            GpuException thrown = assertThrows(GpuException.class,
                    () -> tiny.tally(new byte[100], 1, 100, 2, new int[2]));
            assertTrue(thrown.getMessage().startsWith("one item needs 108 bytes of device memory"), thrown.getMessage());
        }
    }
}
