package lux.consensus.kernels.tally;

import static lux.consensus.kernels.tally.TallyInputs.CANDIDATES;
import static lux.consensus.kernels.tally.TallyInputs.VOTES_PER_POLL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import lux.consensus.kernels.tally.SimdVoteTally.CountPath;
import lux.consensus.kernels.tally.SimdVoteTally.WeightPath;
import lux.consensus.kernels.tally.TallyInputs.Fill;
import lux.consensus.kernels.tally.TallyInputs.Weights;
import org.junit.jupiter.api.Test;

/**
 * {@link SimdVoteTally} at one width: the whole contract, plus every internal path forced on every
 * shape (the public methods pick one path per shape, so some paths would otherwise see few shapes).
 */
abstract class SimdVoteTallyTestCase extends VoteTallyTestCase {

    private final SimdVoteTally simd = new SimdVoteTally(bits());

    /** The vector width under test. */
    abstract int bits();

    @Override
    VoteTally backend() {
        return simd;
    }

    @Test
    void describesItself() {
        assertEquals("simd-" + bits(), simd.name());
        assertEquals(bits(), simd.vectorBits());
        assertEquals(bits() / 8, simd.lanes());
    }

    @Test
    void picksPathsByShape() {
        int lanes = simd.lanes();
        assertEquals(CountPath.SCALAR, SimdVoteTally.countPath(3, 2, lanes));
        assertEquals(CountPath.STREAM, SimdVoteTally.countPath(4, 1, lanes));
        assertEquals(CountPath.STREAM, SimdVoteTally.countPath(21, 2, lanes));
        assertEquals(CountPath.STREAM, SimdVoteTally.countPath(4 * lanes - 1, 4, lanes));
        assertEquals(CountPath.PER_POLL, SimdVoteTally.countPath(4 * lanes, 4, lanes));
        assertEquals(CountPath.SCALAR, SimdVoteTally.countPath(21, 5, lanes));
        assertEquals(CountPath.SCALAR, SimdVoteTally.countPath(4 * lanes, 255, lanes));
        assertEquals(WeightPath.SCALAR, SimdVoteTally.weightPath(21, 2, lanes));
        assertEquals(WeightPath.PER_POLL, SimdVoteTally.weightPath(4 * lanes, 4, lanes));
        assertEquals(WeightPath.SCALAR, SimdVoteTally.weightPath(4 * lanes, 5, lanes));
    }

    @Test
    void everyCountPathMatchesReferenceOnEveryShape() {
        SplittableRandom random = new SplittableRandom(0x7A11_0101L);
        for (CountPath path : CountPath.values()) {
            for (int votesPerPoll : VOTES_PER_POLL) {
                for (int candidates : CANDIDATES) {
                    if (path == CountPath.PER_POLL && candidates > 17) {
                        continue; // a compare per candidate and vector: the rule never sends many candidates here
                    }
                    for (int polls : new int[] {0, 1, 3, 7}) {
                        Fill fill = votesPerPoll % 2 == 0 ? Fill.MIXED : Fill.values()[candidates % Fill.values().length];
                        byte[] votes = TallyInputs.votes(random, polls * votesPerPoll, candidates, fill);
                        int[] expected = TallyInputs.counts(polls, candidates);
                        REFERENCE.tally(votes, polls, votesPerPoll, candidates, expected);
                        int[] actual = TallyInputs.counts(polls, candidates);
                        simd.count(path, votes, polls, votesPerPoll, candidates, actual);
                        assertArrayEquals(expected, actual,
                                () -> path + " " + TallyInputs.shape(polls, votesPerPoll, candidates, fill));
                    }
                }
            }
        }
    }

