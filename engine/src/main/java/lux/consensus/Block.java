package lux.consensus;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An immutable block: its id, its parent's id, its height and an opaque payload.
 *
 * <p>The chain fills in {@link #timestamp()} when it takes the block in; a {@code Block} you construct
 * has timestamp 0. Heights count from the genesis block (height 0), so a child of genesis has height 1.
 */
public final class Block {
    private final Id id;
    private final Id parentId;
    private final long height;
    private final byte[] payload;
    private final long timestamp;
    private final CertBundle certs;

    /**
     * @throws NullPointerException if {@code id}, {@code parentId} or {@code payload} is null
     * @throws IllegalArgumentException if {@code height < 1}, or {@code id} equals {@code parentId}
     */
    public Block(Id id, Id parentId, long height, byte[] payload) {
        this(id, parentId, height, Objects.requireNonNull(payload, "block payload must not be null (use new byte[0])").clone(), 0L, null);
    }

    private Block(Id id, Id parentId, long height, byte[] ownedPayload, long timestamp, CertBundle certs) {
        this.id = Objects.requireNonNull(id, "block id must not be null");
        this.parentId = Objects.requireNonNull(parentId, "block parentId must not be null");
        if (height < 1) {
            throw new IllegalArgumentException("block height must be >= 1 (genesis is height 0), got " + height + " for block " + id);
        }
        if (id.equals(parentId)) {
            throw new IllegalArgumentException("block " + id + " cannot be its own parent");
        }
        this.height = height;
        this.payload = ownedPayload;
        this.timestamp = timestamp;
        this.certs = certs;
    }

    /** A block read back from a store (the payload is the store's own copy, not shared with callers). */
    static Block restored(Id id, Id parentId, long height, byte[] payload, long timestampMillis) {
        return new Block(id, parentId, height, payload, timestampMillis, null);
    }

    /** The payload without a copy, for the chain's store (never mutated). */
    byte[] payloadUnsafe() {
        return payload;
    }

    /** This block as taken in by a chain at {@code timestampMillis} (shares the payload: it is never mutated). */
    Block withTimestamp(long timestampMillis) {
        return new Block(id, parentId, height, payload, timestampMillis, certs);
    }

    /**
     * This block carrying a certificate that others made for it, as a node catching up fetches it from a peer.
     * A chain that finalizes the block keeps the certificate if it names this block at its height and verifies
     * against the chain's validator set, and otherwise gathers its own.
     *
     * @throws NullPointerException if {@code certificate} is null
     */
    public Block withCertificate(CertBundle certificate) {
        return withCerts(Objects.requireNonNull(certificate, "certificate must not be null"));
    }

    /** This block with its quantum-finality certificate attached (null: none). */
    Block withCerts(CertBundle certificate) {
        return new Block(id, parentId, height, payload, timestamp, certificate);
    }

    public Id id() {
        return id;
    }

    public Id parentId() {
        return parentId;
    }

    public long height() {
        return height;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** A read-only view of the payload, without copying. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** Payload length in bytes. */
    public int payloadSize() {
        return payload.length;
    }

    /** Milliseconds since the epoch at which the chain took this block in; 0 for a block not yet added. */
    public long timestamp() {
        return timestamp;
    }

    /**
     * The block's quantum-finality certificate, or null: until the chain finalizes and certifies it, when
     * certificates are off (qRounds 0), or when no quorum of valid signatures could be gathered (the block is
     * then final by consensus but lacks quantum finality; see {@link Chain#hasQuantumFinality}). Blocks
     * finalized together share one certificate.
     */
    public CertBundle certs() {
        return certs;
    }

    /** Blocks are equal when their ids are. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Block other && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Block{id=" + id.shortHex() + ", parent=" + parentId.shortHex() + ", height=" + height
                + ", payload=" + payload.length + "B}";
    }
}
