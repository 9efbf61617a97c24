package lux.consensus.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The rule that splits batches to fit device memory; a pure function, so it runs without a device. */
class DeviceMemoryTest {

    @Test
    void theBudgetBoundsAllBuffersTogether() {
        // 9 + 8 + 3 = 20 bytes per item, budget 1000: 50 items.
        assertEquals(50, OpenClContext.itemsThatFit(1 << 20, 1000, 9, 8, 3));
    }

    @Test
    void theLargestBufferBoundsEachBuffer() {
        // Budget is ample, but 8-byte items fill a 4000-byte buffer at 500.
        assertEquals(500, OpenClContext.itemsThatFit(4000, 1 << 30, 8, 1));
    }

    @Test
    void noneFitIsZero() {
        assertEquals(0, OpenClContext.itemsThatFit(4000, 10, 8, 8));
        assertEquals(0, OpenClContext.itemsThatFit(4, 1000, 8));
    }

    @Test
    void buffersThatDoNotGrowAreFree() {
        assertEquals(Long.MAX_VALUE, OpenClContext.itemsThatFit(4000, 10, 0, 0));
        assertEquals(10, OpenClContext.itemsThatFit(4000, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> OpenClContext.itemsThatFit(4000, 10, -1));
    }
}
