package lux.consensus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Decision;
import lux.consensus.Id;
import lux.consensus.kernels.Kernels;

/**
 * The main job's workload: blocks added in batches with {@link Chain#addBatch}, each batch a chain on
 * the current tip, every {@code conflictEvery}-th block getting a conflicting sibling (same parent and
 * height), so that consensus must resolve forks. Measures finality latency from the moment a batch is
 * handed over to the moment each block is decided.
 */
final class RunWorkload {
    private final Chain chain;
    private final int blocks;
    private final int batch;
    private final int conflictEvery;
    private final SplittableRandom random;
    private final Map<Id, Long> addedAt = new ConcurrentHashMap<>();
    private final LatencyRecorder latencies;

    RunWorkload(Chain chain, int blocks, int batch, int conflictEvery, long seed) {
        if (blocks < 1 || batch < 1 || conflictEvery < 0) {
            throw new IllegalArgumentException("need blocks >= 1, batch >= 1, conflictEvery >= 0; got blocks=" + blocks
                    + " batch=" + batch + " conflictEvery=" + conflictEvery);
        }
        this.chain = chain;
        this.blocks = blocks;
        this.batch = batch;
        this.conflictEvery = conflictEvery;
        this.random = new SplittableRandom(seed ^ 0x424C_4F43_4B53L);
        this.latencies = new LatencyRecorder(blocks);
    }

    /** Adds every block, reporting a progress line after each batch; returns the summary. */
    RunReport run(Consumer<String> progress) {
        chain.onFinalized(b -> latencies.record(System.nanoTime() - addedAt.remove(b.id())));
        chain.onRejected(b -> addedAt.remove(b.id()));
        long start = System.nanoTime();
        int added = 0;
        int counter = 0;
        while (added < blocks) {
            List<Block> next = nextBatch(Math.min(batch, blocks - added), counter);
            counter += next.size();
            long now = System.nanoTime();
            for (Block b : next) {
                addedAt.put(b.id(), now);
            }
            List<Decision> decisions = chain.addBatch(next);
            added += decisions.size();
            progress.accept(progressLine(added, start));
        }
        long elapsed = System.nanoTime() - start;
        var stats = chain.stats();
        return new RunReport(added, stats.finalized(), stats.rejected(), stats.pending(), latencies.percentile(50),
                latencies.percentile(99), elapsed, stats.votesProcessed(), stats.networkVotes(), stats.pollsCompleted(),
                stats.finalizedHeight(), stats.certified(), stats.uncertified(), Kernels.voteTally().name(),
                Kernels.voteTally().vectorBits());
    }

    /**
     * A chain of blocks on the current tip. Every {@code conflictEvery}-th block gets a rival sibling, gossiped
     * right after the block's own child, as a late conflicting proposal would be: the network has usually
     * settled on the first sibling by then, but consensus decides.
     */
    private List<Block> nextBatch(int size, int counter) {
        List<Block> out = new ArrayList<>(size);
        Id parent = chain.preference();
        long height = chain.getBlock(parent).map(Block::height).orElse(0L);
        Block rival = null;
        while (out.size() < size) {
            counter++;
            Block b = new Block(randomId(), parent, height + 1, payload(counter));
            out.add(b);
            if (rival != null && out.size() < size) {
                out.add(rival);
                rival = null;
            }
            if (conflictEvery > 0 && counter % conflictEvery == 0) {
                rival = new Block(randomId(), parent, height + 1, payload(-counter));
            }
            parent = b.id();
            height++;
        }
        return out;
    }

    private Id randomId() {
        byte[] bytes = new byte[Id.LENGTH];
        for (int i = 0; i < bytes.length; i += Long.BYTES) {
            long r = random.nextLong();
            for (int j = 0; j < Long.BYTES; j++) {
                bytes[i + j] = (byte) (r >>> (8 * j));
            }
        }
        return Id.of(bytes);
    }

    private static byte[] payload(int counter) {
        return ("block " + counter).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String progressLine(int added, long start) {
        var s = chain.stats();
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("  %,d/%,d blocks | finalized %,d | rejected %,d | height %,d | %,.0f blocks/s   ",
                added, blocks, s.finalized(), s.rejected(), s.finalizedHeight(), added / seconds);
    }
}
