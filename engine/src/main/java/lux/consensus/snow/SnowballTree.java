package lux.consensus.snow;

import java.util.Arrays;
import java.util.Objects;
import lux.consensus.Id;

/**
 * A snowball instance over any number of conflicting choices (ids), built as a patricia tree over the 256
 * bits of the ids, after avalanchego's {@code snowball.Tree}.
 *
 * <p>A <em>unary node</em> covers a run of bits on which every choice below it agrees and keeps one
 * {@link Unary} instance for the whole run; a <em>binary node</em> sits on a bit where choices disagree and
 * keeps one {@link Binary} instance deciding that bit. Each poll is split bit by bit down the preferred
 * path, so a poll whose votes scatter over many choices still makes progress on the bits those choices
 * share; that is what lets many conflicting choices converge where a flat multi-choice snowball stalls.
 * A node that finalizes drops out of the tree and hands its place to the subtree it chose.
 *
 * <p>Not thread-safe. {@link #recordPoll} allocates nothing once its scratch space has grown to the number
 * of distinct ids in a poll. It stores a reference only where it changes: every reference store runs the
 * garbage collector's write barrier (G1's compares regions and cards and may fence), a measurable part of
 * a poll that changes no node; the scratch space is indices and counts for the same reason.
 */
public final class SnowballTree {
    private final Parameters parameters;
    private final PreferenceRule rule;
    private Node root;
    /**
     * Set by {@link #recordUnsuccessfulPoll()}: the next poll first resets the whole tree. Resets travel down
     * lazily (each node keeps a flag for its children), so an unsuccessful poll costs O(1).
     */
    private boolean shouldReset;
    /** Whether the poll being recorded was successful at the top node; written by the nodes. */
    private boolean successful;
    /**
     * The poll's valid votes, as indices into the poll's ids with their counts; binary nodes partition ranges
     * of them by their bit.
     */
    private int[] voteIndices = new int[8];
    private int[] voteCounts = new int[8];

    /**
     * A tree whose only choice so far is {@code firstChoice}.
     *
     * @throws NullPointerException if an argument is null
     */
    public SnowballTree(Parameters parameters, PreferenceRule rule, Id firstChoice) {
        this(parameters, rule, firstChoice, rule.newUnary(parameters));
    }

