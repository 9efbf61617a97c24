package lux.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import lux.consensus.ChainEntry.Outcome;
import lux.consensus.ChainEntry.Status;
import lux.consensus.network.Network;
import lux.consensus.store.ChainStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Chain}'s decisions on their way from the engine thread to its users. The engine collects the local
 * node's decisions during a step ({@link #decided}) and hands them on at the step's end ({@link #commitStep}):
 * with certificates on, a certifying thread certifies each step's finalized blocks and then writes the step, in
 * order, while the engine goes on polling (a validator's consensus never waits on signature rounds, which over a
 * network wait on the other validators' consensus); otherwise the engine writes the step at once. Writing asks a
 * {@link GroupSync} for a sync and does not wait for the disk; {@link #publishSyncedSteps} announces the steps a
 * sync has made durable: block statuses and counters, then listeners and the preference, then the callers'
 * futures.
 *
 * <p>The counters are guarded by the chain's lock (shared with the chain's lifecycle and with certificate
 * attachment); {@link #stats()} and {@link #preference()} may be read from any thread.
 */
final class DecisionPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionPipeline.class);

    /**
     * A step's decisions and the engine's state after it, waiting to be certified, written, and made durable by the
     * sync that lets them be announced.
     */
    private record Step(long number, List<Outcome> outcomes, StepCommits.EngineState after) {}

    /** Hands the certifying thread the end of the steps. */
    private static final Step NO_MORE_STEPS = new Step(-1, List.of(), null);

    private final ChainStore store;
    private final ChainBlocks blocks;
    private final Network network;
    /** Null when certificates are off (qRounds 0). */
    private final BlockCertification certification;
    private final ReentrantLock lock;
    /** Counters carried over from before a restart; the network's own counters start at zero. */
    private final Statistics restored;
    /** Blocks taken in so far (the admission's count, read at any time). */
    private final LongSupplier blocksProcessed;
    /** The engine's state at the end of a step (engine thread). */
    private final Supplier<StepCommits.EngineState> engineState;
    /** Stops the chain, naming the failure to waiting callers; and stops it after an {@link Error}. */
    private final Consumer<RuntimeException> fail;
    private final Runnable stop;
    private final Runnable wakeEngine;

    private final List<Consumer<Block>> finalizedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Block>> rejectedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Id>> preferenceListeners = new CopyOnWriteArrayList<>();
    /** Decisions the local node made during the current engine step (engine thread only). */
    private final List<Outcome> outcomes = new ArrayList<>();
    /** Steps made and not yet announced, oldest first (engine thread; peeked under the lock). */
    private final ConcurrentLinkedQueue<Step> unannounced = new ConcurrentLinkedQueue<>();
    private long stepsMade; // engine thread
    /** Steps whose finalized blocks wait for their certificates, oldest first. */
    private final LinkedBlockingQueue<Step> toCertify = new LinkedBlockingQueue<>();
    private Thread certifyThread;
    /** Turns written steps into store commits, counting every decision written (the thread that writes steps). */
    private final StepCommits commits;
    /** Syncs the store's log in the background; decisions are announced once a sync covers them. */
    private final GroupSync sync;

    private volatile Id preference;
    /** The counters as last published; {@link #stats()} brings admissions since then in. */
    private final AtomicReference<Statistics> stats = new AtomicReference<>(Statistics.EMPTY);
    // Counters, guarded by lock. The network's own counters are copied here as steps are announced.
    private long finalizedCount;
    private long rejectedCount;
    private long finalizedHeight;
    private long localPolls;
    private long localFailedPolls;
    private long localVotes;
    private long networkVotes;
    private long certifiedCount;
    private long uncertifiedCount;

    /**
     * A pipeline that starts from the counters and preference a restart carried over ({@link Statistics#EMPTY}
     * and genesis for a new chain).
     */
    DecisionPipeline(ChainStore store, ChainBlocks blocks, Network network, BlockCertification certification,
            ReentrantLock lock, Statistics restored, Id restoredPreference, LongSupplier blocksProcessed,
            Supplier<StepCommits.EngineState> engineState, Consumer<RuntimeException> fail, Runnable stop,
            Runnable wakeEngine) {
        this.store = store;
        this.blocks = blocks;
        this.network = network;
        this.certification = certification;
        this.lock = lock;
        this.restored = restored;
        this.blocksProcessed = blocksProcessed;
        this.engineState = engineState;
        this.fail = fail;
        this.stop = stop;
        this.wakeEngine = wakeEngine;
        this.preference = restoredPreference;
        finalizedCount = restored.finalized();
        rejectedCount = restored.rejected();
        finalizedHeight = restored.finalizedHeight();
        certifiedCount = restored.certified();
        uncertifiedCount = restored.uncertified();
        localPolls = restored.pollsCompleted();
        localFailedPolls = restored.failedPolls();
        localVotes = restored.votesProcessed();
        networkVotes = restored.networkVotes();
        this.sync = new GroupSync(store, wakeEngine);
        this.commits = new StepCommits(certification != null, finalizedCount, rejectedCount, finalizedHeight, certifiedCount,
                uncertifiedCount);
        publishStats();
    }

    /** Starts the sync thread and, with certificates on, the certifying thread. */
    void start() {
        sync.start();
        if (certification != null) {
            certifyThread = Thread.ofPlatform().name("lux-chain-certify").daemon(true).start(this::runCertification);
        }
    }

    /**
     * Stopping, after the engine thread has ended: stops a certifying thread the engine did not hand the end of
     * its steps (it failed), and the sync thread.
     */
    void close() {
        Thread certifying = certifyThread;
        if (certifying != null && certifying != Thread.currentThread() && certifying.isAlive()) {
            certifying.interrupt();
            try {
                certifying.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sync.close();
    }

    void onFinalized(Consumer<Block> listener) {
        finalizedListeners.add(listener);
    }

    void onRejected(Consumer<Block> listener) {
        rejectedListeners.add(listener);
    }

    void onPreferenceChanged(Consumer<Id> listener) {
        preferenceListeners.add(listener);
    }

    /** The local node's preferred tip as last announced. */
    Id preference() {
        return preference;
    }

    /** A consistent snapshot of the counters. */
    Statistics stats() {
        Statistics published = stats.get();
        long taken = blocksProcessed.getAsLong(); // read second: never behind the blocks the snapshot has seen decided
        if (published.blocksProcessed() == taken) {
            return published;
        }
        Statistics now = new Statistics(taken, published.votesProcessed(), published.pollsCompleted(), published.failedPolls(),
                published.finalized(), published.rejected(), taken - published.finalized() - published.rejected(),
                published.finalizedHeight(), published.networkVotes(), published.certified(), published.uncertified());
        stats.compareAndSet(published, now); // kept for the next reader, unless a step was announced meanwhile
        return now;
    }

    /** The local node decided a block during the current step (engine thread). */
    void decided(Outcome outcome) {
        outcomes.add(outcome);
    }

    /**
     * Ends the engine's step: hands its decisions on, to the certifying thread (which certifies the finalized blocks
     * and then writes the step) or, with certificates off, to the store now. Writing does not wait for the disk: it
     * asks for a sync, and the decisions are announced by {@link #publishSyncedSteps} once durable.
     *
     * @return whether the step decided anything
     */
    boolean commitStep() {
        if (outcomes.isEmpty()) {
            return false;
        }
        Step step = new Step(++stepsMade, List.copyOf(outcomes), engineState.get());
        outcomes.clear();
        unannounced.add(step);
        if (certification == null) {
            write(step);
        } else {
            toCertify.add(step);
        }
        return true;
    }

    /** Whether a written step has been synced and waits to be announced, or the sync failed (engine thread). */
    boolean syncedStepWaiting() {
        Step first = unannounced.peek();
        return first != null && first.number <= sync.synced() || sync.failure() != null;
    }

    /** Announces every written step that a sync has made durable; returns whether any was. */
    boolean publishSyncedSteps() {
        if (sync.failure() != null) {
            throw sync.failure();
        }
        return publishSteps(sync.synced());
    }

    /**
     * Stopping (engine thread): lets the certifying thread finish the steps it holds.
     *
     * @return whether it finished (false if this thread was interrupted); a certifying thread that failed has
     *     reported the failure, which the chain checks after this
     */
    boolean finishCertification() {
        if (certifyThread == null) {
            return true;
        }
        toCertify.add(NO_MORE_STEPS);
        try {
            certifyThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** Stopping, every step written (engine thread): syncs the store and announces them all. */
    void publishAll() {
        store.sync();
        publishSteps(Long.MAX_VALUE);
    }

    /** Writes a step's decisions (and certificates) to the store and asks for a sync. */
    private void write(Step step) {
        store.commit(commits.of(step.outcomes, step.after));
        sync.request(step.number);
    }

    /** The certifying thread: certifies and writes each step in order, until the engine hands it {@link #NO_MORE_STEPS}. */
    private void runCertification() {
        try {
            while (true) {
                Step step = toCertify.take();
                if (step == NO_MORE_STEPS) {
                    return;
                }
                certification.certify(step.outcomes.stream().filter(o -> o.decision() == Decision.FINALIZED).map(Outcome::entry).toList());
                write(step);
                wakeEngine.run(); // a store that needs no sync made the step announceable already
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail.accept(e);
        } catch (Error e) {
            LOG.error("certification failed; the chain stops", e);
            stop.run();
            throw e;
        }
    }

    /**
     * Applies the decisions of the written steps up to {@code upTo}, in order, then notifies listeners and
     * completes futures; updates the counters and the preference either way.
     */
    private boolean publishSteps(long upTo) {
        List<Outcome> decided = new ArrayList<>();
        while (!unannounced.isEmpty() && unannounced.peek().number <= upTo) {
            decided.addAll(unannounced.poll().outcomes);
        }
        lock.lock();
        try {
            for (Outcome o : decided) {
                if (o.decision() == Decision.FINALIZED) {
                    o.entry().status = Status.FINALIZED;
                    finalizedCount++;
                    finalizedHeight = Math.max(finalizedHeight, o.entry().height);
                    if (certification != null) {
                        if (o.entry().block.certs() != null) {
                            certifiedCount++;
                        } else {
                            uncertifiedCount++;
                        }
                    }
                } else {
                    o.entry().status = Status.REJECTED;
                    rejectedCount++;
                }
            }
            localPolls = restored.pollsCompleted() + network.localPolls();
            localFailedPolls = restored.failedPolls() + network.localFailedPolls();
            localVotes = restored.votesProcessed() + network.localVotes();
            networkVotes = restored.networkVotes() + network.networkVotes();
            publishStats();
        } finally {
            lock.unlock();
        }
        blocks.decided(decided);
        Id tip = network.localNode().preference();
        boolean preferenceChanged = !tip.equals(preference);
        preference = tip;
        for (Outcome o : decided) {
            notify(o.decision() == Decision.FINALIZED ? finalizedListeners : rejectedListeners, o.entry().block);
        }
        if (preferenceChanged) {
            notify(preferenceListeners, tip);
        }
        // Futures last: when add() returns, the decision, the statistics and the callbacks have all happened.
        for (Outcome o : decided) {
            o.entry().future.complete(o.decision());
        }
        return !decided.isEmpty();
    }

    private void publishStats() {
        long processed = blocksProcessed.getAsLong();
        stats.set(new Statistics(processed, localVotes, localPolls, localFailedPolls, finalizedCount, rejectedCount,
                processed - finalizedCount - rejectedCount, finalizedHeight, networkVotes, certifiedCount, uncertifiedCount));
    }

    private static <T> void notify(List<Consumer<T>> listeners, T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("a chain listener threw; continuing", e);
            }
        }
    }
}
