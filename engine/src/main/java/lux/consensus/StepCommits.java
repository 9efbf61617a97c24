package lux.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import lux.consensus.ChainEntry.Outcome;
import lux.consensus.store.BlockStatus;
import lux.consensus.store.Commit;
import lux.consensus.store.StoredBlock;

/**
 * Turns a step of a {@link Chain}'s decisions into the store {@link Commit} that records it, keeping the counters
 * of every decision written so far (announced or not), from which each commit's statistics are made. Used by the
 * one thread that writes steps.
 */
final class StepCommits {

    /** What the store records beside a step's decisions, as the engine thread saw it at the end of the step. */
    record EngineState(Id lastAcceptedId, long lastAcceptedHeight, Id preference, long processed, long votes, long polls,
            long failedPolls, long networkVotes) {}

    private final boolean certifying;
    private long finalized;
    private long rejected;
    private long finalizedHeight;
    private long certified;
    private long uncertified;

    /** Starts from the counters of what the store already holds; {@code certifying}: certificates are on. */
    StepCommits(boolean certifying, long finalized, long rejected, long finalizedHeight, long certified, long uncertified) {
        this.certifying = certifying;
        this.finalized = finalized;
        this.rejected = rejected;
        this.finalizedHeight = finalizedHeight;
        this.certified = certified;
        this.uncertified = uncertified;
    }

    /** A step's decisions, certificates, last accepted block, preference and counters, for the store. */
    Commit of(List<Outcome> outcomes, EngineState at) {
        List<StoredBlock> decided = new ArrayList<>(outcomes.size());
        Map<Id, byte[]> certificates = new HashMap<>();
        Map<CertBundle, Id> keys = new IdentityHashMap<>();
        for (Outcome o : outcomes) {
            Block b = o.entry().block;
            Id key = null;
            if (b.certs() != null) {
                key = keys.computeIfAbsent(b.certs(), c -> {
                    byte[] bytes = c.toBytes();
                    Id k = StoreRecords.certificateKey(bytes);
                    certificates.put(k, bytes);
                    return k;
                });
            }
            boolean accepted = o.decision() == Decision.FINALIZED;
            if (accepted) {
                finalized++;
                finalizedHeight = Math.max(finalizedHeight, o.entry().height);
                if (certifying) {
                    certified += b.certs() != null ? 1 : 0;
                    uncertified += b.certs() != null ? 0 : 1;
                }
            } else {
                rejected++;
            }
            decided.add(StoreRecords.record(b, accepted ? BlockStatus.FINALIZED : BlockStatus.REJECTED, o.entry().seq, key));
        }
        Statistics s = new Statistics(at.processed(), at.votes(), at.polls(), at.failedPolls(), finalized, rejected,
                at.processed() - finalized - rejected, finalizedHeight, at.networkVotes(), certified, uncertified);
        return new Commit(decided, certificates, at.lastAcceptedId(), at.lastAcceptedHeight(), at.preference(), s);
    }
}
