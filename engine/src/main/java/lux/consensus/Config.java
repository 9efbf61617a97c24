package lux.consensus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.snow.Parameters;
import lux.consensus.snow.PreferenceRule;

/**
 * Validated consensus and network parameters of a {@link Chain}. Immutable; build with {@link #builder()}.
 *
 * <p>Consensus parameters follow avalanchego's split-alpha snowball ({@code snow/consensus/snowball/parameters.go}):
 * a poll samples {@code k} distinct units of stake, as avalanchego does (a validator holding several of the
 * units drawn answers once and counts once per unit); {@code alphaPref} votes move a preference,
 * {@code alphaConf} votes count towards confidence, {@code beta} consecutive confident polls finalize.
 * {@link #validate} states every invariant of the numbers in one place and names the values that break it;
 * {@link Builder#build()} also refuses stakes and thresholds under which a fork could never be decided
 * (see {@link Liveness}).
 */
public final class Config {
    /** Largest {@code k}: the vote-tally kernel encodes a poll's candidates in one byte. */
    public static final int MAX_K = 255;
    /** Validators generated when none are given: {@code max(k, DEFAULT_VALIDATORS)}. */
    public static final int DEFAULT_VALIDATORS = 21;
    /**
     * Stake of each validator when none is given: 2,000 tokens of 10^9 units, in units. Polls sample units,
     * so stakes in realistic units make every poll a fresh random draw even when {@code k} equals the
     * number of validators.
     */
    public static final long DEFAULT_STAKE = 2_000L * 1_000_000_000L;
    /** The default seed, so that runs are reproducible unless a seed is chosen. */
    public static final long DEFAULT_SEED = 0x4C55_5843_4F4E_5345L;

    private final int k;
    private final int alphaPref;
    private final int alphaConf;
    private final int beta;
    private final int qRounds;
    private final int concurrentPolls;
    private final int batchSize;
    private final long seed;
    private final List<Id> validators;
    private final long[] stakes;
    private final long totalStake;
    private final Id nodeId;
    private final double silentFraction;
    private final double byzantineFraction;
    private final ByzantineBehavior byzantineBehavior;
    private final PreferenceRule preferenceRule;
    private final Id chainId;
    /** Whether the chain id was chosen, rather than derived from the seed (a derived one follows the seed). */
    private final boolean chainIdChosen;
    private final MlDsaParams mlDsaParams;
    private final java.time.Duration stallWarningAfter;
    private final java.nio.file.Path dataDir;
    private final int memoryWindow;

    /** How simulated Byzantine validators of the embedded network answer polls. */
    public enum ByzantineBehavior {
        /** Answer with a processing block that conflicts with their own preferred chain, when there is one. */
        CONFLICTING,
        /** Answer with a block chosen uniformly at random among those they know, accepted ones included. */
        RANDOM
    }

    private Config(Builder b, List<Id> validators, long[] stakes, long totalStake, Id nodeId) {
        this.k = b.k;
        this.alphaPref = b.alphaPref;
        this.alphaConf = b.alphaConf;
        this.beta = b.beta;
        this.qRounds = b.qRounds;
        this.concurrentPolls = b.concurrentPolls;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.validators = validators;
        this.stakes = stakes;
        this.totalStake = totalStake;
        this.nodeId = nodeId;
        this.silentFraction = b.silentFraction;
        this.byzantineFraction = b.byzantineFraction;
        this.byzantineBehavior = b.byzantineBehavior;
        this.preferenceRule = b.preferenceRule;
        this.chainId = b.chainId != null ? b.chainId : derivedChainId(b.seed);
        this.chainIdChosen = b.chainId != null;
        this.mlDsaParams = b.mlDsaParams;
        this.stallWarningAfter = b.stallWarningAfter;
        this.dataDir = b.dataDir;
        this.memoryWindow = b.memoryWindow;
    }

