package lux.consensus.cert;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lux.consensus.Id;

/**
 * The one message both signature families sign for a batch of blocks finalized together: domain-separated,
 * canonical, naming the chain, the validator set and the blocks (ids and heights, in order).
 *
 * <p>Layout: the domain tag {@value #DOMAIN} (ASCII, 1-byte length prefix), chain id (32), SHA-256 of the
 * validator set's encoding (32), block count (4, big-endian), then per block its id (32) and height (8).
 *
 * @param chainId the chain the blocks belong to
 * @param validatorSetHash SHA-256 of the validator set's canonical encoding
 * @param blocks the finalized blocks, in height order
 */
public record CertMessage(Id chainId, byte[] validatorSetHash, List<BlockRef> blocks) {
    /** Domain separation tag: no other message this library signs starts with it. */
    public static final String DOMAIN = "lux-consensus/quantum-finality/v1";
    private static final byte[] DOMAIN_BYTES = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    /** Most blocks one certificate may name. */
    public static final int MAX_BLOCKS = 1 << 20;

    /** A block named by a certificate. */
    public record BlockRef(Id id, long height) {
        public BlockRef {
            Objects.requireNonNull(id, "block id must not be null");
        }
    }

    public CertMessage {
        Objects.requireNonNull(chainId, "chainId must not be null");
        Objects.requireNonNull(validatorSetHash, "validatorSetHash must not be null");
        if (validatorSetHash.length != 32) {
            throw new IllegalArgumentException("validatorSetHash must be 32 bytes, got " + validatorSetHash.length);
        }
        validatorSetHash = validatorSetHash.clone();
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty() || blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("a certificate names 1.." + MAX_BLOCKS + " blocks, got " + blocks.size());
        }
    }

    @Override
    public byte[] validatorSetHash() {
        return validatorSetHash.clone();
    }

    /** Whether this message names the block {@code id} at {@code height}. */
    public boolean names(Id id, long height) {
        for (BlockRef b : blocks) {
            if (b.height == height && b.id.equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this message is bound to the validator set with this hash. */
    public boolean boundTo(byte[] setHash) {
        return Arrays.equals(validatorSetHash, setHash);
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(1 + DOMAIN_BYTES.length + 32 + 32 + 4 + blocks.size() * (32 + 8));
        out.put((byte) DOMAIN_BYTES.length).put(DOMAIN_BYTES).put(chainId.bytes()).put(validatorSetHash).putInt(blocks.size());
        for (BlockRef b : blocks) {
            out.put(b.id.bytes()).putLong(b.height);
        }
        return out.array();
    }

    /**
     * Parses a message made by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if it is not exactly such a message
     */
    public static CertMessage parse(byte[] bytes) {
        Objects.requireNonNull(bytes, "message must not be null");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int tagLength = in.get() & 0xFF;
            byte[] tag = new byte[tagLength];
            in.get(tag);
            if (!Arrays.equals(tag, DOMAIN_BYTES)) {
                throw new IllegalArgumentException("certificate message has the wrong domain tag: '"
                        + new String(tag, StandardCharsets.US_ASCII) + "'");
            }
            Id chain = Id.of(take(in, 32));
            byte[] setHash = take(in, 32);
            int count = in.getInt();
            if (count < 1 || count > MAX_BLOCKS || (long) count * 40 != in.remaining()) {
                throw new IllegalArgumentException("certificate message claims " + count + " blocks but has " + in.remaining()
                        + " bytes for them (40 each)");
            }
            List<BlockRef> refs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                refs.add(new BlockRef(Id.of(take(in, 32)), in.getLong()));
            }
            return new CertMessage(chain, setHash, refs);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("certificate message is truncated (" + bytes.length + " bytes)", e);
        }
    }

    private static byte[] take(ByteBuffer in, int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertMessage m && chainId.equals(m.chainId) && Arrays.equals(validatorSetHash, m.validatorSetHash)
                && blocks.equals(m.blocks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId, Arrays.hashCode(validatorSetHash), blocks);
    }

    @Override
    public String toString() {
        return "CertMessage{chain=" + chainId.shortHex() + ", blocks=" + blocks.size() + "}";
    }
}
