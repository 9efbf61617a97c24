package lux.consensus.benchmarks;

import java.util.SplittableRandom;
import lux.consensus.kernels.tally.VoteTally;

/** Random vote bytes for the tally benchmarks. */
final class BenchVotes {

    private BenchVotes() {
    }

    /** {@code n} votes, each a candidate {@code 0..candidates-1} or {@link VoteTally#NO_VOTE}, all equally likely. */
    static byte[] random(int n, int candidates, long seed) {
        byte[] votes = new byte[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(candidates + 1);
            votes[i] = r == candidates ? VoteTally.NO_VOTE : (byte) r;
        }
        return votes;
    }
}