    /** SHA-256("lux-consensus/chain-id" | seed): a chain id that is stable for a seed. */
    private static Id derivedChainId(long seed) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update("lux-consensus/chain-id".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sha.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            return Id.of(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** k 21, alphaPref 15, alphaConf 18, beta 8, qRounds 2, 21 validators, concurrentPolls 10, batchSize 100. */
    public static Config defaults() {
        return builder().build();
    }

    /** The SDK's high-security preset: k 50, alphaPref 35, alphaConf 40, beta 15. */
    public static Builder highSecurity() {
        return builder().k(50).alphaPref(35).alphaConf(40).beta(15);
    }

    /** The SDK's high-performance preset: k 11, alphaPref 8, alphaConf 9, beta 5. */
    public static Builder highPerformance() {
        return builder().k(11).alphaPref(8).alphaConf(9).beta(5);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.k = k;
        b.alphaPref = alphaPref;
        b.alphaConf = alphaConf;
        b.beta = beta;
        b.qRounds = qRounds;
        b.concurrentPolls = concurrentPolls;
        b.batchSize = batchSize;
        b.seed = seed;
        b.validators = validators;
        b.stakes = stakes.clone();
        b.nodeId = nodeId;
        b.silentFraction = silentFraction;
        b.byzantineFraction = byzantineFraction;
        b.byzantineBehavior = byzantineBehavior;
        b.preferenceRule = preferenceRule;
        b.chainId = chainIdChosen ? chainId : null;
        b.mlDsaParams = mlDsaParams;
        b.stallWarningAfter = stallWarningAfter;
        b.dataDir = dataDir;
        b.memoryWindow = memoryWindow;
        return b;
    }

    /** Validators sampled per poll. */
    public int k() {
        return k;
    }

    /** Votes needed to move a preference. */
    public int alphaPref() {
        return alphaPref;
    }

    /** Votes needed for a poll to count towards confidence. */
    public int alphaConf() {
        return alphaConf;
    }

    /** Consecutive confident polls that finalize. */
    public int beta() {
        return beta;
    }

    /**
     * Certificate rounds after finality: 0 turns quantum-finality certificates off; 1 collects the BLS and
     * ML-DSA signatures in one round; 2 (the default) collects BLS signatures, then ML-DSA signatures. The
     * embedded network answers every round at once, so 1 and 2 (and more, which act as 2) give the same
     * certificates there.
     */
    public int qRounds() {
        return qRounds;
    }

    /** Polls the local node keeps in flight at once; their votes are tallied in one kernel call. */
    public int concurrentPolls() {
        return concurrentPolls;
    }

    /** Most blocks handed to the engine (and decided together) in one step. */
    public int batchSize() {
        return batchSize;
    }

    /** Seed of every random choice of the engine and the embedded network. */
    public long seed() {
        return seed;
    }

    /** The validator set, in a fixed order (unmodifiable). */
    public List<Id> validators() {
        return validators;
    }

    /** Stake of validator {@code i} (same order as {@link #validators()}). */
    public long stake(int i) {
        return stakes[i];
    }

    /** Units of stake of all validators together: what a poll samples {@code k} of. */
    public long totalStake() {
        return totalStake;
    }

    /** The local node's id: one of the validators. */
    public Id nodeId() {
        return nodeId;
    }

    /** Fraction of validators (never the local node) that never answer polls. */
    public double silentFraction() {
        return silentFraction;
    }

    /** Fraction of validators (never the local node) that answer polls dishonestly. */
    public double byzantineFraction() {
        return byzantineFraction;
    }

    public ByzantineBehavior byzantineBehavior() {
        return byzantineBehavior;
    }

    /** How decision points choose their preference: snowball strengths (default) or the last successful poll. */
    public PreferenceRule preferenceRule() {
        return preferenceRule;
    }

    /** The chain's id, named in every certificate. Default: derived from the seed. */
    public Id chainId() {
        return chainId;
    }

    /** The ML-DSA parameter set of the validators' lattice keys. Default: ML-DSA-65. */
    public MlDsaParams mlDsaParams() {
        return mlDsaParams;
    }

    /**
     * How long blocks may wait with nothing decided before the chain reports a stall (one WARN line, and
     * {@link Chain#stallReport()}). Default: 10 seconds.
     */
    public java.time.Duration stallWarningAfter() {
        return stallWarningAfter;
    }

    /**
     * Where the chain keeps its blocks, decisions and certificates (a RocksDB database), so that they survive
     * restarts and crashes; null (the default) keeps everything in memory.
     */
    public java.nio.file.Path dataDir() {
        return dataDir;
    }

    /**
     * Decided blocks the chain keeps in its own structures; older ones are read from its store on demand, so
     * the heap does not grow with the chain beyond the store's own share. Default {@value Builder#DEFAULT_MEMORY_WINDOW}.
     */
    public int memoryWindow() {
        return memoryWindow;
    }

    /** The snowball parameters of the engine. */
    public Parameters parameters() {
        return new Parameters(k, alphaPref, alphaConf, beta);
    }

    @Override
    public String toString() {
        return "Config{k=" + k + ", alphaPref=" + alphaPref + ", alphaConf=" + alphaConf + ", beta=" + beta
                + ", qRounds=" + qRounds + ", validators=" + validators.size() + ", concurrentPolls=" + concurrentPolls
                + ", batchSize=" + batchSize + ", seed=" + seed + ", silent=" + silentFraction
                + ", byzantine=" + byzantineFraction + " " + byzantineBehavior + ", rule=" + preferenceRule
                + (qRounds > 0 ? ", certificates=BLS12-381+" + mlDsaParams : ", certificates=off")
                + (dataDir != null ? ", dataDir=" + dataDir : "") + "}";
    }

    /**
     * Checks every invariant of the parameters; each error names the violated condition and the values.
     *
     * @throws IllegalArgumentException on the first violated condition
     */
    static void validate(int k, int alphaPref, int alphaConf, int beta, int qRounds, int concurrentPolls, int batchSize) {
        require(k >= 1, "k must satisfy k >= 1, got k=" + k);
        require(k <= MAX_K, "k must satisfy k <= " + MAX_K + " (a poll's candidates are tallied as bytes), got k=" + k);
        require(alphaPref > k / 2, "alphaPref must satisfy k/2 < alphaPref, got k=" + k + " alphaPref=" + alphaPref);
        require(alphaConf >= alphaPref,
                "alphaConf must satisfy alphaPref <= alphaConf, got alphaPref=" + alphaPref + " alphaConf=" + alphaConf);
        require(alphaConf <= k, "alphaConf must satisfy alphaConf <= k, got k=" + k + " alphaConf=" + alphaConf);
        require(beta >= 1, "beta must satisfy beta >= 1, got beta=" + beta);
        require(qRounds >= 0, "qRounds must satisfy qRounds >= 0, got qRounds=" + qRounds);
        require(concurrentPolls >= 1, "concurrentPolls must satisfy concurrentPolls >= 1, got concurrentPolls=" + concurrentPolls);
        require(batchSize >= 1, "batchSize must satisfy batchSize >= 1, got batchSize=" + batchSize);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds a {@link Config}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int k = 21;
        private int alphaPref = 15;
        private int alphaConf = 18;
        private int beta = 8;
        private int qRounds = 2;
        private int concurrentPolls = 10;
        private int batchSize = 100;
        private long seed = DEFAULT_SEED;
        private List<Id> validators;
        private long[] stakes;
        private int validatorCount;
        private Id nodeId;
        private double silentFraction;
        private double byzantineFraction;
        private ByzantineBehavior byzantineBehavior = ByzantineBehavior.CONFLICTING;
        private PreferenceRule preferenceRule = PreferenceRule.SNOWBALL;
        private Id chainId;
        private MlDsaParams mlDsaParams = MlDsaParams.ML_DSA_65;
        private java.time.Duration stallWarningAfter = java.time.Duration.ofSeconds(10);
        /** Decided blocks kept in the chain's own structures by default. */
        public static final int DEFAULT_MEMORY_WINDOW = 4_096;
        private java.nio.file.Path dataDir;
        private int memoryWindow = DEFAULT_MEMORY_WINDOW;

        private Builder() {
        }

        public Builder k(int k) {
            this.k = k;
            return this;
        }

        public Builder alphaPref(int alphaPref) {
            this.alphaPref = alphaPref;
            return this;
        }

        public Builder alphaConf(int alphaConf) {
            this.alphaConf = alphaConf;
            return this;
        }

        public Builder beta(int beta) {
            this.beta = beta;
            return this;
        }

        public Builder qRounds(int qRounds) {
            this.qRounds = qRounds;
            return this;
        }

        public Builder concurrentPolls(int concurrentPolls) {
            this.concurrentPolls = concurrentPolls;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The local node's id; it must be one of the validators. Default: the first validator. */
        public Builder nodeId(Id nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** The validator set, each with {@link #DEFAULT_STAKE}. Replaces any earlier {@link #validatorCount}. */
        public Builder validators(List<Id> validators) {
            this.validators = validators == null ? null : List.copyOf(validators);
            this.stakes = null;
            this.validatorCount = 0;
            return this;
        }

        /**
         * The validator set with stakes in units (same order): polls sample {@code k} distinct units, so a
         * validator is drawn in proportion to its stake. Give stakes in fine units (as chains count tokens in
         * 10^9 or 10^18 units): with few units polls stop being random and forks may never be decided, which
         * {@link #build()} refuses.
         */
        public Builder validators(List<Id> validators, List<Long> stakes) {
            validators(validators);
            Objects.requireNonNull(stakes, "stakes must not be null");
            this.stakes = new long[stakes.size()];
            for (int i = 0; i < this.stakes.length; i++) {
                this.stakes[i] = Objects.requireNonNull(stakes.get(i), "stake " + i + " must not be null");
            }
            return this;
        }

        /** Generate {@code count} validators (ids derived from the seed) instead of listing them. */
        public Builder validatorCount(int count) {
            this.validatorCount = count;
            this.validators = null;
            this.stakes = null;
            return this;
        }

        /** Fraction (0..1) of the other validators that never answer. */
        public Builder silentFraction(double fraction) {
            this.silentFraction = fraction;
            return this;
        }

        /** Fraction (0..1) of the other validators that answer dishonestly, and how. */
        public Builder byzantine(double fraction, ByzantineBehavior behavior) {
            this.byzantineFraction = fraction;
            this.byzantineBehavior = behavior;
            return this;
        }

        /** The chain id certificates name (default: derived from the seed). */
        public Builder chainId(Id chainId) {
            this.chainId = chainId;
            return this;
        }

        /** The validators' ML-DSA parameter set (default ML-DSA-65). */
        public Builder mlDsaParams(MlDsaParams params) {
            this.mlDsaParams = params;
            return this;
        }

        /** A directory for the chain's durable store (RocksDB); null keeps the chain in memory (the default). */
        public Builder dataDir(java.nio.file.Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Decided blocks kept in the chain's own structures before they are read from the store (default 4,096). */
        public Builder memoryWindow(int blocks) {
            this.memoryWindow = blocks;
            return this;
        }

        /** How long pending blocks may wait with nothing decided before a stall is reported (default 10 s). */
        public Builder stallWarningAfter(java.time.Duration after) {
            this.stallWarningAfter = after;
            return this;
        }

        public Builder preferenceRule(PreferenceRule rule) {
            this.preferenceRule = rule;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first violated condition and its values
         */
        public Config build() {
            validate(k, alphaPref, alphaConf, beta, qRounds, concurrentPolls, batchSize);
            require(byzantineBehavior != null && preferenceRule != null && mlDsaParams != null && stallWarningAfter != null,
                    "byzantineBehavior, preferenceRule, mlDsaParams and stallWarningAfter must not be null");
            require(stallWarningAfter.isPositive(), "stallWarningAfter must be positive, got " + stallWarningAfter);
            require(memoryWindow >= 1, "memoryWindow must be >= 1, got " + memoryWindow);
            require(silentFraction >= 0 && silentFraction <= 1, "silentFraction must satisfy 0 <= silentFraction <= 1, got " + silentFraction);
            require(byzantineFraction >= 0 && byzantineFraction <= 1,
                    "byzantineFraction must satisfy 0 <= byzantineFraction <= 1, got " + byzantineFraction);
            require(silentFraction + byzantineFraction <= 1,
                    "silentFraction + byzantineFraction must be <= 1, got " + silentFraction + " + " + byzantineFraction);
            List<Id> set = validators != null ? validators : generate(validatorCount > 0 ? validatorCount : Math.max(k, DEFAULT_VALIDATORS));
            HashSet<Id> distinct = new HashSet<>();
            for (int i = 0; i < set.size(); i++) {
                Id v = set.get(i);
                require(v != null, "validator " + i + " must not be null");
                require(distinct.add(v), "validators must be distinct, got " + v + " twice (index " + i + ")");
            }
            long[] weights = stakes != null ? stakes.clone() : equalStakes(set.size());
            require(weights.length == set.size(),
                    "stakes must have one entry per validator, got " + weights.length + " stakes for " + set.size() + " validators");
            long total = 0;
            for (int i = 0; i < weights.length; i++) {
                require(weights[i] > 0, "every stake must be > 0, got " + weights[i] + " for validator " + set.get(i));
                require(weights[i] <= Long.MAX_VALUE - total, "stakes must sum to at most " + Long.MAX_VALUE
                        + ", but adding stake " + weights[i] + " of validator " + set.get(i) + " to " + total + " overflows");
                total += weights[i];
            }
            require(total >= k, "a poll samples k distinct stake units, so there must be at least k units; got "
                    + total + " units for k=" + k);
            requireLive(total);
            Id self = nodeId != null ? nodeId : set.get(0);
            require(distinct.contains(self), "nodeId must be one of the validators, got " + self);
            return new Config(this, Collections.unmodifiableList(new ArrayList<>(set)), weights, total, self);
        }

        /**
         * Refuses thresholds under which an evenly split network could (practically) never move: with too few
         * stake units, or alphaPref too close to k, every poll looks the same and a fork stays undecided.
         */
        private void requireLive(long totalUnits) {
            double p = Liveness.evenSplitProbability(k, alphaPref, totalUnits);
            if (p >= Liveness.MIN_EVEN_SPLIT_PROBABILITY) {
                return;
            }
            int suggestion = alphaPref;
            while (suggestion > k / 2 + 1
                    && Liveness.evenSplitProbability(k, suggestion, totalUnits) < Liveness.MIN_EVEN_SPLIT_PROBABILITY) {
                suggestion--;
            }
            boolean lowerAlpha = Liveness.evenSplitProbability(k, suggestion, totalUnits) >= Liveness.MIN_EVEN_SPLIT_PROBABILITY;
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "not live: when validators' preferences are split evenly between two blocks, a poll of k=%d out of %d"
                            + " stake units reaches alphaPref=%d with probability %.3g (at least %.0e is needed), so a fork"
                            + " could stay undecided forever; %s",
                    k, totalUnits, alphaPref, p, Liveness.MIN_EVEN_SPLIT_PROBABILITY,
                    lowerAlpha ? "use alphaPref <= " + suggestion + " (and alphaConf >= alphaPref), or give validators stake in finer units"
                            : "give validators stake in finer units (e.g. Config.DEFAULT_STAKE = " + DEFAULT_STAKE + " each)"));
        }

        private List<Id> generate(int count) {
            require(count >= 1, "validatorCount must be >= 1, got " + count);
            SplittableRandom random = new SplittableRandom(seed ^ 0x5641_4C49_4441_544FL);
            List<Id> ids = new ArrayList<>(count);
            byte[] bytes = new byte[Id.LENGTH];
            while (ids.size() < count) {
                for (int i = 0; i < bytes.length; i += Long.BYTES) {
                    long r = random.nextLong();
                    for (int j = 0; j < Long.BYTES; j++) {
                        bytes[i + j] = (byte) (r >>> (8 * j));
                    }
                }
                ids.add(Id.of(bytes));
            }
            return ids;
        }

        private static long[] equalStakes(int n) {
            long[] s = new long[n];
            java.util.Arrays.fill(s, DEFAULT_STAKE);
            return s;
        }
    }
}
