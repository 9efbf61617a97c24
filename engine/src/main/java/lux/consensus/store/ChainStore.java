package lux.consensus.store;

import java.util.List;
import java.util.Optional;
import lux.consensus.Id;

/**
 * Where a chain keeps its blocks, decisions and certificates: in memory ({@link MemoryChainStore}) or on disk
 * ({@link RocksDbChainStore}). The chain calls it from one thread at a time for writes (under its lock, or
 * from its engine thread); reads may come from any thread, concurrently with writes.
 *
 * <p>Ordering contract: {@link #admit} and {@link #commit} return once what they wrote would survive the
 * process being killed, and each applies all of it or none of it; {@link #sync} returns once everything
 * written before it would survive the machine losing power (the chain announces a decision only then). A
 * failure throws {@link ChainStoreException} and leaves the stored state as it was.
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

    /** Makes everything written so far durable (an fsync of the log); may run while other threads write. */
    void sync();

    /** The stored block with this id. */
    Optional<StoredBlock> block(Id id);

    /** The ids of the blocks admitted with this parent, in admission order. */
    List<Id> children(Id parentId);

    /** A certificate's bytes by key. */
    Optional<byte[]> certificate(Id key);

    /** Whether decisions reach stable storage (a process crash or restart keeps them). */
    boolean durable();

    @Override
    void close();
}
