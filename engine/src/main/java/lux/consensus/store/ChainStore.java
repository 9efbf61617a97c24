package lux.consensus.store;

import java.util.List;
import java.util.Optional;
import lux.consensus.Id;

/**
 * Where a chain keeps its blocks, decisions and certificates: in memory ({@link MemoryChainStore}) or on disk
 * ({@link RocksDbChainStore}). The chain calls it from one thread at a time for writes (under its lock, or
 * from its engine thread); reads may come from any thread, concurrently with writes.
 *
 * <p>Ordering contract: {@link #admit} returns once the blocks would survive the process being killed;
 * {@link #commit} returns once the step would survive the machine losing power, and applies all of it or
 * none of it. A failure of either throws {@link ChainStoreException} and leaves the stored state as it was.
 */
public interface ChainStore extends AutoCloseable {
    /**
     * Binds the store to {@code identity}: a new store records it, an existing one must match it.
     *
     * @return the stored state to resume from, or empty for a new store
     * @throws IllegalArgumentException if the store belongs to another chain or validator set, or was written
     *     in an unknown format; nothing is changed then
     * @throws ChainStoreException if the store cannot be read
     */
    Optional<ChainState> open(StoreIdentity identity);

    /** Stores newly admitted (pending) blocks, in admission order. */
    void admit(List<StoredBlock> blocks);

    /** Stores one engine step: decisions, certificates, last accepted block, preference and counters. */
    void commit(Commit commit);

    /** The stored block with this id. */
    Optional<StoredBlock> block(Id id);

    /** The ids of the blocks admitted with this parent, in admission order. */
    List<Id> children(Id parentId);

    /** A certificate's bytes by key. */
    Optional<byte[]> certificate(Id key);

    /** The finalized block at {@code height}, if any (genesis is not stored). */
    Optional<Id> finalizedAt(long height);

    /** Whether decisions reach stable storage (a process crash or restart keeps them). */
    boolean durable();

    @Override
    void close();
}
