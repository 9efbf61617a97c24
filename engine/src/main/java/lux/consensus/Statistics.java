package lux.consensus;

/**
 * A consistent snapshot of a chain's counters, taken at one instant.
 *
 * <p>{@code blocksProcessed == finalized + rejected + pending} always holds in one snapshot.
 *
 * @param blocksProcessed blocks the chain took in through {@code add}/{@code addAsync}/{@code addBatch}
 * @param votesProcessed votes the local node actually tallied: one per validator response received in its
 *     polls (silent validators contribute none)
 * @param pollsCompleted polls the local node completed and recorded
 * @param failedPolls of those, polls taken while blocks were pending in which no block got {@code alphaConf}
 *     votes, so that they could not bring any block closer to finality (many of them: see {@link Liveness})
 * @param finalized blocks decided {@link Decision#FINALIZED}
 * @param rejected blocks decided {@link Decision#REJECTED}
 * @param pending blocks taken in and not yet decided
 * @param finalizedHeight height of the last finalized block (0 for genesis)
 * @param networkVotes votes tallied by every simulated validator of the embedded network, the local node
 *     included (0 for other networks)
 * @param certified finalized blocks that carry a quantum-finality certificate
 * @param uncertified finalized blocks for which no quorum of valid signatures could be gathered (always 0
 *     when certificates are off)
 */
public record Statistics(
        long blocksProcessed,
        long votesProcessed,
        long pollsCompleted,
        long failedPolls,
        long finalized,
        long rejected,
        long pending,
        long finalizedHeight,
        long networkVotes,
        long certified,
        long uncertified) {

    /** The counters of a chain that has seen nothing. */
    public static final Statistics EMPTY = new Statistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
