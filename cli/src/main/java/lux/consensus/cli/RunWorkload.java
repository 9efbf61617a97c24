package lux.consensus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Decision;
import lux.consensus.Id;
import lux.consensus.Statistics;
import lux.consensus.kernels.Kernels;

/**
 * The main job's workload: blocks added in batches with {@link Chain#addBatch}, each batch a chain on
 * the current tip, every {@code conflictEvery}-th block getting a conflicting sibling (same parent and
 * height), so that consensus must resolve forks. Measures finality latency from the moment a batch is
 * handed over to the moment each block is decided. Reports progress at least once a second, decided or
 * not, and gives up when nothing at all is decided for the stall timeout.
 */
final class RunWorkload {
    private static final long PROGRESS_EVERY_MILLIS = 1_000;

    /** Nothing was decided for the stall timeout; the message says why, in numbers. */
    static final class StalledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StalledException(String message) {
            super(message);
        }
    }

    private final Chain chain;
    private final int blocks;
    private final int batch;
    private final int conflictEvery;
    private final SplittableRandom random;
    private final Map<Id, Long> addedAt = new ConcurrentHashMap<>();
    private final LatencyRecorder latencies;
    private final long stallTimeoutNanos;
    /** Runs each blocking addBatch, so that the caller's thread can report progress and notice a stall. */
    private final java.util.concurrent.ExecutorService adder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lux-run-adder");
        t.setDaemon(true);
        return t;
    });
    /** The chain's counters before this run (not zero for a chain resumed from its data directory). */
    private final Statistics baseline;
    /** Samples the heap at every tenth of the run when asked to (null otherwise). */
    private HeapSampler heap;

    RunWorkload(Chain chain, int blocks, int batch, int conflictEvery, long seed, java.time.Duration stallTimeout) {
        if (blocks < 1 || batch < 1 || conflictEvery < 0 || !stallTimeout.isPositive()) {
            throw new IllegalArgumentException("need blocks >= 1, batch >= 1, conflictEvery >= 0, a positive stall timeout; got blocks="
                    + blocks + " batch=" + batch + " conflictEvery=" + conflictEvery + " stallTimeout=" + stallTimeout);
        }
        this.stallTimeoutNanos = stallTimeout.toNanos();
        this.baseline = chain.stats();
        this.chain = chain;
        this.blocks = blocks;
        this.batch = batch;
        this.conflictEvery = conflictEvery;
        // A chain resumed from its data directory continues with new ids: the start height is part of the seed.
        this.random = new SplittableRandom(seed ^ 0x424C_4F43_4B53L ^ (chain.stats().finalizedHeight() * 0x9E37_79B9_7F4A_7C15L));
        this.latencies = new LatencyRecorder();
    }

    /** Samples the heap after a full collection at every tenth of the run; the summary gives bytes per block. */
    RunWorkload sampleHeap() {
        this.heap = new HeapSampler();
        return this;
    }

    /** The heap line of the summary, or null when the heap was not sampled. */
    String heapSummary() {
        return heap == null ? null : heap.describe();
    }

    /**
     * Adds every block, reporting a progress line after each batch and every second while waiting; returns the
     * summary.
     *
     * @throws StalledException when nothing is decided for the stall timeout
     */
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
            // addBatch admits the batch at once (one store write) and waits; this thread watches it.
            CompletableFuture<List<Decision>> decisions = CompletableFuture.supplyAsync(() -> chain.addBatch(next), adder);
            int before = added;
            added += next.size();
            awaitDecisions(decisions, added, start, progress);
            progress.accept(progressLine(added, start));
            if (heap != null && (before == 0 || before * 10L / blocks != added * 10L / blocks)) {
                heap.sample(chain.stats().finalized());
            }
        }
        return report(System.nanoTime() - start);
    }

    /** The summary of this run as it stands, also after a stall (a chain resumed from its data directory counts only what this run did). */
    RunReport report(long elapsed) {
        Statistics s = chain.stats();
        Statistics b = baseline;
        return new RunReport(s.blocksProcessed() - b.blocksProcessed(), s.finalized() - b.finalized(), s.rejected() - b.rejected(),
                s.pending(), latencies.percentile(50), latencies.percentile(99), elapsed, s.votesProcessed() - b.votesProcessed(),
                s.networkVotes() - b.networkVotes(), s.pollsCompleted() - b.pollsCompleted(), s.finalizedHeight(),
                s.certified() - b.certified(), s.uncertified() - b.uncertified(), Kernels.voteTally().name(),
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

    /** Waits for a batch's decisions, showing progress each second; throws when the chain stalls. */
    private void awaitDecisions(CompletableFuture<?> all, int added, long start, Consumer<String> progress) {
        long decidedBefore = decidedCount();
        long lastDecision = System.nanoTime();
        while (true) {
            try {
                all.get(PROGRESS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                long decided = decidedCount();
                long now = System.nanoTime();
                if (decided != decidedBefore) {
                    decidedBefore = decided;
                    lastDecision = now;
                } else if (now - lastDecision >= stallTimeoutNanos) {
                    throw new StalledException(chain.stallReport().orElse(String.format(
                            "no block decided for %.0f s with %,d pending", (now - lastDecision) / 1e9, chain.stats().pending())));
                }
                progress.accept(progressLine(added, start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for decisions", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a block could not be decided: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private long decidedCount() {
        var s = chain.stats();
        return s.finalized() + s.rejected();
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
        return String.format("  %,d/%,d blocks | finalized %,d | rejected %,d | pending %,d | height %,d | %,.0f blocks/s"
                        + " | polls %,d, %.0f%% failed   ",
                added, blocks, s.finalized(), s.rejected(), s.pending(), s.finalizedHeight(), added / seconds,
                s.pollsCompleted(), s.pollsCompleted() == 0 ? 0.0 : 100.0 * s.failedPolls() / s.pollsCompleted());
    }
}
