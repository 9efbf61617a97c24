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
 * <p>Blocks with a single child (the common case: a chain without forks) sit in runs ({@link BlockRun}):
 * consecutive single-child blocks added between two polls share one set of unary snowball counters, and a
 * poll counts and records a run as one unit, so its cost grows with the number of runs and forks it
 * reaches, not with the length of the chain. A block's {@link SnowballTree} is built, carrying its run's
 * counters, only when a second child arrives. Adding a block is one object and one map entry.
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

    private final Parameters parameters;
    private final PreferenceRule rule;
    private final Listener listener;
    /** The last accepted block and every processing block. */
    private final HashMap<Id, ProcessingBlock> blocks = new HashMap<>();
    private ProcessingBlock lastAccepted;
    private Id preference;
    private long pollCount;
    private long successfulPolls;
    private long confidentPolls;
    private long failedPolls;

    // Scratch, reused by every poll.
    /**
     * Units (a run, by its head, or a block with a tree) still to push their votes up, shallowest first, with
     * the votes each got directly: the voted blocks, and the blocks where the votes of two branches meet.
     */
    private ProcessingBlock[] pending = new ProcessingBlock[8];
    private int[] pendingVotes = new int[8];
    private int pendingCount;
    /**
     * The units whose blocks' children got alphaPreference votes, by their first block, deepest first: they
     * form one chain down from the last accepted block, {@code polled[polledCount - 1]}. Entries from
     * {@code polledCount} on are left from earlier polls (cleared whenever blocks are decided) and never read.
     */
    private ProcessingBlock[] polled = new ProcessingBlock[16];
    private int polledCount;
    private final ArrayList<ProcessingBlock> rejectStack = new ArrayList<>();

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
        this.lastAccepted = new ProcessingBlock(Objects.requireNonNull(lastAcceptedId, "lastAcceptedId"), lastAcceptedHeight,
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
        ProcessingBlock parent = blocks.get(parentId);
        if (parent == null) {
            listener.rejected(id, height);
            return false;
        }
        if (height != parent.height + 1) {
            throw new IllegalArgumentException("block " + id + " at height " + height + " cannot extend "
                    + parentId + " at height " + parent.height + ": a child's height must be its parent's + 1");
        }
        ProcessingBlock block = new ProcessingBlock(id, height, parent);
        addChild(parent, block);
        blocks.put(id, block);
        if (parentId.equals(preference)) {
            preference = id;
            block.preferred = true;
        }
        return true;
    }

    private void addChild(ProcessingBlock parent, ProcessingBlock child) {
        if (parent.firstChild == null) {
            // The parent gets one child: it joins the run above it when that run was never polled (blocks added
            // one under the other), else it starts a run. Never polled itself, it has no confidence a pending
            // falter could reset.
            parent.firstChild = child;
            parent.shouldFalter = false;
            BlockRun above = parent.parent == null ? null : parent.parent.run;
            if (above != null && above.fresh()) {
                above.tail = parent;
                parent.run = above;
            } else {
                parent.run = new BlockRun(parent, parent, 0, 0, false);
            }
            return;
        }
        if (parent.tree == null) {
            // A fork: the parent leaves its run, and its counters go into the tree that now decides.
            BlockRun run = leaveRun(parent);
            Unary counters = rule.unaryOf(parameters, run.strength, run.confidence, run.finalized);
            parent.tree = new SnowballTree(parameters, rule, parent.firstChild.id, counters);
        }
        parent.tree.add(child.id);
        parent.addForkChild(child);
    }

    /**
     * Takes {@code b} out of its run: the blocks above it stay in the run, those below it form a new one with
     * the same counters. Returns the run {@code b} was in.
     */
    private BlockRun leaveRun(ProcessingBlock b) {
        BlockRun run = b.run;
        if (b != run.tail) {
            BlockRun below = new BlockRun(b.firstChild, run.tail, run.strength, run.confidence, run.finalized);
            below.claim(b.firstChild);
        }
        run.tail = b.parent; // meaningless when b was the head: the run is then left with no block
        b.run = null;
        return run;
    }

    /** Splits {@code b}'s run so that {@code b} comes first in one: votes for b do not count for blocks above it. */
    private static void splitRunAt(ProcessingBlock b) {
        BlockRun run = b.run;
        if (run.head != b) {
            BlockRun below = new BlockRun(b, run.tail, run.strength, run.confidence, run.finalized);
            run.tail = b.parent;
            below.claim(b);
        }
    }

    /**
     * Records one poll: {@code votes} holds, per block id, how many sampled validators answered it as their
     * preferred tip. Votes for unknown or decided blocks are dropped.
     */
    public void recordPoll(VoteBag votes) {
        pollCount++;
        boolean undecided = numProcessing() > 0;
        long confidentBefore = confidentPolls;
        ProcessingBlock acceptedBefore = lastAccepted;
        polledCount = 0;
        if (votes.total() >= parameters.alphaPreference()) {
            // Enough votes that some block may reach alphaPreference: find the blocks that do.
            countVotes(votes);
        }
        ProcessingBlock newPreferred = vote();
        if (lastAccepted != acceptedBefore) {
            // Blocks were decided (every rejection follows an acceptance): none stays reachable from the scratch.
            // Between decisions the entries stay, so a poll that polls the same units stores nothing.
            Arrays.fill(polled, null);
        }
        if (newPreferred != null) {
            updatePreference(newPreferred);
        }
        if (undecided && confidentPolls == confidentBefore) {
            failedPolls++;
        }
    }

    /**
     * Pushes every vote up to the last accepted block, a unit (a run, or a block with a tree) at a time,
     * deepest first: a unit passes its votes to its parent once, after all its descendants' votes have reached
     * it. Where only one branch carries votes (the common case) the walk goes straight up; where branches meet,
     * the unit waits in {@link #pending} for the others. Units whose children got alphaPreference votes go
     * into {@link #polled}.
     */
    private void countVotes(VoteBag votes) {
        long poll = pollCount;
        ProcessingBlock root = lastAccepted;
        pendingCount = 0;
        for (int i = 0, n = votes.size(); i < n; i++) {
            ProcessingBlock voted = blocks.get(votes.id(i));
            if (voted == null || voted == root) {
                continue; // unknown, rejected or decided: dropped
            }
            if (voted.run != null) {
                splitRunAt(voted);
            }
            if (voted.parent == root && root.run == null) {
                root.addVotes(voted, votes.count(i), poll); // nothing to walk
            } else {
                addPending(voted, votes.count(i));
            }
        }
        int alphaPreference = parameters.alphaPreference();
        ProcessingBlock rootHead = root.unitHead();
        while (pendingCount > 0) {
            int last = --pendingCount;
            ProcessingBlock b = pending[last];
            int direct = pendingVotes[last];
            pending[last] = null;
            while (true) {
                int below = votesBelow(b, poll);
                if (below >= alphaPreference) {
                    markPolled(b);
                }
                ProcessingBlock up = b.parent;
                if (up.run != null) {
                    up.run.addVotes(direct + below, poll); // up is the run's tail
                } else {
                    up.addVotes(b, direct + below, poll);
                }
                ProcessingBlock upHead = up.unitHead();
                if (upHead == rootHead) {
                    break; // the last accepted block's unit is counted last, below
                }
                if (pendingCount > 0 && pending[pendingCount - 1].height >= upHead.height) {
                    // Other votes reach that unit or blocks as deep: they go first, and the unit waits its turn.
                    addPending(upHead, 0);
                    break;
                }
                b = upHead;
                direct = 0;
            }
        }
        if (votesBelow(rootHead, poll) >= alphaPreference) {
            markPolled(rootHead);
        }
    }

    /** Votes below the unit that starts at {@code head}, in this poll. */
    private static int votesBelow(ProcessingBlock head, long poll) {
        BlockRun run = head.run;
        if (run != null) {
            return run.votesPoll == poll ? run.votesBelow : 0;
        }
        return head.votesPoll == poll ? head.votesBelow : 0;
    }

    /** Queues {@code b} (unless queued already) with {@code direct} votes, keeping the queue sorted by height. */
    private void addPending(ProcessingBlock b, int direct) {
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

    /** The unit that starts at {@code head} got alphaPreference votes below it. */
    private void markPolled(ProcessingBlock head) {
        if (polledCount == polled.length) {
            polled = Arrays.copyOf(polled, polledCount * 2);
        }
        if (polled[polledCount] != head) { // a reference store runs the collector's write barrier: only if it changes
            polled[polledCount] = head;
        }
        polledCount++;
    }

    /**
     * Applies the poll to the polled chain of units from the last accepted block down; returns the preferred
     * child of the deepest block on the preferred branch that got a poll (null if none did: the preference
     * stands).
     */
    private ProcessingBlock vote() {
        if (polledCount == 0) {
            // Nobody reached alphaPreference: the whole tree falters, lazily.
            lastAccepted.shouldFalter = true;
            return null;
        }
        ProcessingBlock newPreferred = null;
        boolean onPreferredBranch = true;
        boolean pollSuccessful = false;
        ProcessingBlock firstDecision = lastAccepted; // lastAccepted moves when this poll accepts a block
        for (int i = polledCount - 1; i >= 0; i--) {
            ProcessingBlock head = polled[i];
            if (head.removed) {
                break; // rejected by an acceptance earlier in this poll: nothing below counts
            }
            ProcessingBlock next = i > 0 ? polled[i - 1] : null;
            BlockRun run = head.run;
            boolean falterBelow = head.shouldFalter;
            head.shouldFalter = false;
            ProcessingBlock last; // the unit's deepest block
            Id lastPreference;
            if (run != null) {
                if (head == firstDecision && run.votesBelow >= parameters.alphaConfidence()) {
                    confidentPolls++;
                }
                if (falterBelow) {
                    run.confidence = 0;
                }
                run.recordPoll(parameters);
                pollSuccessful = true;
                last = run.tail;
                if (head == lastAccepted && run.finalized) {
                    acceptRun(run); // every block of the run has decided its child
                }
                lastPreference = last.firstChild.id;
            } else {
                if (head == firstDecision && head.maxChildVotes() >= parameters.alphaConfidence()) {
                    confidentPolls++;
                }
                if (falterBelow) {
                    head.tree.recordUnsuccessfulPoll();
                }
                pollSuccessful |= head.tree.recordPoll(head.childVoteIds, head.childVoteCounts, head.childVotesSize);
                last = head;
                if (head == lastAccepted && head.tree.finalized()) {
                    acceptPreferredChild(head);
                }
                lastPreference = head.tree.preference();
            }
            boolean nextPreferred = next != null && next.id.equals(lastPreference);
            if (onPreferredBranch) {
                newPreferred = nextPreferred ? next
                        : last.tree == null ? last.firstChild : last.preferredChild();
            }
            onPreferredBranch = onPreferredBranch && nextPreferred;

            // Children that are not polled next got too few votes: they reset before their next poll. Most polls
            // mark the same children again: the flag is stored only where it changes (cheaper, measured).
            for (int c = 0, n = last.childCount(); c < n; c++) {
                ProcessingBlock child = last.childAt(c);
                if ((falterBelow || child != next) && !child.removed && !child.shouldFalter) {
                    child.shouldFalter = true;
                }
            }
        }
        if (pollSuccessful) {
            successfulPolls++;
        }
        return newPreferred;
    }

    /** The run's first block is the last accepted block and the run has finalized: accept down to its end. */
    private void acceptRun(BlockRun run) {
        while (true) {
            ProcessingBlock root = lastAccepted;
            promote(root, root.firstChild);
            if (root == run.tail) {
                return;
            }
            run.head = lastAccepted;
        }
    }

    /** {@code block} is the last accepted block and its tree has finalized: accept that child. */
    private void acceptPreferredChild(ProcessingBlock block) {
        ProcessingBlock accepted = block.child(block.tree.preference());
        promote(block, accepted);

        ArrayList<ProcessingBlock> rejects = rejectStack;
        rejects.clear();
        for (int i = 0, n = block.childCount(); i < n; i++) {
            ProcessingBlock sibling = block.childAt(i);
            if (sibling != accepted) {
                reject(sibling);
                rejects.add(sibling);
            }
        }
        // Descendants of the rejected siblings, depth first.
        while (!rejects.isEmpty()) {
            ProcessingBlock rejected = rejects.removeLast();
            for (int i = 0, n = rejected.childCount(); i < n; i++) {
                ProcessingBlock child = rejected.childAt(i);
                reject(child);
                rejects.add(child);
            }
        }
    }

    private void reject(ProcessingBlock b) {
        b.removed = true;
        blocks.remove(b.id);
        listener.rejected(b.id, b.height);
    }

    /** {@code accepted}, the decided child of the last accepted block {@code root}, becomes the last accepted block. */
    private void promote(ProcessingBlock root, ProcessingBlock accepted) {
        accepted.parent = null;
        lastAccepted = accepted;
        root.removed = true;
        blocks.remove(root.id);
        listener.accepted(accepted.id, accepted.height);
    }

    /** Makes the preference the tip of the preferred chain through {@code start} (processing or last accepted). */
    private void updatePreference(ProcessingBlock start) {
        if (start != lastAccepted && start.preferred) {
            return; // already on the preferred chain, so the chain (and its tip) is unchanged
        }
        clearPreferredChain();
        for (ProcessingBlock b = start; b != lastAccepted; b = b.parent) {
            b.preferred = true;
        }
        preference = start.id;
        for (ProcessingBlock b = start; b.firstChild != null; ) {
            b = b.tree == null ? b.firstChild : b.preferredChild();
            preference = b.id;
            b.preferred = true;
        }
    }

    /**
     * Clears the preferred flags of processing blocks: they mark one chain down from the last accepted block
     * (flags left on decided blocks are never read). Walking it keeps no list of blocks, which would hold on
     * to every block ever preferred on a chain that never forks.
     */
    private void clearPreferredChain() {
        ProcessingBlock b = lastAccepted;
        while (true) {
            ProcessingBlock next = null;
            for (int i = 0, n = b.childCount(); i < n && next == null; i++) {
                ProcessingBlock child = b.childAt(i);
                if (child.preferred) {
                    next = child;
                }
            }
            if (next == null) {
                return;
            }
            next.preferred = false;
            b = next;
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
        ProcessingBlock b = blocks.get(id);
        return b != null && b != lastAccepted;
    }

    /** Whether {@code id} is processing and on the preferred chain (the last accepted block is not). */
    public boolean isPreferred(Id id) {
        ProcessingBlock b = blocks.get(id);
        return b != null && b != lastAccepted && b.preferred;
    }

    /** The processing blocks, in no particular order, as a fresh list. */
    public List<Id> processingIds() {
        List<Id> ids = new ArrayList<>(blocks.size());
        for (ProcessingBlock b : blocks.values()) {
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
