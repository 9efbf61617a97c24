package lux.consensus.snow;

/**
 * The bottom layer of the binary instances: it only remembers the choice of the last successful poll
 * (or the initial choice, before any).
 */
public final class BinarySlush {
    private int preference;

    /**
     * @param choice the initial preference, 0 or 1
     * @throws IllegalArgumentException unless {@code choice} is 0 or 1
     */
    public BinarySlush(int choice) {
        this.preference = Bits.checkChoice(choice);
    }

    /** The choice of the last successful poll, or the initial choice. */
    public int preference() {
        return preference;
    }

    /**
     * Records a poll in which {@code choice} reached {@code alphaPreference}.
     *
     * @throws IllegalArgumentException unless {@code choice} is 0 or 1
     */
    public void recordSuccessfulPoll(int choice) {
        preference = Bits.checkChoice(choice);
    }

    @Override
    public String toString() {
        return "Slush(preference=" + preference + ")";
    }
}
