package lux.consensus;

/**
 * The arithmetic of when Snowman can decide, for a poll of {@code k} stake units drawn without replacement
 * (as {@link Config} describes; with billions of units per validator that is, to many digits, drawing with
 * replacement).
 *
 * <p>Two questions matter:
 * <ul>
 *   <li><b>Can an even split be broken?</b> When validators' preferences are split evenly between two
 *       conflicting blocks, a preference moves only when a poll brings {@code alphaPref} votes for one side.
 *       {@link #evenSplitProbability} is the chance of that per poll; at zero (every poll asks every unit,
 *       or {@code alphaPref} exceeds half the units) the split is a fixed point and the fork is never decided.
 *       {@link Config.Builder#build()} refuses configurations below {@link #MIN_EVEN_SPLIT_PROBABILITY}.
 *   <li><b>Can agreement become finality?</b> Once every honest validator prefers the same block, a poll
 *       counts towards finality when {@code alphaConf} of its units answer for it. Silent validators never
 *       answer, Byzantine ones are assumed to answer against it (a lower bound: some of their answers may
 *       match), so with an honest stake fraction {@code h} the chance is {@link #confidentPollProbability};
 *       finality needs {@code beta} such polls in a row, {@link #expectedPollsToFinalize} of them on average.
 * </ul>
 */
public final class Liveness {
    /**
     * Below this chance per poll of {@code alphaPref} matching votes from an evenly split network, a fork can
     * stay undecided for longer than any service would wait; {@link Config.Builder#build()} refuses it.
     */
    public static final double MIN_EVEN_SPLIT_PROBABILITY = 1e-3;
    /** Up to this many expected rounds to finalize an agreed block, a configuration is live. */
    public static final double LIVE_ROUNDS = 1_000;
    /** Beyond this many expected rounds finality is, for practical purposes, impossible. */
    public static final double STALLED_ROUNDS = 1e6;

    /** Where a configuration stands. */
    public enum Verdict {
        /** Agreed blocks finalize within {@link #LIVE_ROUNDS} rounds on average. */
        LIVE,
        /** Finality is possible but slow: up to {@link #STALLED_ROUNDS} rounds on average. */
        SLOW,
        /** Finality is impossible, or expected only after more than {@link #STALLED_ROUNDS} rounds. */
        STALLED
    }

    private Liveness() {
    }

    /**
     * The chance that a poll of {@code k} distinct units out of {@code totalUnits} has at least
     * {@code threshold} units in a group of {@code groupUnits} (the hypergeometric tail).
     */
    public static double pollReaches(int k, int threshold, long groupUnits, long totalUnits) {
        if (k < 0 || groupUnits < 0 || totalUnits < k || groupUnits > totalUnits) {
            throw new IllegalArgumentException("need 0 <= k <= totalUnits and 0 <= groupUnits <= totalUnits, got k=" + k
                    + " groupUnits=" + groupUnits + " totalUnits=" + totalUnits);
        }
        double logAll = logChoose(totalUnits, k);
        double sum = 0;
        for (int x = Math.max(threshold, 0); x <= k; x++) {
            if (x > groupUnits || k - x > totalUnits - groupUnits) {
                continue;
            }
            sum += Math.exp(logChoose(groupUnits, x) + logChoose(totalUnits - groupUnits, k - x) - logAll);
        }
        return Math.min(1.0, sum);
    }

    /** The chance that a poll of {@code k} units has at least {@code threshold} in a group holding {@code fraction} of the stake. */
    public static double pollReaches(int k, int threshold, double fraction, long totalUnits) {
        long group = (long) Math.floor(fraction * totalUnits);
        return pollReaches(k, threshold, Math.min(Math.max(group, 0), totalUnits), totalUnits);
    }

    /** log C(n, r), summed term by term (r is at most {@link Config#MAX_K}). */
    private static double logChoose(long n, int r) {
        double sum = 0;
        for (int i = 1; i <= r; i++) {
            sum += Math.log((double) (n - r + i) / i);
        }
        return sum;
    }

    /** The chance per poll that one side of an even split gets {@code alphaPref} votes. */
    public static double evenSplitProbability(int k, int alphaPref, long totalUnits) {
        return pollReaches(k, alphaPref, totalUnits / 2, totalUnits);
    }

    /** {@link #evenSplitProbability(int, int, long)} for a configuration. */
    public static double evenSplitProbability(Config config) {
        return evenSplitProbability(config.k(), config.alphaPref(), config.totalStake());
    }

    /** The honest share of stake: neither silent nor Byzantine. */
    public static double honestFraction(Config config) {
        return Math.max(0, 1 - config.silentFraction() - config.byzantineFraction());
    }

    /** The chance that a poll gets {@code alphaConf} answers for the block every honest validator prefers. */
    public static double confidentPollProbability(Config config) {
        return pollReaches(config.k(), config.alphaConf(), honestFraction(config), config.totalStake());
    }

    /**
     * Expected polls until {@code beta} confident polls in a row, each confident with chance {@code p}
     * independently: (1 + p + ... + p^(beta-1)) / p^beta; infinite for p = 0.
     */
    public static double expectedPollsToFinalize(double p, int beta) {
        if (p <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        double power = 1;
        for (int i = 0; i < beta; i++) {
            sum += power;
            power *= p;
        }
        return sum / power;
    }

    /** Expected rounds until an agreed block finalizes: every validator polls {@code concurrentPolls} times a round. */
    public static double expectedRoundsToFinalize(Config config) {
        return expectedPollsToFinalize(confidentPollProbability(config), config.beta()) / config.concurrentPolls();
    }

    /** Whether agreed blocks finalize, slowly or in practice never, given the configured faulty fractions. */
    public static Verdict verdict(Config config) {
        double rounds = expectedRoundsToFinalize(config);
        return rounds <= LIVE_ROUNDS ? Verdict.LIVE : rounds <= STALLED_ROUNDS ? Verdict.SLOW : Verdict.STALLED;
    }

    /** One sentence on the configuration's chances, with the numbers behind the verdict. */
    public static String explain(Config config) {
        double p = confidentPollProbability(config);
        double rounds = expectedRoundsToFinalize(config);
        return String.format(java.util.Locale.ROOT,
                "%s: with %.0f%% of stake honest (silent %.0f%%, Byzantine %.0f%%), a poll of k=%d gets alphaConf=%d matching"
                        + " answers with probability %.3g, and beta=%d such polls in a row take about %s rounds of %d polls",
                verdict(config), 100 * honestFraction(config), 100 * config.silentFraction(), 100 * config.byzantineFraction(),
                config.k(), config.alphaConf(), p, config.beta(), formatRounds(rounds), config.concurrentPolls());
    }

    /** A round count for people: "3.2", "4,500", "2.1e+09" or "infinitely many". */
    public static String formatRounds(double rounds) {
        if (Double.isInfinite(rounds)) {
            return "infinitely many";
        }
        if (rounds < 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", rounds);
        }
        return rounds < 1e7 ? String.format(java.util.Locale.ROOT, "%,.0f", rounds) : String.format(java.util.Locale.ROOT, "%.2g", rounds);
    }
}
