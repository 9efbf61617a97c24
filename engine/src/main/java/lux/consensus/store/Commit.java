package lux.consensus.store;

import java.util.List;
import java.util.Map;
import lux.consensus.Id;
import lux.consensus.Statistics;

/**
 * One engine step's decisions, written atomically and durably by {@link ChainStore#commit}.
 *
 * @param decided the blocks decided in this step, with their decision and certificate key
 * @param certificates the bytes of each certificate named by {@code decided}, by key
 * @param lastAcceptedId the last finalized block after this step
 * @param lastAcceptedHeight its height
 * @param preference the preferred tip after this step
 * @param statistics the counters after this step
 */
public record Commit(List<StoredBlock> decided, Map<Id, byte[]> certificates, Id lastAcceptedId, long lastAcceptedHeight,
        Id preference, Statistics statistics) {
    public Commit {
        decided = List.copyOf(decided);
        certificates = Map.copyOf(certificates);
    }
}
