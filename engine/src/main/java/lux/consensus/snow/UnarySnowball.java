package lux.consensus.snow;

/**
 * Unary snowball: a {@link UnarySnowflake} plus a strength, the number of polls in which the choice reached
 * {@code alphaPreference}. Extending it hands that strength to the extended choice.
 */
public final class UnarySnowball implements Unary {
    private final UnarySnowflake snowflake;
    private int strength;

    public UnarySnowball(Parameters parameters) {
        this(new UnarySnowflake(parameters), 0);
    }

    /** {@code snowflake}'s state with {@code strength} successful polls. */
    static UnarySnowball of(UnarySnowflake snowflake, int strength) {
        return new UnarySnowball(snowflake, strength);
    }

    private UnarySnowball(UnarySnowflake snowflake, int strength) {
        this.snowflake = snowflake;
        this.strength = strength;
    }

    @Override
    public void recordPoll(int count) {
        if (count >= snowflake.alphaPreference()) {
            strength++;
        }
        snowflake.recordPoll(count);
    }

    @Override
    public void recordUnsuccessfulPoll() {
        snowflake.recordUnsuccessfulPoll();
    }

    @Override
    public boolean finalized() {
        return snowflake.finalized();
    }

    @Override
    public BinarySnowball extend(int choice) {
        Bits.checkChoice(choice);
        return new BinarySnowball(snowflake.extend(choice), snowflake.alphaPreference(), choice,
                choice == 0 ? strength : 0, choice == 1 ? strength : 0);
    }

    @Override
    public UnarySnowball copy() {
        return new UnarySnowball(snowflake.copy(), strength);
    }

    /** Polls so far in which the choice reached alphaPreference. */
    int strength() {
        return strength;
    }

    /** The current streak of confident polls. */
    int confidence() {
        return snowflake.confidence();
    }

    @Override
    public String toString() {
        return "UnarySnowball(strength=" + strength + ", " + snowflake + ")";
    }
}
