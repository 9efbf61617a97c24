package lux.consensus.snow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import lux.consensus.Id;

/**
 * The straightforward Snowman: every block's decision is a {@link SnowballTree} and each poll's votes travel
 * to the last accepted block in two Kahn passes with a {@link VoteBag} per block. {@link Snowman} is the
 * same algorithm with lean state; {@code SnowmanDifferentialTest} checks that both decide alike.
 */
final class ReferenceSnowman {

    /** The last accepted block or a processing block, with the scratch state of the poll being counted. */
    private static final class Block {
        final Id id;
        final long height;
        /** Null for the last accepted block, so accepted history can be collected. */
        Block parent;
        /** Decides among the children; null until the first child arrives. */
        SnowballTree tree;
        /** Null until the first child arrives. */
        ArrayList<Block> children;
        /** This block and its descendants got too few votes: reset its tree before the next poll on it. */
        boolean shouldFalter;
        /** On the preferred chain (meaningful only while processing). */
        boolean preferred;
        /** Accepted and superseded, or rejected: gone from the map. */
        boolean removed;

        // Kahn state, valid only while kahnPoll equals the current poll number.
        long kahnPoll = -1;
        /** Children (with votes below them) not yet pushed up into this block. */
        int inDegree;
        /** Votes for this block's children, direct or pushed up from below. Lazily allocated, reused. */
        VoteBag kahnVotes;
        /** Queued as a Kahn leaf; lets a stale stack entry be skipped instead of searched for and removed. */
        boolean kahnLeaf;

        Block(Id id, long height, Block parent) {
            this.id = id;
            this.height = height;
            this.parent = parent;
        }

        Block child(Id childId) {
            for (int i = 0, n = children.size(); i < n; i++) {
                Block c = children.get(i);
                if (c.id.equals(childId)) {
                    return c;
                }
            }
            throw new IllegalStateException("no child " + childId + " under " + id);
        }
    }

    private final Parameters parameters;
    private final PreferenceRule rule;
    private final Snowman.Listener listener;
    /** The last accepted block and every processing block. */
    private final HashMap<Id, Block> blocks = new HashMap<>();
    private Block lastAccepted;
    private Id preference;
    /** The blocks whose preferred flag is set: the preferred chain as last computed (possibly stale ones). */
    private final ArrayList<Block> preferredChain = new ArrayList<>();
    private long pollCount;
    private long successfulPolls;
    private long confidentPolls;
    private long failedPolls;

    // Scratch, reused by every poll.
    private final ArrayList<Block> kahnLeaves = new ArrayList<>();
    /** Blocks whose children got alphaPreference votes, deepest first. */
    private final ArrayList<Block> voteStack = new ArrayList<>();
    private final ArrayList<Block> rejectStack = new ArrayList<>();

