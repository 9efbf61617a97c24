package lux.consensus.snow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import lux.consensus.Id;

/**
 * Snowman consensus for one node: the tree of processing blocks above the last accepted block, with a
 * {@link SnowballTree} per block deciding among that block's children, after avalanchego's
 * {@code snowman.Topological}.
 *
 * <p>A vote for a block counts for every processing ancestor too. {@link #recordPoll} pushes the votes
 * towards the last accepted block, deepest blocks first (so each block is passed once, after everything
 * below it), records a poll on every block whose children got at least {@code alphaPreference} of them
 * (these form one chain from the last accepted block), resets confidence everywhere else (lazily, through
 * a per-block "falter" flag), accepts the finalized preferred child of the last accepted block (repeatedly,
 * down the chain) and rejects its siblings with all their descendants. The preference is the tip of the
 * chain that follows each block's preferred child from the last accepted block.
 *
 * <p>Listener calls are synchronous and ordered: an accepted block is reported before any of its
 * descendants, and right after it its rejected siblings and their descendants.
 *
 * <p>A block with a single child (the common case: a chain without forks) keeps that child's unary snowball
 * counters inline and counts its poll as one integer; its {@link SnowballTree} is built, carrying those
 * counters, only when a second child arrives. Adding a block is then one object and one map entry. The
 * unforked chain that starts at the last accepted block, the spine, goes further: its blocks share counters
 * in runs (blocks added together get the same polls), so a poll costs the same however long that chain is;
 * below the first fork, a poll costs a few nanoseconds per block it reaches.
 *
 * <p>Not thread-safe. The per-poll work reuses scratch state kept on the blocks and in this object, so a
 * poll allocates nothing in steady state beyond what the snowball trees do.
 */
public final class Snowman {

    /**
     * Receives decisions, synchronously, in the order they are made. Snowman's own state is already updated
     * for a decision when it is reported. A listener must not throw, and must not call back into the
     * Snowman instance that is reporting (a poll is still being applied).
     */
    public interface Listener {
        /** {@code id} (at {@code height}) is accepted; its parent was accepted before it. */
        void accepted(Id id, long height);

        /** {@code id} (at {@code height}) is rejected. */
        void rejected(Id id, long height);
    }

    /** The last accepted block or a processing block, with the scratch state of the poll being counted. */
    private static final class Block {
        final Id id;
        final long height;
        /** Null for the last accepted block, so accepted history can be collected. */
        Block parent;
        /** The first child; null until one arrives. */
        Block firstChild;
        /** Every child once there are two or more; null before. */
        ArrayList<Block> children;
        /** Decides among two or more children; null while there is at most one (the inline counters decide). */
        SnowballTree tree;
        /** The spine run holding this block's counters (then the inline ones are stale); null off the spine. */
        Run run;

        // The unary snowball of a block with one child, inline while tree is null (see UnarySnowball).
        /** Polls in which the child got alphaPreference votes. */
        int strength;
        /** The current streak of polls in which the child got alphaConfidence votes. */
        int confidence;
        /** The streak reached beta: the child is decided. */
        boolean finalized;

        /** This block and its descendants got too few votes: reset its confidence before the next poll on it. */
        boolean shouldFalter;
        /** On the preferred chain (meaningful only while processing). */
        boolean preferred;
        /** Accepted and superseded, or rejected: gone from the map. */
        boolean removed;

        // The poll being counted; valid only while votesPoll equals the current poll number.
        long votesPoll = -1;
        /** Votes for this block's children, direct or pushed up from below. */
        int votesBelow;
        /** The same votes per child, kept only while tree is not null. Lazily allocated, reused. */
        VoteBag childVotes;

        Block(Id id, long height, Block parent) {
            this.id = id;
            this.height = height;
            this.parent = parent;
        }

        int childCount() {
            return children != null ? children.size() : firstChild != null ? 1 : 0;
        }

        Block childAt(int i) {
            return children != null ? children.get(i) : firstChild;
        }

        Block child(Id childId) {
            for (int i = 0, n = childCount(); i < n; i++) {
                Block c = childAt(i);
                if (c.id.equals(childId)) {
                    return c;
                }
            }
            throw new IllegalStateException("no child " + childId + " under " + id);
        }

        void addChild(Block child, Parameters parameters, PreferenceRule rule) {
            if (firstChild == null) {
                firstChild = child;
                return;
            }
            if (tree == null) {
                Unary counters = rule.unaryOf(parameters, strength, confidence, finalized);
                tree = new SnowballTree(parameters, rule, firstChild.id, counters);
                children = new ArrayList<>(4);
                children.add(firstChild);
            }
            tree.add(child.id);
            children.add(child);
        }

