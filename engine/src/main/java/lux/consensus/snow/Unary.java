package lux.consensus.snow;

/**
 * A snow instance over a single choice: it only counts how confident the network is in it. A tree of
 * choices keeps one for every run of bits on which all its choices agree, and turns it into a
 * {@link Binary} carrying the same counters ({@link #extend}) when a new choice disagrees on one of them.
 */
public sealed interface Unary permits UnarySnowflake, UnarySnowball {

    /**
     * Records a poll in which {@code count} sampled validators voted for the choice. The caller has already
     * checked {@code count >= alphaPreference} (a tree reports smaller polls as unsuccessful).
     */
    void recordPoll(int count);

    /** Records an unsuccessful poll: confidence resets. */
    void recordUnsuccessfulPoll();

    /** Whether the choice has been finalized. */
    boolean finalized();

    /**
     * A binary instance that prefers {@code choice} and carries this instance's confidence, finalization
     * and (for snowball) strength, the strength going to {@code choice}.
     *
     * @throws IllegalArgumentException unless {@code choice} is 0 or 1
     */
    Binary extend(int choice);

    /** An independent copy with the same state. */
    Unary copy();
}
