package lux.consensus.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lux.consensus.Id;
import lux.consensus.Statistics;

/**
 * A {@link ChainStore} in the heap: what a chain without a data directory uses. Nothing survives the
 * process. Thread-safe for one writer and any number of readers.
 *
 * <p>Kept small, since it is what an in-memory chain's heap grows by: one map entry and one record per
 * block (a block's parent id is the parent's own id object) and four bytes per height for the finalized
 * chain. A block's finalized child is found through the heights; only its other children (pending or
 * rejected) take a map entry (the child's id itself when there is one, an array when there are more).
 */
public final class MemoryChainStore implements ChainStore {
    private static final int HEIGHTS_PER_CHUNK = 1 << 16;

    private final ConcurrentHashMap<Id, StoredBlock> blocks = new ConcurrentHashMap<>();
    /** Per parent, its children that are not finalized: the one child's {@link Id}, or an {@code Id[]} of several. */
    private final ConcurrentHashMap<Id, Object> children = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Id, byte[]> certificates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Id, StoredBlock> pending = new ConcurrentHashMap<>();
    /** The finalized block at each height, in chunks of {@link #HEIGHTS_PER_CHUNK}. */
    private volatile Id[][] finalizedByHeight = new Id[0][];
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

    /** The record with its parent id replaced by the parent's own id object, so that the two share it. */
    private StoredBlock canonical(StoredBlock b) {
        StoredBlock parent = blocks.get(b.parentId());
        if (parent == null || parent.id() == b.parentId()) {
            return b;
        }
        return new StoredBlock(b.id(), parent.id(), b.height(), b.timestamp(), b.payload(), b.status(), b.seq(), b.certificateKey());
    }

    @Override
    public void admit(List<StoredBlock> admitted) {
        for (StoredBlock given : admitted) {
            StoredBlock b = canonical(given);
            blocks.put(b.id(), b);
            pending.put(b.id(), b);
            children.merge(b.parentId(), b.id(), MemoryChainStore::withChild);
            nextSeq = Math.max(nextSeq, b.seq() + 1);
        }
    }

    /** {@code existing} and then {@code child}, unless it is there already (admitting a block twice is a no-op). */
    private static Object withChild(Object existing, Object child) {
        Id[] before = existing instanceof Id one ? new Id[] {one} : (Id[]) existing;
        if (Arrays.asList(before).contains(child)) {
            return existing;
        }
        Id[] after = Arrays.copyOf(before, before.length + 1);
        after[before.length] = (Id) child;
        return after;
    }

    /** {@code existing} without {@code child}; null (no entry) when nothing is left. */
    private static Object withoutChild(Object existing, Id child) {
        if (existing instanceof Id one) {
            return one.equals(child) ? null : one;
        }
        Id[] rest = Arrays.stream((Id[]) existing).filter(id -> !id.equals(child)).toArray(Id[]::new);
        return rest.length == 0 ? null : rest.length == 1 ? rest[0] : rest;
    }

    @Override
    public void commit(Commit commit) {
        certificates.putAll(commit.certificates());
        for (StoredBlock given : commit.decided()) {
            StoredBlock b = canonical(given);
            blocks.put(b.id(), b);
            pending.remove(b.id());
            if (b.status() == BlockStatus.FINALIZED) {
                recordFinalized(b.height(), b.id()); // first, so that a reader always finds the child somewhere
                children.computeIfPresent(b.parentId(), (parent, c) -> withoutChild(c, b.id()));
            }
        }
        last = commit;
    }

    private void recordFinalized(long height, Id id) {
        int chunk = (int) (height / HEIGHTS_PER_CHUNK);
        Id[][] chunks = finalizedByHeight;
        if (chunk >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(chunk + 1, 2 * chunks.length));
            for (int i = 0; i < chunks.length; i++) {
                if (chunks[i] == null) {
                    chunks[i] = new Id[HEIGHTS_PER_CHUNK];
                }
            }
        }
        chunks[chunk][(int) (height % HEIGHTS_PER_CHUNK)] = id;
        finalizedByHeight = chunks; // publishes the chunk and the id to readers
    }

    @Override
    public void sync() {
    }

    @Override
    public Optional<StoredBlock> block(Id id) {
        return Optional.ofNullable(blocks.get(id));
    }

    @Override
    public List<Id> children(Id parentId) {
        Object c = children.get(parentId);
        List<Id> ids = new ArrayList<>(c == null ? List.of() : c instanceof Id one ? List.of(one) : List.of((Id[]) c));
        StoredBlock parent = blocks.get(parentId);
        long childHeight = parentId.equals(Id.GENESIS) ? 1 : parent == null ? -1 : parent.height() + 1;
        Optional<Id> finalized = finalizedAt(childHeight);
        if (finalized.isPresent() && !ids.contains(finalized.get()) && blocks.get(finalized.get()).parentId().equals(parentId)) {
            ids.add(finalized.get());
        }
        ids.sort(Comparator.comparingLong(id -> blocks.get(id).seq()));
        return List.copyOf(ids);
    }

    @Override
    public Optional<byte[]> certificate(Id key) {
        byte[] bytes = certificates.get(key);
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    /** The finalized block at {@code height}, if any. */
    private Optional<Id> finalizedAt(long height) {
        Id[][] chunks = finalizedByHeight;
        int chunk = (int) (height / HEIGHTS_PER_CHUNK);
        return height < 0 || chunk >= chunks.length ? Optional.empty()
                : Optional.ofNullable(chunks[chunk][(int) (height % HEIGHTS_PER_CHUNK)]);
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void close() {
    }
}