        /** The preferred child's id; the block must have a child. */
        Id preferredChildId() {
            return tree != null ? tree.preference() : firstChild.id;
        }

        /** Whether the decision among the children is final. */
        boolean decided() {
            return tree != null ? tree.finalized() : finalized;
        }

        /** Resets confidence (this block got too few votes). */
        void falter() {
            if (tree != null) {
                tree.recordUnsuccessfulPoll();
            } else {
                confidence = 0;
            }
        }

        /** The most votes one child got in the poll being counted. */
        int maxChildVotes() {
            if (tree == null) {
                return votesBelow;
            }
            int max = 0;
            for (int i = 0, n = childVotes.size(); i < n; i++) {
                max = Math.max(max, childVotes.count(i));
            }
            return max;
        }

        /**
         * Records the poll being counted, which gave this block's children at least alphaPreference votes in
         * all; returns whether it was successful (see {@link SnowballTree#recordPoll}).
         */
        boolean recordPoll(Parameters parameters) {
            if (tree != null) {
                return tree.recordPoll(childVotes);
            }
            strength++;
            confidence = confidenceAfter(confidence, votesBelow, parameters);
            finalized |= confidence >= parameters.beta();
            return true;
        }
    }

    /**
     * A unary snowball's confidence after a successful poll that gave its one choice {@code votes} votes, as
     * UnarySnowflake.recordPoll counts it (the strength goes up by one, and beta confident polls finalize).
     */
    private static int confidenceAfter(int confidence, int votes, Parameters parameters) {
        return votes < parameters.alphaConfidence() ? 0 : confidence + 1;
    }

    /**
     * A run of consecutive spine blocks ({@code head} down to {@code tail}, each the single child of the one
     * before) whose unary counters are equal: every poll gives all of a run's blocks the same votes (a vote
     * for a block inside a run first splits it there), so the run keeps one copy of the counters.
     */
    private static final class Run {
        Block head;
        Block tail;
        Run previous;
        Run next;
        int strength;
        int confidence;
        boolean finalized;

        // The poll being counted; valid only while votesPoll equals the current poll number.
        long votesPoll = -1;
        /** Votes for the head itself. */
        int headVotes;
        /** Votes strictly below each of the run's blocks (the same for all of them). */
        int votesBelow;

        Run(int strength, int confidence, boolean finalized) {
            this.strength = strength;
            this.confidence = confidence;
            this.finalized = finalized;
        }

        void recordPoll(Parameters parameters) {
            strength++;
            confidence = confidenceAfter(confidence, votesBelow, parameters);
            finalized |= confidence >= parameters.beta();
        }
    }

    private final Parameters parameters;
    private final PreferenceRule rule;
    private final Listener listener;
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
    /**
     * Blocks still to push their votes up, shallowest first, with the votes each got directly: the voted
     * blocks, and the blocks where the votes of two branches meet.
     */
    private Block[] pending = new Block[8];
    private int[] pendingVotes = new int[8];
    private int pendingCount;
    /**
     * The blocks whose children got alphaPreference votes, indexed by depth above the last accepted block
     * (index 0): the chain {@code polled[0 .. polledDepth]}.
     */
    private Block[] polled = new Block[64];
    private int polledDepth;
    private final ArrayList<Block> rejectStack = new ArrayList<>();

    /**
     * The spine: the chain of single-child blocks that starts at the last accepted block, as runs from
     * {@code spineTop} (whose head is the last accepted block) down to {@code spineBottom}; both null when the
     * last accepted block is off it. The only child of the spine's last block is the frontier, the first block
     * that is counted, polled and faltered one by one, like every block below it. A poll costs O(runs) on the
     * spine however long it is: a batch of blocks added together is one run.
     */
    private Run spineTop;
    private Run spineBottom;

    /**
     * A consensus instance with no processing blocks above the given last accepted block.
     *
     * @throws NullPointerException if an argument is null
     */
    public Snowman(Parameters parameters, PreferenceRule rule, Id lastAcceptedId, long lastAcceptedHeight,
            Listener listener) {
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
        if (parent.run != null) {
            leaveSpine(parent); // a fork: the parent and the blocks below it are counted one by one from now on
        }
        parent.addChild(block, parameters, rule);
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
        extendSpine();
        polledDepth = -1;
        // Enough votes that some block may reach alphaPreference: find the blocks that do.
        boolean counted = votes.total() >= parameters.alphaPreference();
        if (counted) {
            countVotes(votes);
        }
        Block newPreferred = vote(counted);
        for (int d = 0; d <= polledDepth; d++) {
            polled[d] = null; // no decided block stays reachable from the scratch
        }
        if (newPreferred != null) {
            updatePreference(newPreferred);
        }
        if (undecided && confidentPolls == confidentBefore) {
            failedPolls++;
        }
    }

