package lux.consensus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import lux.consensus.store.BlockStatus;
import lux.consensus.store.ChainStore;
import lux.consensus.store.ChainStoreException;
import lux.consensus.store.StoreIdentity;
import lux.consensus.store.StoredBlock;

/** Conversions between the chain's blocks and a {@link ChainStore}'s records. */
final class StoreRecords {
    private StoreRecords() {
    }

    /** The chain id and SHA-256("lux-consensus/validators" | id | stake | ...) of the validator set. */
    static StoreIdentity identity(Config config) {
        MessageDigest sha = sha256();
        sha.update("lux-consensus/validators".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer stake = ByteBuffer.allocate(Long.BYTES);
        for (int i = 0; i < config.validators().size(); i++) {
            sha.update(config.validators().get(i).bytes());
            sha.update(stake.clear().putLong(config.stake(i)).array());
        }
        return new StoreIdentity(config.chainId(), Id.of(sha.digest()));
    }

    /** A certificate's key in the store: SHA-256 of its canonical bytes. */
    static Id certificateKey(byte[] certificate) {
        return Id.of(sha256().digest(certificate));
    }

    static StoredBlock record(Block block, BlockStatus status, long seq, Id certificateKey) {
        return new StoredBlock(block.id(), block.parentId(), block.height(), block.timestamp(), block.payloadUnsafe(), status, seq,
                certificateKey);
    }

    /** The block a record describes, with its timestamp and (read from the store) its certificate. */
    static Block block(StoredBlock record, ChainStore store) {
        Block block = Block.restored(record.id(), record.parentId(), record.height(), record.payload(), record.timestamp());
        if (record.certificateKey() == null) {
            return block;
        }
        byte[] certificate = store.certificate(record.certificateKey()).orElseThrow(() -> new ChainStoreException(
                "the certificate " + record.certificateKey() + " of block " + record.id() + " is missing from the store"));
        return block.withCerts(CertBundle.fromBytes(certificate));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
