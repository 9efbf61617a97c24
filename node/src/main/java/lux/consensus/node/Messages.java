package lux.consensus.node;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import lux.consensus.Block;
import lux.consensus.CertBundle;
import lux.consensus.Id;
import lux.consensus.cert.SignatureRound;
import lux.consensus.node.proto.GatheredRound;
import lux.consensus.node.proto.Signature;

/** Between the wire's messages and the chain's types; malformed input is an IllegalArgumentException naming it. */
final class Messages {
    private Messages() {
    }

    static lux.consensus.node.proto.Block toProto(Block b) {
        lux.consensus.node.proto.Block.Builder out = lux.consensus.node.proto.Block.newBuilder().setId(ByteString.copyFrom(b.id().bytes()))
                .setParentId(ByteString.copyFrom(b.parentId().bytes())).setHeight(b.height())
                .setPayload(ByteString.copyFrom(b.payloadBuffer()));
        if (b.certs() != null) {
            out.setCertificate(ByteString.copyFrom(b.certs().toBytes()));
        }
        return out.build();
    }

    /**
     * @throws IllegalArgumentException if an id is not 32 bytes, the height is not positive, the block is its own
     *     parent, its payload exceeds {@link Limits#MAX_PAYLOAD_BYTES} or its certificate is malformed
     */
    static Block fromProto(lux.consensus.node.proto.Block b) {
        if (b.getPayload().size() > Limits.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("block payload of " + b.getPayload().size() + " bytes exceeds "
                    + Limits.MAX_PAYLOAD_BYTES);
        }
        Block block = new Block(id(b.getId(), "block id"), id(b.getParentId(), "parent id"), b.getHeight(), b.getPayload().toByteArray());
        return b.getCertificate().isEmpty() ? block : block.withCertificate(CertBundle.fromBytes(b.getCertificate().toByteArray()));
    }

    /**
     * @throws IllegalArgumentException if there are more than {@link Limits#MAX_BLOCKS_PER_MESSAGE} blocks or one is malformed
     */
    static List<Block> fromProto(List<lux.consensus.node.proto.Block> blocks) {
        if (blocks.size() > Limits.MAX_BLOCKS_PER_MESSAGE) {
            throw new IllegalArgumentException(blocks.size() + " blocks in one message; at most " + Limits.MAX_BLOCKS_PER_MESSAGE);
        }
        List<Block> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            try {
                out.add(fromProto(blocks.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("block " + i + " of the message: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** @throws IllegalArgumentException unless {@code bytes} is 32 bytes */
    static Id id(ByteString bytes, String what) {
        if (bytes.size() != Id.LENGTH) {
            throw new IllegalArgumentException(what + " must be " + Id.LENGTH + " bytes, got " + bytes.size());
        }
        return Id.of(bytes.toByteArray());
    }

    static ByteString bytes(Id id) {
        return ByteString.copyFrom(id.bytes());
    }

    static GatheredRound toProto(SignatureRound round) {
        GatheredRound.Builder out = GatheredRound.newBuilder();
        for (int v = 0; v < round.bls().length; v++) {
            byte[] bls = round.bls()[v];
            byte[] mlDsa = round.mlDsa()[v];
            out.addSignatures(bls == null || mlDsa == null ? Signature.getDefaultInstance()
                    : Signature.newBuilder().setBlsSignature(ByteString.copyFrom(bls)).setMlDsaSignature(ByteString.copyFrom(mlDsa)).build());
        }
        return out.build();
    }

    /** The round a peer gathered, or null if it does not cover exactly {@code validators} validators. */
    static SignatureRound fromProto(GatheredRound round, int validators) {
        if (round.getSignaturesCount() != validators) {
            return null;
        }
        byte[][] bls = new byte[validators][];
        byte[][] mlDsa = new byte[validators][];
        for (int v = 0; v < validators; v++) {
            Signature s = round.getSignatures(v);
            if (!s.getBlsSignature().isEmpty() && !s.getMlDsaSignature().isEmpty()) {
                bls[v] = s.getBlsSignature().toByteArray();
                mlDsa[v] = s.getMlDsaSignature().toByteArray();
            }
        }
        return new SignatureRound(bls, mlDsa);
    }
}
