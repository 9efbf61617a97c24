package lux.consensus.network;

import lux.consensus.Id;
import lux.consensus.snow.VoteBag;

/**
 * The column layout of {@link lux.consensus.kernels.tally.VoteTally#tallyColumns} as the networks use it: the
 * answers of poll {@code p} become small candidate indices into {@code candidates[p * k ..]}, and the kernel's
 * counts ({@code counts[c * polls + p]}) go back into a {@link VoteBag}.
 */
final class PollColumns {
    private PollColumns() {
    }

    /**
     * The index of {@code answer} among the poll's {@code distinct} candidates so far, starting at {@code base};
     * a new answer is appended (the result is then {@code distinct}, and the caller counts one more).
     */
    static int candidateIndex(Id[] candidates, int base, int distinct, Id answer) {
        int c = 0;
        while (c < distinct && !candidates[base + c].equals(answer)) {
            c++;
        }
        if (c == distinct) {
            candidates[base + distinct] = answer;
        }
        return c;
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
