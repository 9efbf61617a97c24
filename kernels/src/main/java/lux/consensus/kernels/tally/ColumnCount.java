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
 * <p>For each vector's worth of polls and each group of up to {@value #GROUP} candidates, one byte
 * counter per lane and candidate is bumped by a vector compare per vote row; the counters are widened to
 * ints and stored once every {@value #BLOCK} rows, before a byte could wrap. A batch of k = 21 votes thus
 * costs, per vector of polls, 21 loads and two instructions per candidate and row, and the stores of the
 * counts. Polls after the last whole vector are counted by the scalar loop.
 */
final class ColumnCount {

    /** Rows per block: each lane gains at most 1 per row, so a byte counter holds at most 255 = 0xFF. */
    static final int BLOCK = 255;
    /**
     * Candidates counted in one pass over a vector's rows. Three covers the usual short poll (one or two
     * blocks in conflict, plus "no vote"); more candidates take more passes over rows still in L1.
     */
    static final int GROUP = 3;

    /** Int vectors per byte vector of counters: a byte lane widens to an int lane, four times the bits. */
    private static final int PARTS = 4;

    private ColumnCount() {
    }

    /** Fills {@code counts[0 .. polls*candidates)}, overwriting it. */
    static void count(SimdWidth width, byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        if (votesPerPoll == 0) { // no rows: every count is 0 (the block loop below would store nothing)
            Arrays.fill(counts, 0, polls * candidates, 0);
            return;
        }
        int lanes = width.bytes().length();
        int vectorEnd = width.bytes().loopBound(polls);
        for (int p = 0; p < vectorEnd; p += lanes) {
            for (int c = 0; c < candidates; c += GROUP) {
                countGroup(width, votes, p, polls, votesPerPoll, c, Math.min(GROUP, candidates - c), counts);
            }
        }
        ScalarVoteTally.countColumns(votes, vectorEnd, polls, polls, votesPerPoll, candidates, counts);
    }

    /** Counts candidates {@code [first, first + group)} for the polls of one vector starting at poll {@code p}. */
    private static void countGroup(SimdWidth width, byte[] votes, int p, int polls, int votesPerPoll, int first,
            int group, int[] counts) {
        VectorSpecies<Byte> species = width.bytes();
        ByteVector zero = ByteVector.zero(species);
        ByteVector one = ByteVector.broadcast(species, (byte) 1);
        // Candidate indices are <= 254, so byte equality is unsigned equality. A slot past the group
        // compares with some byte value too; its counter is never stored. The candidates are broadcast
        // once here: a compare with a scalar would broadcast it again in the loop.
        ByteVector c0 = ByteVector.broadcast(species, (byte) first);
        ByteVector c1 = ByteVector.broadcast(species, (byte) (first + 1));
        ByteVector c2 = ByteVector.broadcast(species, (byte) (first + 2));
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
            // Widened to ints in place: a method taking the vectors as arguments would be too large for
            // the JIT to inline here, and calling it would box them.
            VectorSpecies<Integer> ints = width.ints();
            int at = first * polls + p;
            boolean add = row > 0;
            for (int part = 0, to = at; part < PARTS; part++, to += ints.length()) {
                // B2I sign-extends one quarter of the byte lanes; & 0xFF makes that the unsigned count.
                IntVector w0 = ((IntVector) n0.convertShape(VectorOperators.B2I, ints, part)).and(0xFF);
                IntVector w1 = ((IntVector) n1.convertShape(VectorOperators.B2I, ints, part)).and(0xFF);
                IntVector w2 = ((IntVector) n2.convertShape(VectorOperators.B2I, ints, part)).and(0xFF);
                if (add) {
                    w0 = w0.add(IntVector.fromArray(ints, counts, to));
                    w1 = group > 1 ? w1.add(IntVector.fromArray(ints, counts, to + polls)) : w1;
                    w2 = group > 2 ? w2.add(IntVector.fromArray(ints, counts, to + 2 * polls)) : w2;
                }
                w0.intoArray(counts, to);
                if (group > 1) {
                    w1.intoArray(counts, to + polls);
                }
                if (group > 2) {
                    w2.intoArray(counts, to + 2 * polls);
                }
            }
        }
    }
}
