package lux.consensus.network;

import lux.consensus.Id;
import lux.consensus.kernels.tally.VoteTally;
import lux.consensus.snow.VoteBag;

/**
 * The column layout of {@link VoteTally#tallyColumns} as the networks use it: the
 * answers of poll {@code p} become small candidate indices into {@code candidates[p * k ..]}, and the kernel's
 * counts ({@code counts[c * polls + p]}) go back into a {@link VoteBag}.
 */
final class PollColumns {
    private PollColumns() {
    }

    /**
     * Writes one answer of poll {@code p} into the column layout: at {@code votes[slot]} its index among the
     * poll's candidates so far (those from {@code base}), appending a new one, or {@link VoteTally#NO_VOTE} for
     * no answer (null).
     *
     * @return the number of the poll's distinct candidates after this answer
     */
    static int encode(Id answer, byte[] votes, int slot, Id[] candidates, int base, int distinct) {
        if (answer == null) {
            votes[slot] = VoteTally.NO_VOTE;
            return distinct;
        }
        int c = 0;
        while (c < distinct && !candidates[base + c].equals(answer)) {
            c++;
        }
        if (c == distinct) {
            candidates[base + distinct++] = answer;
        }
        votes[slot] = (byte) c;
        return distinct;
    }

    /**
     * Fills {@code bag} with poll {@code p}'s counts.
     *
     * @return the votes counted
     */
    static int fillBag(VoteBag bag, Id[] candidates, int base, int distinct, int[] counts, int polls, int p) {
        bag.clear();
        int tallied = 0;
        for (int c = 0; c < distinct; c++) {
            int count = counts[c * polls + p];
            if (count > 0) {
                bag.add(candidates[base + c], count);
                tallied += count;
            }
        }
        return tallied;
    }
}
