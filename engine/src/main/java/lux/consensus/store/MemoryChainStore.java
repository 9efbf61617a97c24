package lux.consensus.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lux.consensus.Id;
import lux.consensus.Statistics;

/**
 * A {@link ChainStore} in the heap: what a chain without a data directory uses. Nothing survives the
 * process. Thread-safe for one writer and any number of readers.
 */
public final class MemoryChainStore implements ChainStore {
    private final ConcurrentHashMap<Id, StoredBlock> blocks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Id, List<Id>> children = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Id, byte[]> certificates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Id> finalizedByHeight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Id, StoredBlock> pending = new ConcurrentHashMap<>();
    private volatile StoreIdentity identity;
    private volatile Commit last;
    private long nextSeq;

    @Override
    public synchronized Optional<ChainState> open(StoreIdentity identity) {
        if (this.identity != null && !this.identity.equals(identity)) {
            throw new IllegalArgumentException("this store belongs to " + this.identity + ", not " + identity);
        }
        boolean fresh = this.identity == null;
        this.identity = identity;
        if (fresh) {
            return Optional.empty();
        }
        List<StoredBlock> waiting = new ArrayList<>(pending.values());
        waiting.sort(Comparator.comparingLong(StoredBlock::seq));
        Commit c = last;
        return Optional.of(c == null
                ? new ChainState(Id.GENESIS, 0, Id.GENESIS, Statistics.EMPTY, nextSeq, waiting)
                : new ChainState(c.lastAcceptedId(), c.lastAcceptedHeight(), c.preference(), c.statistics(), nextSeq, waiting));
    }

    @Override
    public void admit(List<StoredBlock> admitted) {
        for (StoredBlock b : admitted) {
            blocks.put(b.id(), b);
            pending.put(b.id(), b);
            children.merge(b.parentId(), List.of(b.id()), MemoryChainStore::concat);
            nextSeq = Math.max(nextSeq, b.seq() + 1);
        }
    }

    private static List<Id> concat(List<Id> a, List<Id> b) {
        List<Id> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    @Override
    public void commit(Commit commit) {
        certificates.putAll(commit.certificates());
        for (StoredBlock b : commit.decided()) {
            blocks.put(b.id(), b);
            pending.remove(b.id());
            if (b.status() == BlockStatus.FINALIZED) {
                finalizedByHeight.put(b.height(), b.id());
            }
        }
        last = commit;
    }

    @Override
    public Optional<StoredBlock> block(Id id) {
        return Optional.ofNullable(blocks.get(id));
    }

    @Override
    public List<Id> children(Id parentId) {
        return children.getOrDefault(parentId, List.of());
    }

    @Override
    public Optional<byte[]> certificate(Id key) {
        byte[] bytes = certificates.get(key);
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    @Override
    public Optional<Id> finalizedAt(long height) {
        return Optional.ofNullable(finalizedByHeight.get(height));
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void close() {
    }
}
