package lux.consensus.snow;

/**
 * Binary snowflake: a {@link BinarySlush} plus a confidence counter. The preference is the choice of the
 * last successful poll; {@code beta} consecutive polls with at least {@code alphaConfidence} votes for the
 * preference finalize it, after which the instance ignores every poll.
 */
public final class BinarySnowflake implements Binary {
    private final BinarySlush slush;
    private final int alphaPreference;
    private final int alphaConfidence;
    private final int beta;
    /** Consecutive polls, ending with the last one, in which the preference got alphaConfidence votes. */
    private int confidence;
    private boolean finalized;

    /**
     * @param choice the initial preference, 0 or 1
     * @throws IllegalArgumentException unless {@code choice} is 0 or 1
     */
    public BinarySnowflake(Parameters parameters, int choice) {
        this(parameters.alphaPreference(), parameters.alphaConfidence(), parameters.beta(), choice, 0, false);
    }

    /** An instance that continues with the given counters (used when a unary instance is extended). */
    BinarySnowflake(int alphaPreference, int alphaConfidence, int beta, int choice, int confidence,
            boolean finalized) {
        this.slush = new BinarySlush(choice);
        this.alphaPreference = alphaPreference;
        this.alphaConfidence = alphaConfidence;
        this.beta = beta;
        this.confidence = confidence;
        this.finalized = finalized;
    }

    @Override
    public int preference() {
        return slush.preference();
    }

    @Override
    public void recordPoll(int count, int choice) {
        Bits.checkChoice(choice);
        if (finalized) {
            return;
        }
        if (count < alphaPreference) {
            confidence = 0;
            return;
        }
        if (choice != slush.preference()) {
            confidence = 0; // a change of mind starts the streak afresh
        }
        slush.recordSuccessfulPoll(choice);
        if (count < alphaConfidence) {
            confidence = 0;
            return;
        }
        confidence++;
        if (confidence >= beta) {
            finalized = true;
        }
    }

    @Override
    public void recordUnsuccessfulPoll() {
        confidence = 0;
    }

    @Override
    public boolean finalized() {
        return finalized;
    }

    /** The current streak of confident polls. */
    int confidence() {
        return confidence;
    }

    @Override
    public String toString() {
        return "Snowflake(confidence=" + confidence + ", finalized=" + finalized + ", " + slush + ")";
    }
}
