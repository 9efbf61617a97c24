package lux.consensus.snow;

/**
 * How the decision points of a {@link SnowballTree} choose which side they prefer before they finalize.
 *
 * <p>Both rules finalize identically: a side is finalized after {@code beta} consecutive polls in which it
 * got at least {@code alphaConfidence} votes. Once finalized, the preference is the finalized side.
 */
public enum PreferenceRule {
    /**
     * The side with the most successful polls so far is preferred; a side takes over only when its count
     * is strictly greater than the current preference's, so ties keep the old preference.
     */
    SNOWBALL,
    /**
     * The side that last had a successful poll is preferred. This is what avalanchego's production
     * Snowman engine runs ({@code Topological} with the snowflake factory).
     */
    SNOWFLAKE;

    /** A fresh unary instance of this rule's flavour, for a branch without conflicts yet. */
    Unary newUnary(Parameters parameters) {
        return switch (this) {
            case SNOWBALL -> new UnarySnowball(parameters);
            case SNOWFLAKE -> new UnarySnowflake(parameters);
        };
    }

    /**
     * A unary instance of this rule's flavour in the given state: {@code strength} successful polls (kept by
     * snowball only), a streak of {@code confidence} confident polls, finalized or not.
     */
    Unary unaryOf(Parameters parameters, int strength, int confidence, boolean finalized) {
        UnarySnowflake snowflake = UnarySnowflake.of(parameters, confidence, finalized);
        return switch (this) {
            case SNOWBALL -> UnarySnowball.of(snowflake, strength);
            case SNOWFLAKE -> snowflake;
        };
    }
}
