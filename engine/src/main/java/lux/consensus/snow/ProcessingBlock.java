package lux.consensus.snow;

import java.util.Arrays;
import lux.consensus.Id;

/**
 * One block of a {@link Snowman} instance, the last accepted block or a processing one, with the scratch
 * state of the poll being counted. A block with one child is inline: it sits in a {@link BlockRun}, which holds
 * the unary snowball counters deciding that child; a block with two or more children decides among them
 * with its {@link SnowballTree}. Not thread-safe.
 */
final class ProcessingBlock {
    final Id id;
    final long height;
    /** Null for the last accepted block, so accepted history can be collected. */
    ProcessingBlock parent;
    /** The first child; null until one arrives. */
    ProcessingBlock firstChild;
    /** Every child once there are two or more, the first {@link #forkChildren} entries; null before. */
    private ProcessingBlock[] children;
    private int forkChildren;
    /** Decides among two or more children; null while there is at most one. */
    SnowballTree tree;
    /** The run holding this block while it has exactly one child; null otherwise. */
    BlockRun run;

    /**
     * This block and its descendants got too few votes: reset its confidence before the next poll on it.
     * Set only on the first block of a run, or on a block off any run.
     */
    boolean shouldFalter;
    /** On the preferred chain (meaningful only while processing). */
    boolean preferred;
    /** Accepted and superseded, or rejected: gone from the map. */
    boolean removed;

    /** The child {@link #preferredChild()} found last. */
    private ProcessingBlock preferredChildSeen;

    // The poll being counted; valid only while votesPoll equals the current poll number.
    long votesPoll = -1;
    /** Votes for this block's children, direct or pushed up from below. */
    int votesBelow;
    /**
     * The same votes per child (tree not null): {@code childVoteCounts[i]} for {@code childVoteIds[i]}, i below
     * {@code childVotesSize}. Lazily allocated, reused.
     */
    Id[] childVoteIds;
    int[] childVoteCounts;
    int childVotesSize;
    /** Where this block's votes sit in its parent's child votes, valid while {@code slotPoll} is the poll. */
    private int slot;
    private long slotPoll = -1;

    ProcessingBlock(Id id, long height, ProcessingBlock parent) {
        this.id = id;
        this.height = height;
        this.parent = parent;
    }

    int childCount() {
        return children != null ? forkChildren : firstChild != null ? 1 : 0;
    }

    ProcessingBlock childAt(int i) {
        return children != null ? children[i] : firstChild;
    }

    /** Adds a second or later child (the first is {@link #firstChild}). */
    void addForkChild(ProcessingBlock child) {
        if (children == null) {
            children = new ProcessingBlock[4];
            children[forkChildren++] = firstChild;
        } else if (forkChildren == children.length) {
            children = Arrays.copyOf(children, 2 * forkChildren);
        }
        children[forkChildren++] = child;
    }

    ProcessingBlock child(Id childId) {
        for (int i = 0, n = childCount(); i < n; i++) {
            ProcessingBlock c = childAt(i);
            if (c.id.equals(childId)) {
                return c;
            }
        }
        throw new IllegalStateException("no child " + childId + " under " + id);
    }

    /** The child its tree prefers (a block with a tree), by the tree's preference, kept until that changes. */
    ProcessingBlock preferredChild() {
        Id preferred = tree.preference();
        ProcessingBlock c = preferredChildSeen;
        if (c == null || c.id != preferred) { // the tree hands back the very id object each child was added with
            c = child(preferred);
            preferredChildSeen = c;
        }
        return c;
    }

    /** The first block of the unit this block belongs to for counting: its run's head, or itself. */
    ProcessingBlock unitHead() {
        return run != null ? run.head : this;
    }

    /** The most votes one child got in the poll being counted (a block with a tree). */
    int maxChildVotes() {
        int max = 0;
        for (int i = 0; i < childVotesSize; i++) {
            max = Math.max(max, childVoteCounts[i]);
        }
        return max;
    }

    /** {@code count} votes for {@code child} (its own and its descendants') reach this block. */
    void addVotes(ProcessingBlock child, int count, long poll) {
        if (votesPoll != poll) { // the first votes to reach it in this poll: the last poll's are stale
            votesPoll = poll;
            votesBelow = 0;
            childVotesSize = 0;
        }
        votesBelow += count;
        if (tree == null) {
            return;
        }
        if (child.slotPoll == poll) {
            childVoteCounts[child.slot] += count;
            return;
        }
        if (childVoteIds == null) {
            childVoteIds = new Id[4];
            childVoteCounts = new int[4];
        } else if (childVotesSize == childVoteIds.length) {
            childVoteIds = Arrays.copyOf(childVoteIds, 2 * childVotesSize);
            childVoteCounts = Arrays.copyOf(childVoteCounts, 2 * childVotesSize);
        }
        child.slotPoll = poll;
        child.slot = childVotesSize;
        if (childVoteIds[childVotesSize] != child.id) { // most polls refill the same slots: skip the store's barrier
            childVoteIds[childVotesSize] = child.id;
        }
        childVoteCounts[childVotesSize++] = count;
    }
}