    @Test
    void perPollCountMatchesReferenceWithEveryCandidateGrouping() {
        // count() reads polls in cache once per candidate; polls beyond CACHED_POLL_BYTES once per GROUP
        // candidates. Both loops, forced here on the shapes of the path test (and a poll of two blocks).
        SplittableRandom random = new SplittableRandom(0x7A11_0104L);
        SimdWidth width = SimdWidth.of(bits());
        for (int group = 1; group <= PerPollCount.GROUP; group++) {
            for (int votesPerPoll : new int[] {4 * simd.lanes(), 1000, 4099, 2 * PerPollCount.BLOCK * simd.lanes() + 7}) {
                for (int candidates : new int[] {0, 1, 2, 3, 4, 5, 7, 17}) {
                    for (int polls : new int[] {0, 1, 3}) {
                        Fill fill = Fill.values()[(votesPerPoll + candidates + polls) % Fill.values().length];
                        byte[] votes = TallyInputs.votes(random, polls * votesPerPoll, candidates, fill);
                        int[] expected = TallyInputs.counts(polls, candidates);
                        REFERENCE.tally(votes, polls, votesPerPoll, candidates, expected);
                        int[] actual = TallyInputs.counts(polls, candidates);
                        PerPollCount.count(width, votes, polls, votesPerPoll, candidates, actual, group);
                        int g = group;
                        assertArrayEquals(expected, actual, () -> "group " + g + " "
                                + TallyInputs.shape(polls, votesPerPoll, candidates, fill));
                    }
                }
            }
        }
    }

    @Test
    void columnKernelMatchesReferenceOnEveryShape() {
        // The vector column kernel forced for every candidate count (tallyColumns sends many candidates to
        // the scalar loop), on poll counts around whole vectors: a batch of fewer polls than lanes (the scalar
        // loop), whole vectors, and a last vector overlapping the one before, with one block of rows or several.
        SplittableRandom random = new SplittableRandom(0x7A11_0103L);
        SimdWidth width = SimdWidth.of(bits());
        int lanes = simd.lanes();
        for (int votesPerPoll : VOTES_PER_POLL) {
            for (int candidates : CANDIDATES) {
                for (int polls : new int[] {0, 1, lanes - 1, lanes, lanes + 1, 3 * lanes + 5}) {
                    if (votesPerPoll > 300 && polls > lanes + 1) {
                        continue; // long polls are covered by the smaller batches; keep the test quick
                    }
                    Fill fill = Fill.values()[(votesPerPoll + candidates) % Fill.values().length];
                    byte[] rows = TallyInputs.votes(random, polls * votesPerPoll, candidates, fill);
                    int[] expected = TallyInputs.counts(polls, candidates);
                    REFERENCE.tally(rows, polls, votesPerPoll, candidates, expected);
                    int[] actual = TallyInputs.counts(polls, candidates);
                    ColumnCount.count(width, TallyInputs.columns(rows, polls, votesPerPoll), polls, votesPerPoll,
                            candidates, actual);
                    assertArrayEquals(TallyInputs.columns(expected, polls, candidates), actual,
                            () -> "columns " + TallyInputs.shape(polls, votesPerPoll, candidates, fill));
                }
            }
        }
    }

    @Test
    void everyWeightPathMatchesReferenceOnEveryShape() {
        SplittableRandom random = new SplittableRandom(0x7A11_0102L);
        for (WeightPath path : WeightPath.values()) {
            for (int votesPerPoll : VOTES_PER_POLL) {
                for (int candidates : new int[] {0, 1, 2, 3, 17}) {
                    for (int polls : new int[] {0, 1, 3}) {
                        Weights kind = Weights.values()[(votesPerPoll + candidates) % Weights.values().length];
                        int length = polls * votesPerPoll;
                        byte[] votes = TallyInputs.votes(random, length, candidates, Fill.MIXED);
                        long[] weights = TallyInputs.weights(random, length, votesPerPoll, kind);
                        long[] expected = TallyInputs.longCounts(polls, candidates);
                        REFERENCE.tallyWeighted(votes, weights, polls, votesPerPoll, candidates, expected);
                        long[] actual = TallyInputs.longCounts(polls, candidates);
                        simd.weigh(path, votes, weights, polls, votesPerPoll, candidates, actual);
                        assertArrayEquals(expected, actual,
                                () -> path + " " + kind + " " + TallyInputs.shape(polls, votesPerPoll, candidates, "MIXED"));
                    }
                }
            }
        }
    }
}
