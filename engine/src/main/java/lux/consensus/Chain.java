package lux.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import lux.consensus.ChainEntry.Outcome;
import lux.consensus.ChainEntry.Status;
import lux.consensus.cert.Certifier;
import lux.consensus.kernels.Kernels;
import lux.consensus.network.Network;
import lux.consensus.network.NewBlock;
import lux.consensus.snow.Snowman;
import lux.consensus.store.BlockStatus;
import lux.consensus.store.ChainState;
import lux.consensus.store.ChainStore;
import lux.consensus.store.ChainStoreException;
import lux.consensus.store.MemoryChainStore;
import lux.consensus.store.RocksDbChainStore;
import lux.consensus.store.StoredBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blockchain decided by Snowman consensus over an embedded, in-process validator network (or another
 * {@link Network}).
 *
 * <p>Lifecycle: {@code new Chain(config)}, {@link #start()}, then add blocks; {@link #stop()} (or
 * {@link #close()}) ends it for good. Blocks must be added parent first; each is validated when added
 * (id, known parent, height = parent height + 1, not a duplicate, parent not rejected) and a bad block
 * is refused with an exception that leaves the chain unchanged. Consensus runs on one engine thread that
 * polls the validators in rounds, tallies each round's votes with the vote-tally kernel, and decides
 * blocks; callbacks run on that thread, in decision order (a block is finalized after its parent).
 *
 * <p><b>Thread safety:</b> every method may be called from any number of threads at once. Reads
 * ({@link #preference()}, {@link #isFinalized}, {@link #getBlock}, {@link #getChildren}, {@link #stats()})
 * never block and always see a consistent state. Do not call the blocking {@link #add} from a callback
 * (it would wait on the thread that decides); use {@link #addAsync} there.
 */
public final class Chain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Chain.class);
    /** Pause after a round in which no poll succeeded anywhere, so a stalled network does not spin a core. */
    private static final long STALL_BACKOFF_NANOS = 1_000_000;

    private enum State { NEW, RUNNING, STOPPED }

    private final Config config;
    private final ChainStore store;
    /** Counters carried over from before a restart; the network's own counters start at zero. */
    private final Statistics restored;
    private volatile RuntimeException failure;
    private final Network network;
    /** Null when certificates are off (qRounds 0). */
    private final BlockCertification certification;
    private final ChainBlocks blocks;
    /** Takes blocks in from callers and hands them to the engine; its lock is taken before {@link #lock}, never after. */
    private final ChainAdmission admission;
    /** What the admission checks first, under its lock (the chain takes no blocks unless running). */
    private final Runnable requireRunningToAdd = () -> requireRunning("add a block");
    private final Runnable requireRunningToAddBatch = () -> requireRunning("add a batch");
    /**
     * Guards the lifecycle state, the decision counters and certificate attachment (the decisions' pipeline and
     * the certification share it).
     */
    private final ReentrantLock lock = new ReentrantLock();
    /** Admissions numbered below this were stored before a restart (the engine does not write them again). */
    private final long firstNewSeq;
    /** Whether the engine thread is parked, or about to park, waiting for work (see {@link #wakeEngine}). */
    private volatile boolean engineParked;
    /** The decisions' way out: certified, written, synced, then announced with the counters and the preference. */
    private final DecisionPipeline decisions;

    private volatile State state = State.NEW;
    private Thread engineThread;
    /** Notices when pending blocks wait too long with nothing decided (engine thread). */
    private final StallDetector stall;
    private volatile String stallReport;

    /**
     * A chain over the embedded network that {@code config} describes. Nothing runs until {@link #start()}.
     * With {@link Config#dataDir()} set, the chain resumes from what that directory holds: finalized blocks,
     * certificates, statistics and preference come back, and blocks admitted but not yet decided are decided
     * once the chain starts.
     *
     * @throws NullPointerException if {@code config} is null
     * @throws IllegalArgumentException if the data directory belongs to another chain id or validator set, or
     *     was written in an unknown format (nothing on disk is changed)
     * @throws ChainStoreException if the data directory cannot be opened: in use by another chain, or damaged
     */
    public Chain(Config config) {
        this(config, Network.EMBEDDED);
    }

    /**
     * A chain whose polls go to {@code network}'s validators instead of the embedded ones (validators in other
     * processes, for example); otherwise as {@link #Chain(Config)}. The chain closes the network when it stops.
     *
     * @throws NullPointerException if an argument is null
     */
    public Chain(Config config, Network.Factory network) {
        this(config, openStore(Objects.requireNonNull(config, "config must not be null")),
                Objects.requireNonNull(network, "network must not be null"));
    }

    /** A chain over a given store (tests inject failing ones). The chain owns and closes it. */
    Chain(Config config, ChainStore store) {
        this(config, store, Network.EMBEDDED);
    }

    private Chain(Config config, ChainStore store, Network.Factory networkFactory) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.store = store;
        this.blocks = new ChainBlocks(store, config.memoryWindow());
        ChainEntry genesis = new ChainEntry(Id.GENESIS, null, 0, Status.FINALIZED, -1);
        blocks.put(genesis);
        this.admission = new ChainAdmission(store, blocks, genesis, this::admissible);
        ChainState state;
        try {
            state = store.open(StoreRecords.identity(config)).orElse(null);
            if (state != null) {
                resume(state);
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.restored = state != null ? state.statistics() : Statistics.EMPTY;
        this.firstNewSeq = state != null ? state.nextSeq() : 0;
        Id lastAcceptedId = state != null ? state.lastAcceptedId() : Id.GENESIS;
        long lastAcceptedHeight = state != null ? state.lastAcceptedHeight() : 0;
        try {
            this.network = networkFactory.create(config, Kernels.voteTally(), new LocalDecisions(), lastAcceptedId, lastAcceptedHeight);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.certification = network.validatorSet() == null ? null
                : new BlockCertification(new Certifier(network.validatorSet()), network, config, lock);
        this.stall = new StallDetector(config, network);
        this.decisions = new DecisionPipeline(store, blocks, network, certification, lock, restored,
                state != null ? state.preference() : Id.GENESIS, admission::blocksProcessed, this::engineState, this::fail,
                this::stop, this::wakeEngine);
    }

    /**
     * Wakes the engine thread if it waits for work; call after making work visible (a volatile write). The engine
     * sets {@link #engineParked} before its last look for work and this reads it after the write, so one of the
     * two sees the other's (volatile accesses are sequentially consistent): a wake-up is never lost, and a busy
     * engine costs the caller no system call.
     */
    private void wakeEngine() {
        if (engineParked) {
            LockSupport.unpark(engineThread);
        }
    }

    private static ChainStore openStore(Config config) {
        return config.dataDir() == null ? new MemoryChainStore()
                : RocksDbChainStore.open(config.dataDir(), StoreRecords.identity(config));
    }

    /** Takes up a stored state: the last accepted block, the pending blocks (to be decided again), the numbering. */
    private void resume(ChainState state) {
        blocks.resumed();
        if (!state.lastAcceptedId().equals(Id.GENESIS)) {
            StoredBlock last = store.block(state.lastAcceptedId()).orElseThrow(() -> new ChainStoreException(
                    "the last accepted block " + state.lastAcceptedId() + " is missing from the store"));
            ChainEntry e = new ChainEntry(last.id(), StoreRecords.block(last, store), last.height(), Status.FINALIZED, -1);
            e.children = store.children(e.id);
            blocks.put(e);
            admission.resumeLastAccepted(e);
        }
        blocks.resident(Id.GENESIS).children = store.children(Id.GENESIS);
        for (StoredBlock b : state.pending()) {
            ChainEntry e = new ChainEntry(b.id(), StoreRecords.block(b, store), b.height(), Status.PENDING, b.seq());
            e.children = store.children(e.id);
            admission.resumePending(e);
        }
        Statistics s = state.statistics();
        admission.resumeCounters(state.nextSeq(), s.finalized() + s.rejected() + state.pending().size());
    }

    public Config config() {
        return config;
    }

    /**
     * Starts the engine thread.
     *
     * @throws IllegalStateException if the chain was already started or has been stopped
     */
    public void start() {
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("cannot start: chain is " + state
                        + (state == State.STOPPED ? " (a stopped chain cannot restart; create a new Chain)" : ""));
            }
            state = State.RUNNING;
            engineThread = Thread.ofPlatform().name("lux-chain-engine").daemon(true).unstarted(this::runEngine);
            decisions.start();
            engineThread.start();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the engine for good. Blocks not yet decided stay pending; their futures complete exceptionally
     * with an {@link IllegalStateException}. Idempotent.
     */
    public void stop() {
        if (!admission.exclusively(this::markStopped)) { // no admission is half done when the chain stops
            return; // stopped before
        }
        Thread engine = engineThread; // written under the lock that markStopped took
        wakeEngine();
        if (engine != null && engine != Thread.currentThread()) {
            try {
                engine.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        decisions.close();
        network.close();
        RuntimeException cause = failure;
        for (ChainEntry e : blocks.resident()) {
            if (e.status == Status.PENDING) {
                e.future.completeExceptionally(new IllegalStateException("chain stopped before block " + e.id + " (height "
                        + e.height + ") was decided" + (cause != null ? ": " + cause.getMessage() : ""), cause));
            }
        }
        store.close();
    }

    /** Moves to STOPPED; false if the chain had stopped already. */
    private boolean markStopped() {
        lock.lock();
        try {
            if (state == State.STOPPED) {
                return false;
            }
            state = State.STOPPED;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the chain after its store failed; the failure is named to every waiting caller. */
    private void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        LOG.error("the chain stops: {}", e.getMessage(), e);
        stop();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Adds a block and waits until consensus decides it.
     *
     * @return {@link Decision#FINALIZED} or {@link Decision#REJECTED}
     * @throws NullPointerException if {@code block} is null
     * @throws IllegalArgumentException if the block is invalid here (see {@link #addAsync})
     * @throws IllegalStateException if the chain is not running, stops before deciding, or this is called
     *     from a callback on the engine thread
     */
    public Decision add(Block block) {
        if (Thread.currentThread() == engineThread) {
            throw new IllegalStateException("add() would wait on the engine thread that decides it; use addAsync() in callbacks");
        }
        return await(addAsync(block));
    }

    /**
     * Adds a block without waiting. The block is validated now; the future completes when it is decided.
     * Completing or cancelling the returned future yourself changes only what that future reports, never the
     * chain's decision.
     *
     * @throws NullPointerException if {@code block} is null
     * @throws IllegalArgumentException if the block's id is already known, its parent is unknown or was
     *     rejected, or its height is not its parent's height + 1; the chain is then unchanged
     * @throws IllegalStateException if the chain is not running
     */
    public CompletableFuture<Decision> addAsync(Block block) {
        Objects.requireNonNull(block, "block must not be null");
        ChainEntry entry;
        try {
            entry = admission.admit(block, requireRunningToAdd);
        } catch (ChainStoreException e) {
            fail(e);
            throw e;
        }
        wakeEngine();
        return entry.future;
    }

    /**
     * Adds blocks (a block may have its parent earlier in the same list) and waits until all are decided.
     * The whole batch is validated first: if any block is invalid, none is added.
     *
     * @return the decisions, in the order of {@code blocks}
     * @throws NullPointerException if {@code blocks} or one of its elements is null
     * @throws IllegalArgumentException naming the first invalid block and its index; nothing is added
     * @throws IllegalStateException as for {@link #add}
     */
    public List<Decision> addBatch(List<Block> blocks) {
        Objects.requireNonNull(blocks, "blocks must not be null");
        if (Thread.currentThread() == engineThread) {
            throw new IllegalStateException("addBatch() would wait on the engine thread that decides it; use addAsync() in callbacks");
        }
        List<ChainEntry> entries;
        try {
            entries = admission.admitBatch(blocks, requireRunningToAddBatch);
        } catch (ChainStoreException e) {
            fail(e);
            throw e;
        }
        wakeEngine();
        List<Decision> decisions = new ArrayList<>(entries.size());
        for (ChainEntry e : entries) {
            decisions.add(await(e.future));
        }
        return decisions;
    }

    /** The tip of the local node's preferred chain; {@link Id#GENESIS} before any block is added. */
    public Id preference() {
        return decisions.preference();
    }

    /** Whether the block with this id was finalized (genesis is). */
    public boolean isFinalized(Id id) {
        return blocks.status(Objects.requireNonNull(id, "id must not be null")) == Status.FINALIZED;
    }

    /** Whether the block with this id was rejected. */
    public boolean isRejected(Id id) {
        return blocks.status(Objects.requireNonNull(id, "id must not be null")) == Status.REJECTED;
    }

    /** The block with this id, as taken in (with its timestamp); empty for unknown ids and for genesis. */
    public Optional<Block> getBlock(Id id) {
        ChainEntry e = blocks.lookup(Objects.requireNonNull(id, "id must not be null"));
        return e == null ? Optional.empty() : Optional.ofNullable(e.block);
    }

    /** Ids of the blocks added with this parent, in the order they were added (whatever their status). */
    public List<Id> getChildren(Id id) {
        return blocks.children(Objects.requireNonNull(id, "id must not be null"));
    }

    /** A consistent snapshot of the counters. */
    public Statistics stats() {
        return decisions.stats();
    }

    /**
     * Why nothing is being decided, when blocks have been pending for longer than
     * {@link Config#stallWarningAfter()} without a single decision: how many polls reached alphaConf since
     * the last decision, the thresholds, and what the configured silent and Byzantine fractions allow (see
     * {@link Liveness}). Empty while decisions are being made, or nothing is pending. The chain logs the
     * same text once per stall, as a WARN.
     */
    public Optional<String> stallReport() {
        return Optional.ofNullable(stallReport);
    }

    /** Calls {@code listener} with each block when it is finalized, on the engine thread. */
    public void onFinalized(Consumer<Block> listener) {
        decisions.onFinalized(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** Calls {@code listener} with each block when it is rejected, on the engine thread. */
    public void onRejected(Consumer<Block> listener) {
        decisions.onRejected(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** Calls {@code listener} with the new preferred tip whenever it changes, on the engine thread. */
    public void onPreferenceChanged(Consumer<Id> listener) {
        decisions.onPreferenceChanged(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /**
     * The validator set whose keys sign this chain's certificates, with its canonical encoding for offline
     * verification.
     *
     * @throws IllegalStateException when certificates are off (qRounds 0)
     */
    public ValidatorSet validatorSet() {
        if (certification == null) {
            throw new IllegalStateException("certificates are off (qRounds 0): this chain has no validator keys");
        }
        return certification.validatorSet();
    }

    /**
     * Whether the block was finalized and carries a certificate: consensus finality plus a quorum of valid
     * BLS and ML-DSA signatures. A finalized block without one lacks quantum finality.
     */
    public boolean hasQuantumFinality(Id id) {
        return blocks.hasCertificate(Objects.requireNonNull(id, "id must not be null"));
    }

    /**
     * Verifies a block's certificate against this chain's validator set: it must exist, name this block (id
     * and height), and pass {@link CertBundle#verify}.
     */
    public boolean verify(Block block) {
        Objects.requireNonNull(block, "block must not be null");
        CertBundle c = block.certs();
        return c != null && c.names(block.id(), block.height()) && c.verify(validatorSet());
    }

    /**
     * Verifies many blocks' certificates at once (what a node ingesting a chain of certified blocks needs):
     * each distinct certificate once, the BLS aggregates of all of them in one random-scalar batch, and every
     * ML-DSA signature in one batch call.
     *
     * @return per block, whether its certificate exists, names it and verifies
     */
    public boolean[] verifyCertificates(List<Block> blocks) {
        Objects.requireNonNull(blocks, "blocks must not be null");
        return CertBundle.verifyBlocks(blocks, validatorSet());
    }

    /** The validator network (for simulations and diagnostics; driven by the engine thread). */
    Network network() {
        return network;
    }

    private void requireRunning(String action) {
        if (state != State.RUNNING) {
            throw new IllegalStateException("cannot " + action + ": chain is " + state
                    + (state == State.NEW ? " (call start() first)" : " (stopped chains take no blocks)"));
        }
    }

    private static Decision await(CompletableFuture<Decision> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    // ---- the engine thread ----

    private void runEngine() {
        List<ChainEntry> batch = new ArrayList<>(config.batchSize());
        try {
            while (true) {
                batch.clear();
                awaitWork();
                if (state != State.RUNNING) {
                    break;
                }
                for (ChainEntry e; batch.size() < config.batchSize() && (e = admission.poll()) != null; ) {
                    batch.add(e);
                }
                if (!batch.isEmpty()) {
                    if (admission.engineWritesStore()) {
                        storeAdmitted(batch);
                    }
                    if (!network.hasUndecided()) {
                        stall.waitingFromNow(); // blocks start waiting now, not when the last ones were decided
                    }
                    network.deliver(toNewBlocks(batch));
                }
                boolean progress = network.hasUndecided() && network.round();
                boolean committed = decisions.commitStep();
                boolean decided = decisions.publishSyncedSteps();
                checkStall(decided || committed);
                if (!progress && !decided && !committed && batch.isEmpty()) {
                    LockSupport.parkNanos(STALL_BACKOFF_NANOS);
                }
            }
            // Stopping: what was decided is announced once written and durable (and not after a failure, which the
            // certifying thread may report while it finishes).
            if (failure == null && decisions.finishCertification() && failure == null) {
                decisions.publishAll();
            }
        } catch (RuntimeException e) {
            fail(e);
        } catch (Error e) {
            LOG.error("consensus engine failed; the chain stops", e);
            stop();
            throw e;
        }
    }

    /** Parks the engine thread until there is work: blocks taken in or undecided, a synced step to announce, a stop. */
    private void awaitWork() {
        while (state == State.RUNNING && nothingToDo()) {
            engineParked = true;
            if (state == State.RUNNING && nothingToDo()) {
                LockSupport.park(this);
                Thread.interrupted(); // the engine ends through stop(), not through interrupts
            }
            engineParked = false;
        }
    }

    private boolean nothingToDo() {
        return admission.drained() && !network.hasUndecided() && !decisions.syncedStepWaiting();
    }

    /** Writes blocks the engine takes in to a store that does not survive the process, before they can be decided. */
    private void storeAdmitted(List<ChainEntry> batch) {
        List<StoredBlock> records = new ArrayList<>(batch.size());
        for (ChainEntry e : batch) {
            if (e.seq >= firstNewSeq) {
                records.add(StoreRecords.record(e.block, BlockStatus.PENDING, e.seq, null));
            }
        }
        store.admit(records);
    }

    private void checkStall(boolean decided) {
        String report = decided ? stall.decided() : stall.check(stats().pending());
        if (report != null && stallReport == null) {
            LOG.warn("{}", report);
        }
        stallReport = report;
    }

    private static List<NewBlock> toNewBlocks(List<ChainEntry> batch) {
        List<NewBlock> blocks = new ArrayList<>(batch.size());
        for (ChainEntry e : batch) {
            blocks.add(new NewBlock(e.id, e.block.parentId(), e.height));
        }
        return blocks;
    }

    /** The engine's state at the end of a step, as a step's commit records it (engine thread). */
    private StepCommits.EngineState engineState() {
        long processed = admission.blocksProcessed();
        Snowman local = network.localNode();
        return new StepCommits.EngineState(local.lastAcceptedId(), local.lastAcceptedHeight(), local.preference(), processed,
                restored.votesProcessed() + network.localVotes(), restored.pollsCompleted() + network.localPolls(),
                restored.failedPolls() + network.localFailedPolls(), restored.networkVotes() + network.networkVotes());
    }

    /** The block as this chain takes it in: with certificates off, a certificate it came with is dropped unchecked. */
    private Block admissible(Block block) {
        return certification == null && block.certs() != null ? block.withCerts(null) : block;
    }

    /** Receives the local node's decisions during a step (engine thread). */
    private final class LocalDecisions implements Snowman.Listener {
        @Override
        public void accepted(Id id, long height) {
            decisions.decided(new Outcome(blocks.resident(id), Decision.FINALIZED));
        }

        @Override
        public void rejected(Id id, long height) {
            decisions.decided(new Outcome(blocks.resident(id), Decision.REJECTED));
        }
    }
}