    /**
     * Pushes every vote up to the frontier (the last accepted block when there is no spine), deepest blocks
     * first: a block passes its votes to its parent once, after all its descendants' votes have reached it.
     * Where only one branch carries votes (the common case) the walk goes straight up; where branches meet, the
     * block waits in {@link #pending} for the others. Blocks whose children got alphaPreference votes go into
     * {@link #polled}. Votes for spine blocks split their runs there; then each run counts the votes below it.
     */
    private void countVotes(VoteBag votes) {
        long poll = pollCount;
        Block root = lastAccepted;
        Block top = spineBottom == null ? root : spineBottom.tail.firstChild; // where the walks end
        int topVotes = 0; // votes for the frontier itself
        pendingCount = 0;
        for (int i = 0, n = votes.size(); i < n; i++) {
            Block voted = blocks.get(votes.id(i));
            if (voted == null || voted == root) {
                continue; // unknown, rejected or decided: dropped
            }
            int count = votes.count(i);
            if (voted.run != null) {
                addHeadVotes(splitRunAt(voted), count, poll);
            } else if (voted == top) {
                topVotes += count;
            } else if (voted.parent == top) {
                addVotes(top, voted, count, poll); // nothing to walk
            } else {
                addPending(voted, count);
            }
        }
        int alphaPreference = parameters.alphaPreference();
        long topHeight = top.height;
        while (pendingCount > 0) {
            int last = --pendingCount;
            Block b = pending[last];
            int direct = pendingVotes[last];
            pending[last] = null;
            while (true) {
                int below = b.votesPoll == poll ? b.votesBelow : 0;
                if (below >= alphaPreference) {
                    markPolled(b, (int) (b.height - topHeight));
                }
                Block up = b.parent;
                addVotes(up, b, direct + below, poll);
                if (up == top) {
                    break; // the top is counted last, below
                }
                if (pendingCount > 0 && pending[pendingCount - 1].height >= up.height) {
                    // Other votes reach 'up' or blocks as deep: they go first, and 'up' waits its turn.
                    addPending(up, 0);
                    break;
                }
                b = up;
                direct = 0;
            }
        }
        int below = top.votesPoll == poll ? top.votesBelow : 0;
        if (below >= alphaPreference) {
            markPolled(top, 0);
        }
        int belowRun = topVotes + below;
        for (Run r = spineBottom; r != null; r = r.previous) {
            r.votesBelow = belowRun;
            belowRun += r.votesPoll == poll ? r.headVotes : 0;
        }
    }

    /** {@code count} votes for the head of run {@code r}. */
    private static void addHeadVotes(Run r, int count, long poll) {
        if (r.votesPoll != poll) {
            r.votesPoll = poll;
            r.headVotes = 0;
        }
        r.headVotes += count;
    }

    /** {@code count} votes for {@code child} (its own and its descendants') reach its parent {@code up}. */
    private static void addVotes(Block up, Block child, int count, long poll) {
        if (up.votesPoll != poll) { // the first votes to reach it in this poll: the last poll's are stale
            up.votesPoll = poll;
            up.votesBelow = 0;
            if (up.tree != null) {
                if (up.childVotes == null) {
                    up.childVotes = new VoteBag(4);
                } else {
                    up.childVotes.clear();
                }
            }
        }
        up.votesBelow += count;
        if (up.tree != null) {
            up.childVotes.add(child.id, count);
        }
    }

