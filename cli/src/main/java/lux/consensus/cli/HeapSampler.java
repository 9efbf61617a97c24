package lux.consensus.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after a full collection, sampled as a run goes, to tell whether the heap grows with the chain:
 * the slope between the first and the last sample is the heap cost of each finalized block.
 */
final class HeapSampler {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long firstBlocks = -1;
    private long firstBytes;
    private long lastBlocks;
    private long lastBytes;

    /** Samples the heap after a full collection, at {@code finalized} blocks. */
    void sample(long finalized) {
        System.gc();
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        if (firstBlocks < 0) {
            firstBlocks = finalized;
            firstBytes = used;
        }
        lastBlocks = finalized;
        lastBytes = used;
    }

    /** One summary line: the heap in use at the end and the bytes per finalized block between the samples. */
    String describe() {
        if (firstBlocks < 0 || lastBlocks == firstBlocks) {
            return "heap        too few samples";
        }
        double perBlock = (double) (lastBytes - firstBytes) / (lastBlocks - firstBlocks);
        return String.format("heap        %,.1f MB in use after a full GC at %,d finalized blocks; %,.1f bytes per finalized block"
                + " between %,d and %,d finalized blocks", lastBytes / 1e6, lastBlocks, perBlock, firstBlocks, lastBlocks);
    }
}
