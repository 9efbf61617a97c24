package lux.consensus;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link Chain} knows of one block: pending blocks and the last {@link Config#memoryWindow()} decided ones
 * (older ones are read back from the store). Status and children are written under the chain's lock, read
 * without it.
 */
final class ChainEntry implements BlockCertification.Finalized {

    enum Status { PENDING, FINALIZED, REJECTED }

    /** A decision about an entry, made by the local node's engine. */
    record Outcome(ChainEntry entry, Decision decision) {}

    final Id id;
    volatile Block block; // null for genesis; replaced once, when its certificate is attached
    final long height;
    /** Admission number (-1 for genesis and the last accepted block of a restarted chain). */
    final long seq;
    final CompletableFuture<Decision> future = new CompletableFuture<>();
    volatile Status status;
    volatile List<Id> children = List.of();
    /** The entry admitted after this one, once it is (see {@link Inbox}). */
    volatile ChainEntry nextInInbox;

    /**
     * Whether this entry was read back from the store for a block the chain no longer holds in memory: a copy,
     * whose future and children are not the chain's.
     */
    final boolean readBack;

    ChainEntry(Id id, Block block, long height, Status status, long seq) {
        this(id, block, height, status, seq, false);
    }

    ChainEntry(Id id, Block block, long height, Status status, long seq, boolean readBack) {
        this.readBack = readBack;
        this.id = id;
        this.block = block;
        this.height = height;
        this.status = status;
        this.seq = seq;
    }

    @Override
    public Id id() {
        return id;
    }

    @Override
    public long height() {
        return height;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public void replace(Block withOrWithoutCertificate) {
        block = withOrWithoutCertificate;
    }
}
