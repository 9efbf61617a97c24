package lux.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import lux.consensus.ChainEntry.Status;
import lux.consensus.store.BlockStatus;
import lux.consensus.store.ChainStore;
import lux.consensus.store.StoredBlock;

/**
 * How blocks enter a {@link Chain}, on the callers' threads: each is validated against the chain and the blocks
 * before it in its batch, timestamped, written to a durable store before the call returns, numbered, entered
 * into the chain's blocks and handed to the engine thread through the {@link Inbox}.
 *
 * <p>One lock serializes admissions (the engine never takes it): validation, the durable write and the hand-over
 * happen in admission order, a batch all at once, and a caller whose block is refused leaves the chain unchanged.
 * The chain takes it before its own lock, never after it.
 */
final class ChainAdmission {
    private final ChainStore store;
    private final ChainBlocks blocks;
    /** What a block is admitted as (the chain drops certificates it does not keep). */
    private final UnaryOperator<Block> admissible;
    /**
     * Whether admitted blocks are written to the store by the engine thread as it takes them in, rather than by the
     * caller before {@code add} returns: for a store that does not survive the process there is nothing a crash
     * could lose, so the caller does not pay for the write.
     */
    private final boolean engineWritesStore;
    private final ReentrantLock lock = new ReentrantLock();
    private final Inbox inbox = new Inbox();
    /** The entry added last (genesis at first); under the lock. */
    private ChainEntry lastAdmitted;
    /** The next admission number; under the lock. */
    private long nextSeq;
    /** Blocks taken in (written under the lock; read by anyone). */
    private volatile long blocksProcessed;

    ChainAdmission(ChainStore store, ChainBlocks blocks, ChainEntry genesis, UnaryOperator<Block> admissible) {
        this.store = store;
        this.blocks = blocks;
        this.admissible = admissible;
        this.engineWritesStore = !store.durable();
        this.lastAdmitted = genesis;
    }

    // ---- resuming from the store (before the chain starts)

    /** The last accepted block, read back from the store: new blocks may extend it. */
    void resumeLastAccepted(ChainEntry entry) {
        lastAdmitted = entry;
    }

    /** A block admitted before the restart and not yet decided: the engine takes it in again. */
    void resumePending(ChainEntry entry) {
        blocks.put(entry);
        inbox.add(entry);
        lastAdmitted = entry;
    }

    void resumeCounters(long nextSeq, long blocksProcessed) {
        this.nextSeq = nextSeq;
        this.blocksProcessed = blocksProcessed;
    }

    // ---- callers

