package lux.consensus.kernels.tally;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vote counting in the column layout of {@link VoteTally#tallyColumns}: one vector holds vote {@code i}
 * of as many polls as it has lanes, so every lane does useful work whatever the poll length.
 *
 * <p>For each group of up to {@value #GROUP} candidates and each vector's worth of polls, one byte
 * counter per lane and candidate is bumped by a vector compare per vote row; the counters are widened to
 * ints and stored once every {@value #BLOCK} rows, before a byte could wrap. A batch of k = 21 votes thus
 * costs, per vector of polls, 21 loads and two instructions per candidate and row, and the stores of the
 * counts. When the polls are not a whole number of vectors, the last vector ends at the last poll and so
 * overlaps the one before it; it counts the overlapped polls again and stores the same counts. Only a batch
 * of fewer polls than a vector has lanes goes to the scalar loop.
 */
final class ColumnCount {

    /** Rows per block: each lane gains at most 1 per row, so a byte counter holds at most 255 = 0xFF. */
    static final int BLOCK = 255;
    /**
     * Candidates counted in one pass over a vector's rows. Three covers the usual short poll (one or two
     * blocks in conflict, plus "no vote"); more candidates take one more pass over the votes per three.
     */
    static final int GROUP = 3;

    private ColumnCount() {
    }

    /** Fills {@code counts[0 .. polls*candidates)}, overwriting it. */
    static void count(SimdWidth width, byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        if (votesPerPoll == 0) { // no rows: every count is 0 (the block loop below would store nothing)
            Arrays.fill(counts, 0, polls * candidates, 0);
            return;
        }
        int lanes = width.bytes().length();
        if (polls < lanes) { // not one whole vector of polls
            ScalarVoteTally.countColumns(votes, 0, polls, polls, votesPerPoll, candidates, counts);
            return;
        }
        byte[] staged = new byte[GROUP * lanes];
        for (int c = 0; c < candidates; c += GROUP) {
            int group = Math.min(GROUP, candidates - c);
            countGroup(width, votes, polls, votesPerPoll, c, group, counts, staged);
        }
    }

    /**
     * Counts candidates {@code [first, first + group)} for all polls, a vector at a time, the last vector
     * ending at the last poll. Requires {@code polls >= lanes}.
     */
    private static void countGroup(SimdWidth width, byte[] votes, int polls, int votesPerPoll, int first,
            int group, int[] counts, byte[] staged) {
        VectorSpecies<Byte> species = width.bytes();
        int lanes = species.length();
        ByteVector zero = ByteVector.zero(species);
        ByteVector one = ByteVector.broadcast(species, (byte) 1);
        // Candidate indices are <= 254, so byte equality is unsigned equality. A slot past the group
        // compares with some byte value too; its counter is never stored. The candidates are broadcast
        // once here: a compare with a scalar would broadcast it again in the loop.
        ByteVector c0 = ByteVector.broadcast(species, (byte) first);
        ByteVector c1 = ByteVector.broadcast(species, (byte) (first + 1));
        ByteVector c2 = ByteVector.broadcast(species, (byte) (first + 2));
        int lastVector = polls - lanes;
        for (int p = 0; p < polls; p = p < lastVector ? Math.min(p + lanes, lastVector) : polls) {
            // A vector that overlaps the one before recomputes whole counts of the overlapped polls: its first
            // block stores them, the next blocks add to them, so they end as before.
            for (int row = 0; row < votesPerPoll; row += BLOCK) {
                int rowEnd = Math.min(votesPerPoll, row + BLOCK);
                ByteVector n0 = zero;
                ByteVector n1 = zero;
                ByteVector n2 = zero;
                for (int i = row, at = row * polls + p; i < rowEnd; i++, at += polls) {
                    ByteVector v = ByteVector.fromArray(species, votes, at);
                    // Adds 1 in the lanes equal to the candidate: one masked add where masks are registers
                    // (AVX-512), a compare and a blend on AVX2 and NEON.
                    n0 = n0.add(one, v.eq(c0));
                    n1 = n1.add(one, v.eq(c1));
                    n2 = n2.add(one, v.eq(c2));
                }
                // The counters leave the registers through a small byte array and are widened from there:
                // a method taking the vectors as arguments would be too large for the JIT to inline here
                // (calling it would box them), and widening quarters of a register costs a shuffle each.
                n0.intoArray(staged, 0);
                n1.intoArray(staged, lanes);
                n2.intoArray(staged, 2 * lanes);
                widen(width, staged, group, counts, first * polls + p, polls, row > 0);
            }
        }
    }

    /**
     * Stores (or adds, when {@code add}) the {@code group} rows of unsigned byte counters in {@code staged},
     * one vector's worth each, as ints at {@code counts[at + slot*polls ..]}.
     */
    private static void widen(SimdWidth width, byte[] staged, int group, int[] counts, int at, int polls, boolean add) {
        VectorSpecies<Byte> chunk = width.widenedBytes();
        VectorSpecies<Integer> ints = width.ints();
        int lanes = width.bytes().length();
        int parts = chunk.length() / ints.length(); // 1, or 2 at 128 bits (no byte vector of 4 lanes exists)
        for (int slot = 0; slot < group; slot++) {
            for (int j = 0; j < lanes; j += chunk.length()) {
                ByteVector bytes = ByteVector.fromArray(chunk, staged, slot * lanes + j);
                int to = at + slot * polls + j;
                // Zero-extended: the unsigned count. (No helper method taking the vector: if the JIT did not
                // inline it, the vector would be boxed.)
                IntVector low = (IntVector) bytes.convertShape(VectorOperators.ZERO_EXTEND_B2I, ints, 0);
                if (add) {
                    low = low.add(IntVector.fromArray(ints, counts, to));
                }
                low.intoArray(counts, to);
                if (parts == 2) { // the part number must be a constant for the JIT to compile the widening
                    int high = to + ints.length();
                    IntVector upper = (IntVector) bytes.convertShape(VectorOperators.ZERO_EXTEND_B2I, ints, 1);
                    if (add) {
                        upper = upper.add(IntVector.fromArray(ints, counts, high));
                    }
                    upper.intoArray(counts, high);
                }
            }
        }
    }
}