    /**
     * A consensus instance with no processing blocks above the given last accepted block.
     *
     * @throws NullPointerException if an argument is null
     */
    ReferenceSnowman(Parameters parameters, PreferenceRule rule, Id lastAcceptedId, long lastAcceptedHeight,
            Snowman.Listener listener) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lastAccepted = new Block(Objects.requireNonNull(lastAcceptedId, "lastAcceptedId"), lastAcceptedHeight,
                null);
        blocks.put(lastAcceptedId, lastAccepted);
        this.preference = lastAcceptedId;
    }

    /**
     * Adds a block to decide on.
     *
     * <p>If its parent is neither processing nor the last accepted block, the parent has been decided
     * against (or was never seen), so the block is rejected at once: the listener hears
     * {@code rejected(id, height)} and this returns false. Otherwise the block is processing from now on,
     * and if its parent was the preference it becomes the preference.
     *
     * @return whether the block is now processing
     * @throws IllegalArgumentException if {@code id} is already processing or is the last accepted block, or
     *     if the parent is known and {@code height} is not its height + 1
     * @throws NullPointerException if an id is null
     */
    public boolean add(Id id, Id parentId, long height) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parentId, "parentId");
        if (blocks.containsKey(id)) {
            throw new IllegalArgumentException(id.equals(lastAccepted.id)
                    ? "block " + id + " is the last accepted block"
                    : "block " + id + " is already processing");
        }
        Block parent = blocks.get(parentId);
        if (parent == null) {
            listener.rejected(id, height);
            return false;
        }
        if (height != parent.height + 1) {
            throw new IllegalArgumentException("block " + id + " at height " + height + " cannot extend "
                    + parentId + " at height " + parent.height + ": a child's height must be its parent's + 1");
        }
        Block block = new Block(id, height, parent);
        if (parent.tree == null) {
            parent.tree = new SnowballTree(parameters, rule, id);
            parent.children = new ArrayList<>(2);
        } else {
            parent.tree.add(id);
        }
        parent.children.add(block);
        blocks.put(id, block);
        if (parentId.equals(preference)) {
            preference = id;
            block.preferred = true;
            preferredChain.add(block);
        }
        return true;
    }

    /**
     * Records one poll: {@code votes} holds, per block id, how many sampled validators answered it as their
     * preferred tip. Votes for unknown or decided blocks are dropped.
     */
    public void recordPoll(VoteBag votes) {
        pollCount++;
        boolean undecided = numProcessing() > 0;
        long confidentBefore = confidentPolls;
        voteStack.clear();
        if (votes.total() >= parameters.alphaPreference()) {
            // Enough votes that some block may reach alphaPreference: find the blocks that do.
            countInDegrees(votes);
            pushVotes();
        }
        Id newPreferred = vote();
        voteStack.clear();
        updatePreference(newPreferred);
        if (undecided && confidentPolls == confidentBefore) {
            failedPolls++;
        }
    }

    /**
     * First Kahn pass: each voted block's votes go to its parent's bag; every block on the way down from
     * a voted-for parent to the last accepted block counts how many children with votes it has. Blocks
     * reached only as a voted block's parent (no such children) are the leaves.
     */
    private void countInDegrees(VoteBag votes) {
        long poll = pollCount;
        kahnLeaves.clear();
        for (int i = 0, n = votes.size(); i < n; i++) {
            Block voted = blocks.get(votes.id(i));
            if (voted == null || voted == lastAccepted) {
                continue; // unknown, rejected or decided: dropped
            }
            Block parent = voted.parent;
            boolean seen = parent.kahnPoll == poll;
            touch(parent, poll).kahnVotes.add(voted.id, votes.count(i));
            if (seen) {
                continue; // its ancestors were counted when it was first reached
            }
            parent.kahnLeaf = true;
            kahnLeaves.add(parent);
            for (Block b = parent; b != lastAccepted; ) {
                Block up = b.parent;
                boolean upSeen = up.kahnPoll == poll;
                touch(up, poll).inDegree++;
                if (upSeen) {
                    up.kahnLeaf = false; // it has a child with votes after all
                    break;
                }
                b = up;
            }
        }
    }

    private static Block touch(Block b, long poll) {
        if (b.kahnPoll != poll) {
            b.kahnPoll = poll;
            b.inDegree = 0;
            b.kahnLeaf = false;
            if (b.kahnVotes == null) {
                b.kahnVotes = new VoteBag(4);
            } else {
                b.kahnVotes.clear();
            }
        }
        return b;
    }

    /**
     * Second Kahn pass: from the leaves towards the last accepted block, each block's vote total is pushed
     * into its parent's bag as votes for it; blocks whose bag reaches alphaPreference go on the vote stack,
     * deepest first.
     */
    private void pushVotes() {
        ArrayList<Block> leaves = kahnLeaves;
        while (!leaves.isEmpty()) {
            Block leaf = leaves.removeLast();
            if (!leaf.kahnLeaf) {
                continue; // stale entry: it turned out to have children with votes
            }
            leaf.kahnLeaf = false;
            int total = leaf.kahnVotes.total();
            if (total >= parameters.alphaPreference()) {
                voteStack.add(leaf);
            }
            if (leaf == lastAccepted) {
                continue;
            }
            Block up = leaf.parent;
            up.inDegree--;
            up.kahnVotes.add(leaf.id, total);
            if (up.inDegree == 0) {
                up.kahnLeaf = true;
                leaves.add(up);
            }
        }
    }

    /**
     * Applies the vote stack from the last accepted block down; returns the next preferred block after the
     * deepest block on the preferred branch that got a poll (or the current preference if none did).
     */
    private Id vote() {
        if (voteStack.isEmpty()) {
            // Nobody reached alphaPreference: the whole tree falters, lazily.
            lastAccepted.shouldFalter = true;
            return preference;
        }
        Id newPreferred = lastAccepted.id;
        boolean onPreferredBranch = true;
        boolean pollSuccessful = false;
        Block firstDecision = lastAccepted; // lastAccepted moves when this poll accepts a block
        for (int i = voteStack.size() - 1; i >= 0; i--) {
            Block block = voteStack.get(i);
            if (block.removed) {
                break; // rejected by an acceptance earlier in this poll: nothing below counts
            }
            if (block == firstDecision && maxCount(block.kahnVotes) >= parameters.alphaConfidence()) {
                confidentPolls++;
            }
            boolean falterBelow = block.shouldFalter;
            if (falterBelow) {
                block.tree.recordUnsuccessfulPoll();
                block.shouldFalter = false;
            }
            pollSuccessful |= block.tree.recordPoll(block.kahnVotes);

            if (block == lastAccepted && block.tree.finalized()) {
                acceptPreferredChild(block);
            }

            Id blockPreference = block.tree.preference();
            if (onPreferredBranch) {
                newPreferred = blockPreference;
            }
            Block next = i > 0 ? voteStack.get(i - 1) : null;
            onPreferredBranch = onPreferredBranch && next != null && next.id.equals(blockPreference);

            // Children that are not polled next got too few votes: they reset before their next poll.
            ArrayList<Block> children = block.children;
            for (int c = 0, n = children.size(); c < n; c++) {
                Block child = children.get(c);
                if ((falterBelow || child != next) && !child.removed) {
                    child.shouldFalter = true;
                }
            }
        }
        if (pollSuccessful) {
            successfulPolls++;
        }
        return newPreferred;
    }

    private static int maxCount(VoteBag votes) {
        int max = 0;
        for (int i = 0, n = votes.size(); i < n; i++) {
            max = Math.max(max, votes.count(i));
        }
        return max;
    }

    /** {@code block} is the last accepted block and its tree has finalized: accept that child. */
    private void acceptPreferredChild(Block block) {
        Block accepted = block.child(block.tree.preference());
        accepted.parent = null;
        lastAccepted = accepted;
        block.removed = true;
        blocks.remove(block.id);
        listener.accepted(accepted.id, accepted.height);

        ArrayList<Block> rejects = rejectStack;
        rejects.clear();
        ArrayList<Block> siblings = block.children;
        for (int i = 0, n = siblings.size(); i < n; i++) {
            Block sibling = siblings.get(i);
            if (sibling != accepted) {
                reject(sibling);
                rejects.add(sibling);
            }
        }
        // Descendants of the rejected siblings, depth first.
        while (!rejects.isEmpty()) {
            Block rejected = rejects.removeLast();
            ArrayList<Block> children = rejected.children;
            if (children == null) {
                continue;
            }
            for (int i = 0, n = children.size(); i < n; i++) {
                Block child = children.get(i);
                reject(child);
                rejects.add(child);
            }
        }
    }

    private void reject(Block b) {
        b.removed = true;
        blocks.remove(b.id);
        listener.rejected(b.id, b.height);
    }

    /** Makes the preference the tip of the preferred chain through {@code newPreferred}. */
    private void updatePreference(Id newPreferred) {
        Block start = blocks.get(newPreferred);
        if (start != null && start != lastAccepted && start.preferred) {
            return; // already on the preferred chain, so the chain (and its tip) is unchanged
        }
        for (int i = 0, n = preferredChain.size(); i < n; i++) {
            preferredChain.get(i).preferred = false;
        }
        preferredChain.clear();
        for (Block b = start; b != lastAccepted; b = b.parent) {
            b.preferred = true;
            preferredChain.add(b);
        }
        preference = newPreferred;
        for (Block b = start; b.tree != null; ) {
            preference = b.tree.preference();
            b = blocks.get(preference);
            b.preferred = true;
            preferredChain.add(b);
        }
    }

    /** The preferred tip: the last accepted block when nothing is processing. */
    public Id preference() {
        return preference;
    }

    /** The last accepted block (the one given to the constructor until something is accepted). */
    public Id lastAcceptedId() {
        return lastAccepted.id;
    }

    /** The height of {@link #lastAcceptedId()}. */
    public long lastAcceptedHeight() {
        return lastAccepted.height;
    }

    /** Number of processing blocks. */
    public int numProcessing() {
        return blocks.size() - 1;
    }

    /** Whether {@code id} is processing (added, not yet decided). */
    public boolean isProcessing(Id id) {
        Block b = blocks.get(id);
        return b != null && b != lastAccepted;
    }

    /** Whether {@code id} is processing and on the preferred chain (the last accepted block is not). */
    public boolean isPreferred(Id id) {
        Block b = blocks.get(id);
        return b != null && b != lastAccepted && b.preferred;
    }

    /** The processing blocks, in no particular order, as a fresh list. */
    public List<Id> processingIds() {
        List<Id> ids = new ArrayList<>(blocks.size());
        for (Block b : blocks.values()) {
            if (b != lastAccepted) {
                ids.add(b.id);
            }
        }
        return ids;
    }

    /** Polls recorded so far. */
    public long pollCount() {
        return pollCount;
    }

    /** Polls in which at least one decision point recorded a successful poll. */
    public long successfulPolls() {
        return successfulPolls;
    }

    /**
     * Polls in which one child of the last accepted block got at least {@code alphaConfidence} votes (its own
     * and its descendants'): the polls that can move the next decision towards finality.
     */
    public long confidentPolls() {
        return confidentPolls;
    }

    /**
     * Polls recorded while blocks were processing in which no child of the last accepted block got
     * {@code alphaConfidence} votes. (Polls answered after everything they asked about was decided are neither.)
     */
    public long failedPolls() {
        return failedPolls;
    }

    @Override
    public String toString() {
        return "ReferenceSnowman(lastAccepted=" + lastAccepted.id.shortHex() + "@" + lastAccepted.height + ", preference="
                + preference.shortHex() + ", processing=" + numProcessing() + ", polls=" + pollCount
                + ", successful=" + successfulPolls + ")";
    }
}