    /**
     * Admits one block: {@code requireOpen} runs first, under the lock, and may refuse by throwing.
     *
     * @throws IllegalArgumentException if the block is invalid here; nothing changes
     * @throws lux.consensus.store.ChainStoreException if the durable store fails to take it
     */
    ChainEntry admit(Block block, Runnable requireOpen) {
        lock.lock();
        try {
            requireOpen.run();
            ChainEntry parent = validate(block, Map.of(), "");
            Block stamped = admissible.apply(block).withTimestamp(System.currentTimeMillis());
            if (!engineWritesStore) {
                store.admit(List.of(StoreRecords.record(stamped, BlockStatus.PENDING, nextSeq, null)));
            }
            return enter(stamped, parent);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Admits a batch (a block may have its parent earlier in it), all or none: every block is validated before
     * any is entered. {@code requireOpen} as for {@link #admit}.
     *
     * @return the entries, in the order of {@code batch}
     * @throws NullPointerException naming the index of a null block; nothing changes
     * @throws IllegalArgumentException naming the first invalid block and its index; nothing changes
     * @throws lux.consensus.store.ChainStoreException if the durable store fails to take the batch
     */
    List<ChainEntry> admitBatch(List<Block> batch, Runnable requireOpen) {
        lock.lock();
        try {
            requireOpen.run();
            Map<Id, Long> batchHeights = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                Block b = Objects.requireNonNull(batch.get(i), "block at index " + i + " of the batch must not be null");
                validate(b, batchHeights, "block at index " + i + " of the batch: ");
                batchHeights.put(b.id(), b.height());
            }
            long now = System.currentTimeMillis();
            List<Block> stamped = new ArrayList<>(batch.size());
            for (Block b : batch) {
                stamped.add(admissible.apply(b).withTimestamp(now));
            }
            if (!engineWritesStore) {
                List<StoredBlock> records = new ArrayList<>(batch.size());
                for (Block s : stamped) {
                    records.add(StoreRecords.record(s, BlockStatus.PENDING, nextSeq + records.size(), null));
                }
                store.admit(records);
            }
            List<ChainEntry> entries = new ArrayList<>(batch.size());
            for (Block b : stamped) { // parents first, so each parent is in the map by the time its child is entered
                entries.add(enter(b, parentEntry(b)));
            }
            return entries;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} with no admission half done, and none starting until it returns; returns its answer. */
    boolean exclusively(BooleanSupplier action) {
        lock.lock();
        try {
            return action.getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks taken in so far (any thread). */
    long blocksProcessed() {
        return blocksProcessed;
    }

    // ---- the engine thread

    /** The oldest admitted entry the engine has not taken yet, or null. */
    ChainEntry poll() {
        return inbox.poll();
    }

    /** Whether every admitted entry has been taken. */
    boolean drained() {
        return inbox.isEmpty();
    }

    /** Whether the engine writes admitted blocks to the store as it takes them in (see the field). */
    boolean engineWritesStore() {
        return engineWritesStore;
    }

    // ---- under the lock

    /**
     * Checks {@code block} against the chain plus blocks earlier in the same batch ({@code batchHeights}): its
     * parent, its height, and that its id is new.
     *
     * @return the parent's entry, or null when the parent is earlier in the batch
     */
    private ChainEntry validate(Block block, Map<Id, Long> batchHeights, String where) {
        Id id = block.id();
        ChainEntry parent = parentEntry(block);
        Long parentHeight = parent != null ? Long.valueOf(parent.height) : batchHeights.get(block.parentId());
        if (parentHeight == null) {
            throw new IllegalArgumentException(where + "unknown parent " + block.parentId() + " of block " + id
                    + " (height " + block.height() + ")");
        }
        if (block.height() != parentHeight + 1) {
            throw new IllegalArgumentException(where + "block " + id + " has height " + block.height()
                    + " but its parent " + block.parentId() + " has height " + parentHeight + " (expected " + (parentHeight + 1) + ")");
        }
        if (parent != null && parent.status == Status.REJECTED) {
            throw new IllegalArgumentException(where + "block " + id + " extends rejected block " + block.parentId());
        }
        ChainEntry known = blocks.lookup(id);
        if (known != null || batchHeights.containsKey(id)) {
            throw new IllegalArgumentException(where + "duplicate block id " + id + " (already "
                    + (known != null ? describe(known.status) : "earlier in this batch") + ")");
        }
        return parent;
    }

    /**
     * The entry of the block's parent, or null if unknown. Blocks usually arrive parent first, one after the
     * other, so the block admitted last is tried before the map (a map lookup in a large chain misses the cache).
     */
    private ChainEntry parentEntry(Block block) {
        ChainEntry last = lastAdmitted;
        return last.id.equals(block.parentId()) ? last : blocks.lookup(block.parentId());
    }

    private static String describe(Status status) {
        return switch (status) {
            case PENDING -> "added and pending";
            case FINALIZED -> "finalized";
            case REJECTED -> "rejected";
        };
    }

    /** Enters a validated, timestamped and (for a durable store) stored block whose parent has entry {@code parent}. */
    private ChainEntry enter(Block block, ChainEntry parent) {
        if (parent.readBack && engineWritesStore) {
            // Readers find this parent's children in the store, so the store learns of the block now rather than
            // when the engine takes it in (the memory store takes a second admission of a block as a no-op).
            store.admit(List.of(StoreRecords.record(block, BlockStatus.PENDING, nextSeq, null)));
        }
        ChainEntry entry = new ChainEntry(block.id(), block, block.height(), Status.PENDING, nextSeq++);
        blocks.put(entry);
        lastAdmitted = entry;
        parent.children = appended(parent.children, entry.id);
        inbox.add(entry);
        blocksProcessed++; // the only writer: under the lock
        return entry;
    }

    /** A new immutable list: {@code list} and then {@code id} (readers hold the old list, so it is not changed). */
    private static List<Id> appended(List<Id> list, Id id) {
        if (list.isEmpty()) {
            return List.of(id); // the usual case: a block's first child
        }
        Id[] ids = list.toArray(new Id[list.size() + 1]);
        ids[list.size()] = id;
        return List.of(ids);
    }
}
