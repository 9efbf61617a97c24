package lux.consensus.snow;

/**
 * Consecutive single-child blocks of a {@link Snowman} instance, from {@code head} down to {@code tail} (each
 * the only child of the one before), whose unary snowball counters are equal, so the run keeps one copy:
 * every poll gives all of them the same votes (a vote for a block inside a run first splits the run there).
 * Blocks added one under the other between two polls form one run, so a poll over a long unforked chain
 * costs the same as over one block. Not thread-safe.
 */
final class BlockRun {
    ProcessingBlock head;
    ProcessingBlock tail;
    /** Polls in which each block's child got alphaPreference votes (kept by snowball; see UnarySnowball). */
    int strength;
    /** The current streak of polls in which each block's child got alphaConfidence votes. */
    int confidence;
    /** The streak reached beta: each block's child is decided. */
    boolean finalized;

    // The poll being counted; valid only while votesPoll equals the current poll number.
    long votesPoll = -1;
    /** Votes strictly below each of the run's blocks (the same for all of them). */
    int votesBelow;

    BlockRun(ProcessingBlock head, ProcessingBlock tail, int strength, int confidence, boolean finalized) {
        this.head = head;
        this.tail = tail;
        this.strength = strength;
        this.confidence = confidence;
        this.finalized = finalized;
    }

    /** Never polled: the counters of a block that just got its first child. */
    boolean fresh() {
        return strength == 0 && confidence == 0 && !finalized;
    }

    /** {@code count} votes reach the tail from below. */
    void addVotes(int count, long poll) {
        if (votesPoll != poll) {
            votesPoll = poll;
            votesBelow = 0;
        }
        votesBelow += count;
    }

    /**
     * Records the poll being counted, which gave each block's child {@link #votesBelow} >= alphaPreference
     * votes: as UnarySnowball.recordPoll and UnarySnowflake.recordPoll do.
     */
    void recordPoll(Parameters parameters) {
        strength++;
        confidence = votesBelow < parameters.alphaConfidence() ? 0 : confidence + 1;
        finalized |= confidence >= parameters.beta();
    }

    /** Reassigns the blocks from {@code from} down to the tail to this run. */
    void claim(ProcessingBlock from) {
        for (ProcessingBlock b = from; ; b = b.firstChild) {
            b.run = this;
            if (b == tail) {
                return;
            }
        }
    }
}