    /** Queues {@code b} (unless queued already) with {@code direct} votes, keeping the queue sorted by height. */
    private void addPending(Block b, int direct) {
        int i = pendingCount;
        while (i > 0 && pending[i - 1].height > b.height) {
            i--;
        }
        for (int j = i - 1; j >= 0 && pending[j].height == b.height; j--) {
            if (pending[j] == b) {
                pendingVotes[j] += direct;
                return;
            }
        }
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
            pendingVotes = Arrays.copyOf(pendingVotes, pendingCount * 2);
        }
        for (int j = pendingCount; j > i; j--) { // a few entries at most: a plain loop beats arraycopy
            pending[j] = pending[j - 1];
            pendingVotes[j] = pendingVotes[j - 1];
        }
        pending[i] = b;
        pendingVotes[i] = direct;
        pendingCount++;
    }

    /** {@code b}, {@code depth} below the frontier (or the last accepted block), got alphaPreference votes below it. */
    private void markPolled(Block b, int depth) {
        if (depth >= polled.length) {
            polled = Arrays.copyOf(polled, Math.max(depth + 1, polled.length * 2));
        }
        polled[depth] = b;
        polledDepth = Math.max(polledDepth, depth);
    }

    /**
     * Applies the poll to the polled chain from the last accepted block down: the spine's runs, then the
     * blocks in {@link #polled}; returns the preferred child of the deepest block on the preferred branch that
     * got a poll (null if none did: the preference stands).
     */
    private Block vote(boolean counted) {
        Block newPreferred = null;
        boolean pollSuccessful = false;
        Block firstDecision = lastAccepted; // lastAccepted moves when this poll accepts a block
        if (spineTop != null) {
            Block frontier = spineBottom.tail.firstChild;
            if (!counted || spineTop.votesBelow < parameters.alphaPreference()) {
                // Nobody reached alphaPreference: the whole tree falters, the spine now, the rest lazily.
                resetConfidence(spineTop);
                frontier.shouldFalter = true;
                return null;
            }
            Run unpolled = voteOnSpine();
            newPreferred = unpolled != null ? unpolled.head : frontier; // the child of the last run polled
            if (unpolled != null || polledDepth < 0) {
                frontier.shouldFalter = true; // the frontier got too few votes (or sits below blocks that did)
                successfulPolls++;
                return newPreferred;
            }
            pollSuccessful = true;
            // The whole spine got a poll and so did the frontier (polled[0]): go on below, block by block.
        } else if (polledDepth < 0) {
            // Nobody reached alphaPreference: the whole tree falters, lazily.
            lastAccepted.shouldFalter = true;
            return null;
        }
        boolean onPreferredBranch = true;
        for (int d = 0; d <= polledDepth; d++) {
            Block block = polled[d];
            if (block.removed) {
                break; // rejected by an acceptance earlier in this poll: nothing below counts
            }
            if (block == firstDecision && block.maxChildVotes() >= parameters.alphaConfidence()) {
                confidentPolls++;
            }
            boolean falterBelow = block.shouldFalter;
            if (falterBelow) {
                block.falter();
                block.shouldFalter = false;
            }
            pollSuccessful |= block.recordPoll(parameters);

            if (block == lastAccepted && block.decided()) {
                acceptPreferredChild(block);
            }

            Id blockPreference = block.preferredChildId();
            Block next = d < polledDepth ? polled[d + 1] : null;
            boolean nextPreferred = next != null && next.id.equals(blockPreference);
            if (onPreferredBranch) {
                newPreferred = nextPreferred ? next
                        : block.tree == null ? block.firstChild : blocks.get(blockPreference);
            }
            onPreferredBranch = onPreferredBranch && nextPreferred;

            // Children that are not polled next got too few votes: they reset before their next poll.
            for (int c = 0, n = block.childCount(); c < n; c++) {
                Block child = block.childAt(c);
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

    /**
     * Records the poll on the spine's runs that got alphaPreference votes (a prefix of them), resets the
     * confidence of the others, and accepts down the polled runs while they are finalized; returns the first
     * run that got too few votes (null: every run got a poll).
     */
    private Run voteOnSpine() {
        if (spineTop.votesBelow >= parameters.alphaConfidence()) {
            confidentPolls++;
        }
        Run run = spineTop;
        while (run != null && run.votesBelow >= parameters.alphaPreference()) {
            run.recordPoll(parameters);
            run = run.next;
        }
        if (run != null) {
            resetConfidence(run); // too few votes from here down: they falter, the spine now, the rest lazily
        }
        acceptAlongSpine(run);
        return run;
    }

    /** {@code block} is the last accepted block and its tree has finalized: accept that child. */
    private void acceptPreferredChild(Block block) {
        Block accepted = block.child(block.preferredChildId());
        promote(block, accepted);

        ArrayList<Block> rejects = rejectStack;
        rejects.clear();
        for (int i = 0, n = block.childCount(); i < n; i++) {
            Block sibling = block.childAt(i);
            if (sibling != accepted) {
                reject(sibling);
                rejects.add(sibling);
            }
        }
        // Descendants of the rejected siblings, depth first.
        while (!rejects.isEmpty()) {
            Block rejected = rejects.removeLast();
            for (int i = 0, n = rejected.childCount(); i < n; i++) {
                Block child = rejected.childAt(i);
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

    /** {@code accepted}, the decided child of the last accepted block {@code root}, becomes the last accepted block. */
    private void promote(Block root, Block accepted) {
        accepted.parent = null;
        lastAccepted = accepted;
        root.removed = true;
        blocks.remove(root.id);
        listener.accepted(accepted.id, accepted.height);
    }

    // ---- the spine ----

    /**
     * Takes the single-child blocks below the spine (from the last accepted block when there is none) into
     * it: a block's counters join the bottom run when they equal its counters (blocks added together and not
     * polled yet), else they start a new run. A falter pending on a block is applied now: its confidence
     * resets, and its child inherits the falter (lazily, as before).
     */
    private void extendSpine() {
        Block b = spineBottom == null ? lastAccepted : spineBottom.tail.firstChild;
        while (b.tree == null && b.firstChild != null) {
            if (b.shouldFalter) {
                b.shouldFalter = false;
                b.confidence = 0;
                b.firstChild.shouldFalter = true;
            }
            Run bottom = spineBottom;
            if (bottom != null && bottom.strength == b.strength && bottom.confidence == b.confidence
                    && bottom.finalized == b.finalized) {
                bottom.tail = b;
            } else {
                Run run = new Run(b.strength, b.confidence, b.finalized);
                run.head = b;
                run.tail = b;
                run.previous = bottom;
                if (bottom == null) {
                    spineTop = run;
                } else {
                    bottom.next = run;
                }
                spineBottom = run;
            }
            b.run = spineBottom;
            b = b.firstChild;
        }
    }

    /** Splits {@code b}'s run so that {@code b} heads one (votes for it do not count for the blocks above it). */
    private Run splitRunAt(Block b) {
        Run upper = b.run;
        if (upper.head == b) {
            return upper;
        }
        Run lower = new Run(upper.strength, upper.confidence, upper.finalized);
        lower.head = b;
        lower.tail = upper.tail;
        upper.tail = b.parent;
        lower.previous = upper;
        lower.next = upper.next;
        if (upper.next == null) {
            spineBottom = lower;
        } else {
            upper.next.previous = lower;
        }
        upper.next = lower;
        for (Block x = b; ; x = x.firstChild) {
            x.run = lower;
            if (x == lower.tail) {
                return lower;
            }
        }
    }

    /** Ends the spine above {@code b}: it and the spine blocks below it get their run's counters back. */
    private void leaveSpine(Block b) {
        Run first = b.run;
        for (Run run = first; run != null; run = run.next) {
            for (Block x = run == first ? b : run.head; ; x = x.firstChild) {
                x.strength = run.strength;
                x.confidence = run.confidence;
                x.finalized = run.finalized;
                x.run = null;
                if (x == run.tail) {
                    break;
                }
            }
        }
        if (b == first.head) {
            spineBottom = first.previous;
        } else {
            first.tail = b.parent;
            spineBottom = first;
        }
        if (spineBottom == null) {
            spineTop = null;
        } else {
            spineBottom.next = null;
        }
    }

    /** Resets the confidence of {@code run} and of every run below it (their blocks got too few votes). */
    private static void resetConfidence(Run run) {
        for (Run r = run; r != null; r = r.next) {
            r.confidence = 0;
        }
    }

    /**
     * Accepts down the spine while the last accepted block's run is finalized, up to the first run that got no
     * poll ({@code stop}; null: every run got one). A spine block's only child is its decision.
     */
    private void acceptAlongSpine(Run stop) {
        while (spineTop != null && spineTop != stop && spineTop.finalized) {
            Run top = spineTop;
            Block root = top.head;
            Block accepted = root.firstChild;
            root.run = null;
            if (root == top.tail) {
                spineTop = top.next;
                if (spineTop == null) {
                    spineBottom = null;
                } else {
                    spineTop.previous = null;
                }
            } else {
                top.head = accepted;
            }
            promote(root, accepted);
        }
    }

    /** Makes the preference the tip of the preferred chain through {@code start} (processing or last accepted). */
    private void updatePreference(Block start) {
        if (start != lastAccepted && start.preferred) {
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
        preference = start.id;
        for (Block b = start; b.firstChild != null; ) {
            preference = b.preferredChildId();
            b = b.tree == null ? b.firstChild : blocks.get(preference);
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
        return "Snowman(lastAccepted=" + lastAccepted.id.shortHex() + "@" + lastAccepted.height + ", preference="
                + preference.shortHex() + ", processing=" + numProcessing() + ", polls=" + pollCount
                + ", successful=" + successfulPolls + ")";
    }
}
