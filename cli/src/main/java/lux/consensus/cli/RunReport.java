package lux.consensus.cli;

/** The main job's summary. Times in nanoseconds. */
record RunReport(
        long blocks,
        long finalized,
        long rejected,
        long pending,
        long latencyP50,
        long latencyP99,
        long elapsed,
        long localVotes,
        long networkVotes,
        long localPolls,
        long finalizedHeight,
        long certified,
        long uncertified,
        String backend,
        int vectorBits) {

    String format() {
        double seconds = elapsed / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("blocks      %,d added: %,d finalized, %,d rejected, %,d pending (finalized height %,d)%n",
                blocks, finalized, rejected, pending, finalizedHeight));
        sb.append(String.format("finality    p50 %.3f ms, p99 %.3f ms (from addBatch to decision)%n", latencyP50 / 1e6, latencyP99 / 1e6));
        sb.append(String.format("throughput  %,.0f blocks/s over %.3f s%n", blocks / seconds, seconds));
        sb.append(String.format("votes       %,.0f votes/s tallied by this node (%,d votes in %,d polls); %,.0f votes/s network-wide%n",
                localVotes / seconds, localVotes, localPolls, networkVotes / seconds));
        sb.append(String.format("certified   %,d finalized blocks carry a BLS12-381 + ML-DSA quorum certificate; %,d lack one%n",
                certified, uncertified));
        sb.append(String.format("kernel      vote tally %s, vector width %d bits%n", backend, vectorBits));
        return sb.toString();
    }
}
