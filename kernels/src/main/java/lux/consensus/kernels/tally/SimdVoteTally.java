package lux.consensus.kernels.tally;

import java.util.Arrays;

/**
 * A {@link VoteTally} on the Java Vector API ({@code jdk.incubator.vector}), computing exactly what
 * {@link ScalarVoteTally} computes.
 *
 * <p>Each call picks a path by the shape of the batch (see {@code countPath}, {@code weightPath}); all
 * paths give identical results, and the vector paths are for few candidates ({@value #FEW_CANDIDATES}
 * or fewer, the usual case):
 * <ul>
 *   <li>short polls (k = 21 and the like) stream over the flat array in whole vectors
 *       ({@code StreamingCount});</li>
 *   <li>long polls ({@value #LONG_POLL_VECTORS} vectors or more) are counted poll by poll with per-lane
 *       counters ({@code PerPollCount}) or per-lane sums of weights ({@code PerPollWeight});</li>
 *   <li>everything else (tiny polls, many candidates, weighted short polls) runs the scalar loop of
 *       {@link ScalarVoteTally}.</li>
 * </ul>
 * The vector classes are loaded only when an instance is built; building one without the
 * {@code jdk.incubator.vector} module throws {@link UnsupportedOperationException}.
 */
public final class SimdVoteTally implements VoteTally {

    /** Polls shorter than this are counted by the scalar loop: splitting a vector among many polls costs more. */
    static final int MIN_STREAM_VOTES = 4;
    /** Polls of at least this many whole vectors take the per-poll paths. */
    static final int LONG_POLL_VECTORS = 4;
    /**
     * Most candidates the vector paths take. The per-poll count compares every vector with each
     * candidate (one pass per four candidates), the per-poll weights make one pass per candidate, and the
     * streaming path one compare per distinct candidate in a vector; with more candidates the scalar
     * loop, one step per vote, is as fast or faster.
     */
    static final int FEW_CANDIDATES = 4;

    /**
     * Most candidates the column path counts with vectors: two instructions per candidate and vector of
     * votes against about three per vote in the scalar loop, so vectors win up to several dozen
     * candidates; 16 keeps a margin.
     */
    static final int COLUMN_CANDIDATES = 16;

    private static final String MODULE = "jdk.incubator.vector";

    /** The ways to count one batch. */
    enum CountPath { SCALAR, STREAM, PER_POLL }

    /** The ways to weigh one batch. */
    enum WeightPath { SCALAR, PER_POLL }

    private final SimdWidth width;
    private final String name;

    /**
     * Builds the backend for one vector width. Every width works on every machine (the Vector API runs
     * widths the hardware lacks in software, slowly), so tests can run the 128-bit NEON path on x86.
     *
     * @param bits vector width: 128, 256 or 512
     * @throws UnsupportedOperationException if the width is not one of those, or the
     *         {@code jdk.incubator.vector} module is not in the boot layer
     */
    public SimdVoteTally(int bits) {
        requireVectorModule();
        this.width = SimdWidth.of(bits);
        this.name = "simd-" + bits;
    }

    /**
     * The backend at the JVM's preferred vector width.
     *
     * @throws UnsupportedOperationException if the preferred width is below 128 bits or the module is absent
     */
    public static SimdVoteTally preferred() {
        return new SimdVoteTally(preferredBits());
    }

    /**
     * Width in bits of the JVM's preferred byte vector (the hardware's, capped by {@code -XX:MaxVectorSize}).
     *
     * @throws UnsupportedOperationException if the {@code jdk.incubator.vector} module is absent
     */
    public static int preferredBits() {
        requireVectorModule();
        return SimdWidth.preferredBits();
    }

    private static void requireVectorModule() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            throw new UnsupportedOperationException("module " + MODULE
                    + " is not in the boot layer; run the JVM with --add-modules " + MODULE);
        }
    }

    /** The path for counting a batch of this shape; every path gives the same counts. */
    static CountPath countPath(int votesPerPoll, int candidates, int lanes) {
        if (votesPerPoll < MIN_STREAM_VOTES || candidates > FEW_CANDIDATES) {
            return CountPath.SCALAR;
        }
        return votesPerPoll >= LONG_POLL_VECTORS * lanes ? CountPath.PER_POLL : CountPath.STREAM;
    }

    /** The path for weighing a batch of this shape; every path gives the same sums. */
    static WeightPath weightPath(int votesPerPoll, int candidates, int lanes) {
        if (votesPerPoll >= LONG_POLL_VECTORS * lanes && candidates <= FEW_CANDIDATES) {
            return WeightPath.PER_POLL;
        }
        return WeightPath.SCALAR;
    }

    @Override
    public void tally(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        count(countPath(votesPerPoll, candidates, width.bytes().length()), votes, polls, votesPerPoll, candidates,
                counts);
    }

    /** Counts along a given path, arguments already checked. Package-private so tests can run every path. */
    void count(CountPath path, byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        if (path == CountPath.SCALAR) {
            ScalarVoteTally.count(votes, polls, votesPerPoll, candidates, counts);
            return;
        }
        if (path == CountPath.PER_POLL) {
            PerPollCount.count(width, votes, polls, votesPerPoll, candidates, counts);
            return;
        }
        Arrays.fill(counts, 0, polls * candidates, 0);
        if (votesPerPoll > 0 && candidates > 0) {
            StreamingCount.count(width, votes, polls, votesPerPoll, candidates, counts);
        }
    }

    /**
     * Counts in the column layout: whole vectors of polls in {@code ColumnCount} when there are few enough
     * candidates ({@value #COLUMN_CANDIDATES} or fewer: a vector of votes costs one compare per candidate),
     * otherwise, and for the polls after the last whole vector, the scalar column loop.
     */
    @Override
    public void tallyColumns(byte[] votes, int polls, int votesPerPoll, int candidates, int[] counts) {
        TallyArguments.check(votes, polls, votesPerPoll, candidates, counts);
        if (candidates <= COLUMN_CANDIDATES) {
            ColumnCount.count(width, votes, polls, votesPerPoll, candidates, counts);
        } else {
            ScalarVoteTally.countColumns(votes, 0, polls, polls, votesPerPoll, candidates, counts);
        }
    }

    @Override
    public void tallyWeighted(byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates,
            long[] counts) {
        TallyArguments.check(votes, weights, polls, votesPerPoll, candidates, counts);
        weigh(weightPath(votesPerPoll, candidates, width.bytes().length()), votes, weights, polls, votesPerPoll,
                candidates, counts);
    }

    /** Weighs along a given path, arguments already checked. Package-private so tests can run every path. */
    void weigh(WeightPath path, byte[] votes, long[] weights, int polls, int votesPerPoll, int candidates,
            long[] counts) {
        if (path == WeightPath.PER_POLL) {
            PerPollWeight.weigh(width, votes, weights, polls, votesPerPoll, candidates, counts);
            return;
        }
        ScalarVoteTally.weigh(votes, weights, polls, votesPerPoll, candidates, counts);
    }

    /** Byte lanes per vector at this width. */
    int lanes() {
        return width.bytes().length();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int vectorBits() {
        return width.bits();
    }

    @Override
    public String toString() {
        return "SimdVoteTally[" + name + "]";
    }
}
