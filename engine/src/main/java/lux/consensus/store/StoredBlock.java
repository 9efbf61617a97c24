package lux.consensus.store;

import java.util.Objects;
import lux.consensus.Id;

/**
 * A block as a {@link ChainStore} keeps it.
 *
 * @param id the block's id
 * @param parentId its parent's id
 * @param height its height
 * @param timestamp when the chain took it in (milliseconds since the epoch)
 * @param payload its payload (not copied: never mutated)
 * @param status pending, finalized or rejected
 * @param seq its admission number: blocks are admitted in increasing order, parents before children
 * @param certificateKey the key of its certificate's bytes ({@link ChainStore#certificate}), or null
 */
public record StoredBlock(Id id, Id parentId, long height, long timestamp, byte[] payload, BlockStatus status, long seq,
        Id certificateKey) {

    public StoredBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
    }

    /** This block with a decision and, for a certified finalized block, its certificate's key. */
    public StoredBlock decided(BlockStatus decision, Id certificate) {
        return new StoredBlock(id, parentId, height, timestamp, payload, decision, seq, certificate);
    }
}
