package lux.consensus.snow;

/**
 * Unary snowflake: counts consecutive polls in which the single choice got at least
 * {@code alphaConfidence} votes, and finalizes after {@code beta} of them.
 */
public final class UnarySnowflake implements Unary {
    private final int alphaPreference;
    private final int alphaConfidence;
    private final int beta;
    private int confidence;
    private boolean finalized;

    public UnarySnowflake(Parameters parameters) {
        this(parameters.alphaPreference(), parameters.alphaConfidence(), parameters.beta(), 0, false);
    }

    /** An instance in the given state: a streak of {@code confidence} confident polls, finalized or not. */
    static UnarySnowflake of(Parameters parameters, int confidence, boolean finalized) {
        return new UnarySnowflake(parameters.alphaPreference(), parameters.alphaConfidence(), parameters.beta(),
                confidence, finalized);
    }

    private UnarySnowflake(int alphaPreference, int alphaConfidence, int beta, int confidence, boolean finalized) {
        this.alphaPreference = alphaPreference;
        this.alphaConfidence = alphaConfidence;
        this.beta = beta;
        this.confidence = confidence;
        this.finalized = finalized;
    }

    @Override
    public void recordPoll(int count) {
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

    @Override
    public BinarySnowflake extend(int choice) {
        return new BinarySnowflake(alphaPreference, alphaConfidence, beta, choice, confidence, finalized);
    }

    @Override
    public UnarySnowflake copy() {
        return new UnarySnowflake(alphaPreference, alphaConfidence, beta, confidence, finalized);
    }

    /** The current streak of confident polls. */
    int confidence() {
        return confidence;
    }

    int alphaPreference() {
        return alphaPreference;
    }

    @Override
    public String toString() {
        return "UnarySnowflake(confidence=" + confidence + ", finalized=" + finalized + ")";
    }
}
