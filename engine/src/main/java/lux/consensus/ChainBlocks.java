package lux.consensus;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lux.consensus.ChainEntry.Outcome;
import lux.consensus.ChainEntry.Status;
import lux.consensus.store.BlockStatus;
import lux.consensus.store.ChainStore;
import lux.consensus.store.StoredBlock;

/**
 * What a {@link Chain} knows of its blocks: the pending and the last {@link Config#memoryWindow()} decided ones in
 * memory, every other one read back from the store. Reads may come from any thread; entries are added under the
 * chain's admission lock and decided ones leave on the engine thread.
 */
final class ChainBlocks {
    private final ChainStore store;
    private final int memoryWindow;
    private final ConcurrentHashMap<Id, ChainEntry> entries = new ConcurrentHashMap<>();
    /** Decided entries still in {@link #entries}, oldest first (engine thread). */
    private final ArrayDeque<ChainEntry> decidedWindow = new ArrayDeque<>();
    /** Whether the store holds blocks that {@link #entries} does not (evicted, or from before a restart). */
    private volatile boolean storeHoldsMore;

    ChainBlocks(ChainStore store, int memoryWindow) {
        this.store = store;
        this.memoryWindow = memoryWindow;
    }

    void put(ChainEntry entry) {
        entries.put(entry.id, entry);
    }

    /** The entry held in memory, or null (never read from the store). */
    ChainEntry resident(Id id) {
        return entries.get(id);
    }

    /** Every entry held in memory. */
    Collection<ChainEntry> resident() {
        return entries.values();
    }

    /** The store holds blocks from before a restart. */
    void resumed() {
        storeHoldsMore = true;
    }

    /**
     * The entry of a block: held in memory while pending or recently decided, otherwise read from the store
     * into a detached entry ({@link ChainEntry#readBack}); null if unknown.
     */
    ChainEntry lookup(Id id) {
        ChainEntry e = entries.get(id);
        if (e != null || !storeHoldsMore) {
            return e;
        }
        Optional<StoredBlock> stored = store.block(id);
        if (stored.isEmpty()) {
            return null;
        }
        StoredBlock b = stored.get();
        return new ChainEntry(b.id(), StoreRecords.block(b, store), b.height(), status(b.status()), b.seq(), true);
    }

    /** A block's status, or null if unknown; beyond the memory window, without decoding the block or its certificate. */
    Status status(Id id) {
        ChainEntry e = entries.get(id);
        if (e != null || !storeHoldsMore) {
            return e == null ? null : e.status;
        }
        return store.block(id).map(b -> status(b.status())).orElse(null);
    }

    /** Ids of the blocks added with this parent, in the order they were added. */
    List<Id> children(Id id) {
        ChainEntry e = entries.get(id);
        if (e != null || !storeHoldsMore) {
            return e == null ? List.of() : e.children;
        }
        return store.children(id);
    }

    /** Whether the block was finalized and carries a certificate. */
    boolean hasCertificate(Id id) {
        ChainEntry e = entries.get(id);
        if (e != null || !storeHoldsMore) {
            return e != null && e.status == Status.FINALIZED && e.block != null && e.block.certs() != null;
        }
        return store.block(id).map(b -> b.status() == BlockStatus.FINALIZED && b.certificateKey() != null).orElse(false);
    }

    /** Decided blocks beyond the memory window leave the heap; reads find them in the store (engine thread). */
    void decided(List<Outcome> decided) {
        for (Outcome o : decided) {
            decidedWindow.add(o.entry());
        }
        while (decidedWindow.size() > memoryWindow) {
            ChainEntry old = decidedWindow.poll();
            storeHoldsMore = true;
            entries.remove(old.id);
        }
    }

    private static Status status(BlockStatus stored) {
        return switch (stored) {
            case PENDING -> Status.PENDING;
            case FINALIZED -> Status.FINALIZED;
            case REJECTED -> Status.REJECTED;
        };
    }
}
