package lux.consensus.store;

import java.util.List;
import lux.consensus.Id;
import lux.consensus.Statistics;

/**
 * What a chain finds in its store when it opens: everything needed to resume.
 *
 * @param lastAcceptedId the last finalized block ({@link Id#GENESIS} before any)
 * @param lastAcceptedHeight its height
 * @param preference the preferred tip as of the last decision
 * @param statistics the counters as of the last decision
 * @param nextSeq the admission number the next block gets
 * @param pending blocks admitted and not yet decided, in admission order (parents first)
 */
public record ChainState(Id lastAcceptedId, long lastAcceptedHeight, Id preference, Statistics statistics, long nextSeq,
        List<StoredBlock> pending) {
    public ChainState {
        pending = List.copyOf(pending);
    }
}
