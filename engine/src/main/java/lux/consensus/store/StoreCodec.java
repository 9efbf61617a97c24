package lux.consensus.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import lux.consensus.Id;
import lux.consensus.Statistics;

/**
 * The byte layout of {@link RocksDbChainStore}: keys are a one-byte kind followed by big-endian fields, so that
 * a prefix scan walks children and pending blocks in admission order.
 */
final class StoreCodec {
    /** Version of this layout, recorded in every store; a store with another version is refused. */
    static final int FORMAT_VERSION = 1;

    static final byte META = 'm';
    static final byte BLOCK = 'b';
    static final byte DECISION = 'd';
    static final byte CHILD = 'k';
    static final byte PENDING = 'p';
    static final byte CERTIFICATE = 'c';
    static final byte STATE = 's';

    static final byte[] META_FORMAT = {META, 'f'};
    static final byte[] META_IDENTITY = {META, 'i'};
    static final byte[] META_NEXT_SEQ = {META, 'q'};
    static final byte[] STATE_KEY = {STATE};

    private static final int STATISTICS_FIELDS = 11;

    private StoreCodec() {
    }

    static byte[] key(byte kind, Id id) {
        return ByteBuffer.allocate(1 + Id.LENGTH).put(kind).put(id.bytes()).array();
    }

    static byte[] key(byte kind, long number) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(kind).putLong(number).array();
    }

    static byte[] childKey(Id parent, long seq) {
        return ByteBuffer.allocate(1 + Id.LENGTH + Long.BYTES).put(CHILD).put(parent.bytes()).putLong(seq).array();
    }

    static byte[] prefix(byte kind, Id id) {
        return key(kind, id);
    }

    static byte[] longValue(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long longOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    static byte[] identity(StoreIdentity identity) {
        return ByteBuffer.allocate(2 * Id.LENGTH).put(identity.chainId().bytes()).put(identity.validatorsDigest().bytes()).array();
    }

    static StoreIdentity identityOf(byte[] bytes) {
        return new StoreIdentity(Id.of(Arrays.copyOfRange(bytes, 0, Id.LENGTH)), Id.of(Arrays.copyOfRange(bytes, Id.LENGTH, 2 * Id.LENGTH)));
    }

    /** parent | height | timestamp | status | seq | certificate flag [| certificate key] | payload */
    static byte[] block(StoredBlock b) {
        int size = Id.LENGTH + 3 * Long.BYTES + 2 + (b.certificateKey() != null ? Id.LENGTH : 0) + b.payload().length;
        ByteBuffer out = ByteBuffer.allocate(size).put(b.parentId().bytes()).putLong(b.height()).putLong(b.timestamp())
                .put((byte) b.status().ordinal()).putLong(b.seq()).put((byte) (b.certificateKey() != null ? 1 : 0));
        if (b.certificateKey() != null) {
            out.put(b.certificateKey().bytes());
        }
        return out.put(b.payload()).array();
    }

    static StoredBlock blockOf(Id id, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Id parent = readId(in);
        long height = in.getLong();
        long timestamp = in.getLong();
        int status = in.get();
        if (status < 0 || status >= BlockStatus.values().length) {
            throw new ChainStoreException("block " + id + " has an unknown status " + status + " in the store");
        }
        long seq = in.getLong();
        Id certificate = in.get() != 0 ? readId(in) : null;
        byte[] payload = new byte[in.remaining()];
        in.get(payload);
        return new StoredBlock(id, parent, height, timestamp, payload, BlockStatus.values()[status], seq, certificate);
    }

    /** status | certificate flag [| certificate key]: written at decision time, beside the block written at admission. */
    static byte[] decision(StoredBlock b) {
        ByteBuffer out = ByteBuffer.allocate(2 + (b.certificateKey() != null ? Id.LENGTH : 0))
                .put((byte) b.status().ordinal()).put((byte) (b.certificateKey() != null ? 1 : 0));
        if (b.certificateKey() != null) {
            out.put(b.certificateKey().bytes());
        }
        return out.array();
    }

    /** The block as decided by {@code decision} (from {@link #decision}). */
    static StoredBlock decided(StoredBlock b, byte[] decision) {
        ByteBuffer in = ByteBuffer.wrap(decision);
        int status = in.get();
        if (status < 0 || status >= BlockStatus.values().length) {
            throw new ChainStoreException("block " + b.id() + " has an unknown decision " + status + " in the store");
        }
        return b.decided(BlockStatus.values()[status], in.get() != 0 ? readId(in) : null);
    }

    /** last accepted | its height | preference | the counters of {@link Statistics}, in declaration order */
    static byte[] state(Commit c) {
        Statistics s = c.statistics();
        return ByteBuffer.allocate(2 * Id.LENGTH + Long.BYTES * (1 + STATISTICS_FIELDS))
                .put(c.lastAcceptedId().bytes()).putLong(c.lastAcceptedHeight()).put(c.preference().bytes())
                .putLong(s.blocksProcessed()).putLong(s.votesProcessed()).putLong(s.pollsCompleted()).putLong(s.failedPolls())
                .putLong(s.finalized()).putLong(s.rejected()).putLong(s.pending()).putLong(s.finalizedHeight())
                .putLong(s.networkVotes()).putLong(s.certified()).putLong(s.uncertified()).array();
    }

    /** The state record's fields, as the chain state to resume from (with the given pending blocks). */
    static ChainState stateOf(byte[] bytes, long nextSeq, java.util.List<StoredBlock> pending) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Id last = readId(in);
        long height = in.getLong();
        Id preference = readId(in);
        Statistics s = new Statistics(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        return new ChainState(last, height, preference, s, nextSeq, pending);
    }

    static Id readId(ByteBuffer in) {
        byte[] id = new byte[Id.LENGTH];
        in.get(id);
        return Id.of(id);
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
