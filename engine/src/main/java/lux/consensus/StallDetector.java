package lux.consensus;

import java.util.Locale;
import lux.consensus.network.Network;

/**
 * Notices a chain whose pending blocks wait longer than {@link Config#stallWarningAfter()} with nothing
 * decided, and says why in numbers: the share of polls since the last decision that reached alphaConf,
 * against what the thresholds and the configured faulty fractions allow ({@link Liveness}). Engine thread only.
 */
final class StallDetector {
    /** A stall's report is rebuilt at most this often. */
    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

    private final Config config;
    private final Network network;
    private final long stallNanos;
    private long since = System.nanoTime();
    private long pollsSince;
    private long confidentSince;
    private long reportedAt;
    private String report;

    StallDetector(Config config, Network network) {
        this.config = config;
        this.network = network;
        this.stallNanos = config.stallWarningAfter().toNanos();
    }

    /** Blocks start waiting now (the chain had nothing pending). */
    void waitingFromNow() {
        since = System.nanoTime();
        pollsSince = network.networkPolls();
        confidentSince = network.networkConfidentPolls();
        report = null;
    }

    /** Something was decided: no stall. */
    String decided() {
        waitingFromNow();
        return null;
    }

    /** The stall's report when {@code pending} blocks have waited too long with nothing decided, else null. */
    String check(long pending) {
        long now = System.nanoTime();
        if (pending == 0 || now - since < stallNanos) {
            return null;
        }
        if (report == null || now - reportedAt >= REPORT_EVERY_NANOS) {
            report = describe(pending, now);
            reportedAt = now;
        }
        return report;
    }

    private String describe(long pending, long now) {
        long polls = network.networkPolls() - pollsSince;
        long confident = network.networkConfidentPolls() - confidentSince;
        return String.format(Locale.ROOT,
                "no block decided for %.1f s with %,d pending: %.2f%% of the %,d polls since then reached alphaConf=%d"
                        + " of k=%d (beta=%d in a row finalize). Expected from the configuration: %s."
                        + " Likely cause: too few validators answer alike; lower alphaConf or beta, or bring silent and"
                        + " Byzantine validators back below the boundary (README: Liveness)",
                (now - since) / 1e9, pending, polls == 0 ? 0.0 : 100.0 * confident / polls, polls, config.alphaConf(),
                config.k(), config.beta(), Liveness.explain(config));
    }
}
