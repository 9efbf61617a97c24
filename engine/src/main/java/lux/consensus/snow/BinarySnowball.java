package lux.consensus.snow;

/**
 * Binary snowball: a {@link BinarySnowflake} plus a strength per choice, the number of polls in which that
 * choice reached {@code alphaPreference}. Before finalization the preference is the stronger choice (a
 * choice takes over only when strictly stronger, so ties keep the old preference); finalization is the
 * snowflake's, and from then on the preference is the snowflake's finalized choice. Strengths keep
 * counting after finalization (they are then only visible in {@link #toString()} and {@link #strength}).
 */
public final class BinarySnowball implements Binary {
    private final BinarySnowflake snowflake;
    private final int alphaPreference;
    /** The stronger choice; meaningful only until finalization. */
    private int preference;
    private int strength0;
    private int strength1;

    /**
     * @param choice the initial preference, 0 or 1
     * @throws IllegalArgumentException unless {@code choice} is 0 or 1
     */
    public BinarySnowball(Parameters parameters, int choice) {
        this(new BinarySnowflake(parameters, choice), parameters.alphaPreference(), choice, 0, 0);
    }

    BinarySnowball(BinarySnowflake snowflake, int alphaPreference, int choice, int strength0, int strength1) {
        this.snowflake = snowflake;
        this.alphaPreference = alphaPreference;
        this.preference = Bits.checkChoice(choice);
        this.strength0 = strength0;
        this.strength1 = strength1;
    }

    @Override
    public int preference() {
        // Rarely, snowflake finalizes on the weaker choice; the finalized choice is then what counts.
        return snowflake.finalized() ? snowflake.preference() : preference;
    }

    @Override
    public void recordPoll(int count, int choice) {
        Bits.checkChoice(choice);
        if (count >= alphaPreference) {
            if (choice == 0) {
                strength0++;
                if (strength0 > strength1) {
                    preference = 0;
                }
            } else {
                strength1++;
                if (strength1 > strength0) {
                    preference = 1;
                }
            }
        }
        snowflake.recordPoll(count, choice);
    }

    @Override
    public void recordUnsuccessfulPoll() {
        snowflake.recordUnsuccessfulPoll();
    }

    @Override
    public boolean finalized() {
        return snowflake.finalized();
    }

    /** Successful polls recorded for {@code choice} (0 or 1), including any after finalization. */
    int strength(int choice) {
        return Bits.checkChoice(choice) == 0 ? strength0 : strength1;
    }

    /** The strength-based preference, which may differ from {@link #preference()} after finalization. */
    int strongerChoice() {
        return preference;
    }

    /** The snowflake layer's current streak of confident polls. */
    int confidence() {
        return snowflake.confidence();
    }

    @Override
    public String toString() {
        return "Snowball(preference=" + preference + ", strengths=[" + strength0 + ", " + strength1 + "], "
                + snowflake + ")";
    }
}