    /** A tree whose only choice so far is {@code firstChoice}, with the counters of {@code state}. */
    SnowballTree(Parameters parameters, PreferenceRule rule, Id firstChoice, Unary state) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.root = new UnaryNode(Objects.requireNonNull(firstChoice, "firstChoice"), 0, Id.BITS, state);
    }

    /**
     * Adds a choice. Adding a choice already present does nothing; so does adding one that disagrees with
     * bits the tree has already decided (it has lost already).
     */
    public void add(Id choice) {
        Objects.requireNonNull(choice, "choice");
        if (Bits.equalRange(0, root.decidedPrefix(), root.preference(), choice)) {
            root = root.add(choice);
        }
    }

    /**
     * Records a poll. Votes for ids that disagree with already decided bits are dropped. Every vote is
     * expected to be for a choice that was {@link #add added}.
     *
     * @return whether the poll was successful, i.e. at least {@code alphaPreference} valid votes agreed on
     *     the first undecided decision; once finalized the answer carries no meaning
     */
    public boolean recordPoll(VoteBag votes) {
        return recordPoll(votes.ids, votes.counts, votes.size());
    }

    /** {@link #recordPoll(VoteBag)} for the votes {@code counts[i]} for {@code ids[i]}, i below {@code n}. */
    boolean recordPoll(Id[] ids, int[] counts, int n) {
        int decided = root.decidedPrefix();
        Id preference = root.preference();
        int kept = 0;
        int total = 0;
        for (int i = 0; i < n; i++) {
            Id id = ids[i];
            if (Bits.equalRange(0, decided, preference, id)) {
                if (kept == voteIndices.length) {
                    voteIndices = Arrays.copyOf(voteIndices, kept * 2);
                    voteCounts = Arrays.copyOf(voteCounts, kept * 2);
                }
                voteIndices[kept] = i;
                voteCounts[kept] = counts[i];
                total += counts[i];
                kept++;
            }
        }
        Node newRoot = root.recordPoll(ids, 0, kept, total, shouldReset);
        if (newRoot != root) {
            root = newRoot;
        }
        shouldReset = false;
        return successful;
    }

    /** Records a poll in which no choice got {@code alphaPreference} votes: every confidence resets. */
    public void recordUnsuccessfulPoll() {
        shouldReset = true;
    }

    /** The preferred choice; once finalized, the decided one. */
    public Id preference() {
        return root.preference();
    }

    /** Whether a choice has been finalized. */
    public boolean finalized() {
        return root.finalized();
    }

    /**
     * One line per node, children indented by four spaces under their parent (side 0 before side 1):
     * {@code <unary instance> bits [from, to)} or {@code <binary instance> bit b}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        root.print(sb, 0);
        sb.setLength(sb.length() - 1); // the last newline
        return sb.toString();
    }

    private int sumVotes(int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += voteCounts[i];
        }
        return sum;
    }

    /** Reorders votes[from, to) so ids with {@code bit} = 0 come first; returns where the 1s start. */
    private int partition(Id[] ids, int from, int to, int bit) {
        int lo = from;
        int hi = to - 1;
        while (true) {
            while (lo <= hi && ids[voteIndices[lo]].bit(bit) == 0) {
                lo++;
            }
            while (lo <= hi && ids[voteIndices[hi]].bit(bit) == 1) {
                hi--;
            }
            if (lo >= hi) {
                return lo;
            }
            int index = voteIndices[lo];
            voteIndices[lo] = voteIndices[hi];
            voteIndices[hi] = index;
            int count = voteCounts[lo];
            voteCounts[lo] = voteCounts[hi];
            voteCounts[hi] = count;
            lo++;
            hi--;
        }
    }

    private abstract sealed class Node permits UnaryNode, BinaryNode {
        /**
         * The node's instance's {@code finalized()}, copied after each change: a poll reads it at every node
         * it passes, and a field read costs less than a call through the instance's interface.
         */
        boolean finalized;

        /** The preferred choice of this subtree. */
        abstract Id preference();

        /** Bits below this index are taken as decided in favour of this subtree. */
        abstract int decidedPrefix();

        /** Adds a choice that agrees with this subtree's decided prefix; returns the node to keep. */
        abstract Node add(Id choice);

        /**
         * Records the votes in scratch range [from, to) (all agreeing with this subtree's decided prefix, their
         * ids in {@code ids}), {@code count} in all, after first resetting confidence if {@code reset}. Sets
         * {@link #successful} and returns the node to keep in this place: itself, or the subtree it finalized on.
         */
        abstract Node recordPoll(Id[] ids, int from, int to, int count, boolean reset);

        /** Whether this node's instance has finalized. */
        final boolean finalized() {
            return finalized;
        }

        abstract void print(StringBuilder sb, int depth);

        final void indent(StringBuilder sb, int depth) {
            sb.repeat("    ", depth);
        }
    }

    /** A run of bits [decidedPrefix, commonPrefix) shared by every choice below, with one unary instance. */
    private final class UnaryNode extends Node {
        private Id preference;
        private int decidedPrefix;
        private int commonPrefix;
        private final Unary snow;
        /** The child must reset its confidence before its next poll (this node had an unsuccessful one). */
        private boolean shouldReset;
        /** Decides the bits from commonPrefix on; null when commonPrefix is 256. */
        private Node child;

        UnaryNode(Id preference, int decidedPrefix, int commonPrefix, Unary snow) {
            this.preference = preference;
            this.decidedPrefix = decidedPrefix;
            this.commonPrefix = commonPrefix;
            this.snow = snow;
            this.finalized = snow.finalized();
        }

        @Override
        Id preference() {
            return preference;
        }

        @Override
        int decidedPrefix() {
            return decidedPrefix;
        }

        @Override
        Node add(Id choice) {
            if (finalized) {
                return this; // decided already (a finalized node is a leaf or the whole tree)
            }
            int index = Bits.firstDifference(decidedPrefix, commonPrefix, preference, choice);
            if (index < 0) {
                // The choice shares this run; any conflict is further down. A null child means the choice
                // is already here.
                if (child != null) {
                    child = child.add(choice);
                }
                return this;
            }
            // Split the run at 'index': a binary node decides that bit, continuing this run's counters.
            int bit = preference.bit(index);
            BinaryNode split = new BinaryNode(index, snow.extend(bit), shouldReset);
            split.preferences[bit] = preference;
            split.preferences[1 - bit] = choice;
            UnaryNode newBranch = new UnaryNode(choice, index + 1, Id.BITS, rule.newUnary(parameters));

            if (decidedPrefix == commonPrefix - 1) {
                // The run is that one bit: the binary node replaces this node.
                split.children[bit] = child;
                if (child != null) {
                    split.children[1 - bit] = newBranch;
                }
                return split;
            }
            if (index == decidedPrefix) {
                // Split on the run's first bit: this node continues below the binary node.
                decidedPrefix++;
                split.children[bit] = this;
                split.children[1 - bit] = newBranch;
                return split;
            }
            if (index == commonPrefix - 1) {
                // Split on the run's last bit: the binary node goes between this node and its child.
                commonPrefix--;
                split.children[bit] = child;
                if (child != null) {
                    split.children[1 - bit] = newBranch;
                }
                child = split;
                return this;
            }
            // Split inside the run: a copy of this node keeps the bits above, this node the bits below.
            UnaryNode above = new UnaryNode(preference, decidedPrefix, index, snow.copy());
            decidedPrefix = index + 1;
            split.children[bit] = this;
            split.children[1 - bit] = newBranch;
            above.child = split;
            return above;
        }

        @Override
        Node recordPoll(Id[] ids, int from, int to, int count, boolean reset) {
            if (reset) {
                snow.recordUnsuccessfulPoll();
                shouldReset = true; // and so must the child, when next reached
            }
            if (count < parameters.alphaPreference()) {
                snow.recordUnsuccessfulPoll();
                shouldReset = true;
                successful = false;
                return this;
            }
            snow.recordPoll(count);
            finalized = snow.finalized();
            if (child != null) {
                // Every vote agrees with this run, so the child sees exactly the same votes.
                Node newChild = child.recordPoll(ids, from, to, count, shouldReset);
                if (finalized) {
                    successful = true;
                    return newChild;
                }
                if (child != newChild) {
                    child = newChild;
                }
                Id childPreference = newChild.preference();
                if (preference != childPreference) {
                    preference = childPreference;
                }
            }
            shouldReset = false;
            successful = true;
            return this;
        }

        @Override
        void print(StringBuilder sb, int depth) {
            indent(sb, depth);
            sb.append(snow).append(" bits [").append(decidedPrefix).append(", ").append(commonPrefix).append(")\n");
            if (child != null) {
                child.print(sb, depth + 1);
            }
        }
    }

    /** A bit on which choices disagree, with one binary instance; both children null or both present. */
    private final class BinaryNode extends Node {
        private final int bit;
        private final Binary snow;
        /** The instance's {@code preference()}, copied after each change (as {@link #finalized}). */
        private int preferredSide;
        /** The preferred choice on each side. */
        private final Id[] preferences = new Id[2];
        /** Whether each side must reset its confidence before its next poll. */
        private final boolean[] shouldReset = new boolean[2];
        private final Node[] children = new Node[2];

        BinaryNode(int bit, Binary snow, boolean reset) {
            this.bit = bit;
            this.snow = snow;
            this.preferredSide = snow.preference();
            this.finalized = snow.finalized();
            this.shouldReset[0] = reset;
            this.shouldReset[1] = reset;
        }

        @Override
        Id preference() {
            return preferences[preferredSide];
        }

        @Override
        int decidedPrefix() {
            return bit;
        }

        @Override
        Node add(Id choice) {
            int side = choice.bit(bit);
            Node child = children[side];
            // A null child means this is the last bit and the choice is already here.
            if (child != null) {
                children[side] = child.add(choice);
            }
            return this;
        }

        @Override
        Node recordPoll(Id[] ids, int from, int to, int total, boolean reset) {
            int split = partition(ids, from, to, bit);
            int ones = sumVotes(split, to);
            // Side 1 can only win with alphaPreference votes; otherwise side 0 is the one that may.
            int side = ones >= parameters.alphaPreference() ? 1 : 0;
            if (reset) {
                snow.recordUnsuccessfulPoll();
                shouldReset[side] = true;
            }
            shouldReset[1 - side] = true; // the losing side got too few votes
            int count = side == 1 ? ones : total - ones;
            if (count < parameters.alphaPreference()) {
                snow.recordUnsuccessfulPoll();
                shouldReset[side] = true;
                successful = false;
                return this;
            }
            snow.recordPoll(count, side);
            preferredSide = snow.preference();
            finalized = snow.finalized();
            Node child = children[side];
            if (child != null) {
                Node newChild = side == 1
                        ? child.recordPoll(ids, split, to, count, shouldReset[1])
                        : child.recordPoll(ids, from, split, count, shouldReset[0]);
                if (finalized) {
                    // This poll decided the bit, for 'side': the chosen subtree takes this node's place.
                    successful = true;
                    return newChild;
                }
                if (children[side] != newChild) {
                    children[side] = newChild;
                }
                Id childPreference = newChild.preference();
                if (preferences[side] != childPreference) {
                    preferences[side] = childPreference;
                }
            }
            shouldReset[side] = false;
            successful = true;
            return this;
        }

        @Override
        void print(StringBuilder sb, int depth) {
            indent(sb, depth);
            sb.append(snow).append(" bit ").append(bit).append('\n');
            if (children[0] != null) {
                children[0].print(sb, depth + 1);
                children[1].print(sb, depth + 1);
            }
        }
    }
}
