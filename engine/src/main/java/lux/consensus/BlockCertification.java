package lux.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import lux.consensus.cert.CertMessage;
import lux.consensus.cert.Certifier;
import lux.consensus.cert.SignatureRound;
import lux.consensus.network.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quantum finality for the blocks a chain finalized in one engine step (on the chain's certifying thread): in
 * chunks of up to {@code batchSize} (one block per chunk where the network certifies each block), each chunk gets
 * one certificate from the validators' signature rounds, checked by the {@link Certifier}. A block that came with
 * a valid certificate keeps it.
 */
final class BlockCertification {
    private static final Logger LOG = LoggerFactory.getLogger(BlockCertification.class);

    /** A finalized block whose certificate is attached here: the chain's entry for it. */
    interface Finalized {
        Id id();

        long height();

        Block block();

        /** Replaces the block (with or without its certificate); called under the chain's lock. */
        void replace(Block block);
    }

    private final Certifier certifier;
    private final Network network;
    private final Config config;
    private final ReentrantLock lock;
    private boolean warnedUncertified;

    /**
     * @param lock the chain's lock, held while a block's certificate is attached
     */
    BlockCertification(Certifier certifier, Network network, Config config, ReentrantLock lock) {
        this.certifier = certifier;
        this.network = network;
        this.config = config;
        this.lock = lock;
    }

    ValidatorSet validatorSet() {
        return certifier.validatorSet();
    }

    /** Certifies {@code finalized} (one step's finalized blocks, in order); runs before their decisions are published. */
    void certify(List<? extends Finalized> finalized) {
        List<Finalized> uncertified = new ArrayList<>();
        for (Finalized f : finalized) {
            if (!carriesValidCertificate(f)) {
                uncertified.add(f);
            }
        }
        int perCertificate = network.certifiesEachBlock() ? 1 : config.batchSize();
        List<List<Finalized>> chunks = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (int from = 0; from < uncertified.size(); from += perCertificate) {
            List<Finalized> chunk = uncertified.subList(from, Math.min(uncertified.size(), from + perCertificate));
            List<CertMessage.BlockRef> refs = new ArrayList<>(chunk.size());
            for (Finalized f : chunk) {
                refs.add(new CertMessage.BlockRef(f.id(), f.height()));
            }
            chunks.add(chunk);
            messages.add(new CertMessage(config.chainId(), certifier.validatorSet().hash(), refs).toBytes());
        }
        if (messages.isEmpty()) {
            return;
        }
        List<SignatureRound> rounds = network.collectSignatures(messages);
        List<Certifier.Outcome> results = new ArrayList<>(chunks.size());
        List<Integer> failed = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            results.add(certifier.certify(messages.get(c), rounds.get(c)));
            if (results.get(c).certificate().isEmpty()) {
                failed.add(c);
            }
        }
        if (!failed.isEmpty()) {
            List<SignatureRound> own = network.collectOwnSignatures(failed.stream().map(messages::get).toList());
            for (int f = 0; own != null && f < failed.size(); f++) {
                int c = failed.get(f);
                results.set(c, certifier.certify(messages.get(c), own.get(f)));
            }
        }
        for (int c = 0; c < chunks.size(); c++) {
            attach(chunks.get(c), results.get(c));
        }
    }

    /**
     * Whether the block came with a certificate (fetched from a peer that certified it already) that names it at
     * its height and verifies against the validator set: then it keeps that one. One that does not is dropped, and
     * the block is certified as any other.
     */
    private boolean carriesValidCertificate(Finalized f) {
        CertBundle c = f.block().certs();
        if (c == null) {
            return false;
        }
        if (c.names(f.id(), f.height()) && c.verify(certifier.validatorSet())) {
            return true;
        }
        lock.lock();
        try {
            f.replace(f.block().withCerts(null));
        } finally {
            lock.unlock();
        }
        return false;
    }

    private void attach(List<Finalized> chunk, Certifier.Outcome outcome) {
        lock.lock();
        try {
            if (outcome.certificate().isPresent()) {
                CertBundle certificate = outcome.certificate().get();
                for (Finalized f : chunk) {
                    f.replace(f.block().withCerts(certificate));
                }
            }
        } finally {
            lock.unlock();
        }
        if (outcome.certificate().isEmpty() && !warnedUncertified) {
            warnedUncertified = true;
            LOG.warn("blocks finalized without quantum finality (no certificate): {}; see Statistics.uncertified", outcome.reason());
        }
    }
}
