package lux.consensus.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The vote tally as TornadoVM Java kernels: the function {@code ScalarVoteTally} computes, for one chunk of polls.
 *
 * <p>One thread per (poll, candidate) pair, {@code g = p * candidates + c}: it scans the poll's votes, counts (or
 * sums the weights of) those equal to {@code c} and writes its one result, so no two threads write the same place.
 * {@code shape} holds the chunk's polls, votes per poll and candidates; the grid may be larger than
 * {@code polls * candidates} (threads past it return at once). The host keeps every index below 2^31.
 */
final class TallyKernels {

    /** Index of the chunk's poll count in {@code shape}. */
    static final int POLLS = 0;
    /** Index of the votes per poll in {@code shape}. */
    static final int VOTES_PER_POLL = 1;
    /** Index of the candidate count in {@code shape}. */
    static final int CANDIDATES = 2;

    private TallyKernels() {
    }

    /** {@code counts[g]} = the number of votes of poll p naming candidate c. */
    static void count(KernelContext context, ByteArray votes, IntArray shape, IntArray counts) {
        int g = context.globalIdx;
        int votesPerPoll = shape.get(VOTES_PER_POLL);
        int candidates = shape.get(CANDIDATES);
        if (g < shape.get(POLLS) * candidates) {
            int p = g / candidates;
            int c = g - p * candidates;
            int base = p * votesPerPoll;
            int n = 0;
            for (int i = 0; i < votesPerPoll; i++) {
                if ((votes.get(base + i) & 0xFF) == c) { // a byte >= candidates never equals c
                    n++;
                }
            }
            counts.set(g, n);
        }
    }

    /** {@code sums[g]} = the sum of the weights of the votes of poll p naming candidate c, wrapping like long. */
    static void weigh(KernelContext context, ByteArray votes, LongArray weights, IntArray shape, LongArray sums) {
        int g = context.globalIdx;
        int votesPerPoll = shape.get(VOTES_PER_POLL);
        int candidates = shape.get(CANDIDATES);
        if (g < shape.get(POLLS) * candidates) {
            int p = g / candidates;
            int c = g - p * candidates;
            int base = p * votesPerPoll;
            long sum = 0;
            for (int i = 0; i < votesPerPoll; i++) {
                if ((votes.get(base + i) & 0xFF) == c) {
                    sum += weights.get(base + i);
                }
            }
            sums.set(g, sum);
        }
    }
}
