package lux.consensus.snow;

/**
 * A snow instance deciding between the two choices {@code 0} and {@code 1}.
 *
 * <p>The caller samples validators and reports, per poll, how many voted for the choice that got the most
 * votes ({@link #recordPoll}), or that no choice reached {@code alphaPreference}
 * ({@link #recordUnsuccessfulPoll}).
 */
public sealed interface Binary permits BinarySnowflake, BinarySnowball {

    /** The preferred choice, 0 or 1; once finalized, the finalized choice. */
    int preference();

    /**
     * Records a poll in which {@code count} sampled validators voted for {@code choice}.
     *
     * @throws IllegalArgumentException unless {@code choice} is 0 or 1
     */
    void recordPoll(int count, int choice);

    /** Records a poll in which neither choice reached {@code alphaPreference}: confidence resets. */
    void recordUnsuccessfulPoll();

    /** Whether a choice has been finalized; a finalized instance never changes its preference again. */
    boolean finalized();
}
