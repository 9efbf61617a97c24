package lux.consensus.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.kernels.tally.VoteTally;
import lux.consensus.snow.Snowman;

/**
 * One seeded run of the embedded network on one fork: conflicting siblings offered to every validator at
 * once, then rounds until every live validator has decided every block (or a round limit is reached).
 * What {@code lux simulate} and the liveness tests run, many times over.
 *
 * <p>The fork's shape: a chain of {@code depth} blocks on genesis, then {@code siblings} conflicting
 * children of its tip; with {@code nested}, each of the first two siblings gets {@code siblings} children
 * of its own (a fork under a fork). All of it is gossiped in one delivery, so the chain below the fork is
 * still processing while the fork is decided.
 */
public final class ForkSimulation {
    private ForkSimulation() {
    }

    /**
     * The fork to decide.
     *
     * @param siblings conflicting children at the fork (2 or more)
     * @param depth processing blocks below the fork (0: the siblings are children of genesis)
     * @param nested whether two of the siblings are forks themselves
     */
    public record Shape(int siblings, int depth, boolean nested) {
        public Shape {
            if (siblings < 2 || depth < 0) {
                throw new IllegalArgumentException("a fork needs siblings >= 2 and depth >= 0, got siblings=" + siblings + " depth=" + depth);
            }
        }

        /** Blocks in the fork: the chain below it, the siblings and, when nested, their children. */
        public int blocks() {
            return depth + siblings + (nested ? 2 * siblings : 0);
        }

        /** Blocks one honest outcome finalizes: the chain, one sibling and, when that sibling is a fork, one child. */
        int finalizedAtMost() {
            return depth + 1 + (nested ? 1 : 0);
        }

        @Override
        public String toString() {
            return siblings + " siblings at depth " + depth + (nested ? ", nested" : "");
        }
    }

    /**
     * What one run did.
     *
     * @param decided whether every live validator decided every block within the round limit
     * @param rounds rounds until every live validator had decided (the limit when not decided)
     * @param localRounds rounds until the local node had decided every block (the limit when it did not)
     * @param conflictingFinalizations times two honest validators finalized different blocks at one height
     * @param localFinalized blocks the local node finalized
     * @param localRejected blocks the local node rejected
     * @param polls polls completed network-wide
     * @param confidentPolls of those, polls that gave some block alphaConf votes
     */
    public record Result(boolean decided, long rounds, long localRounds, long conflictingFinalizations,
            int localFinalized, int localRejected, long polls, long confidentPolls) {

        /** Whether the local node decided every block exactly once, one chain finalized and the rest rejected. */
        public boolean decidedExactlyOnce(Shape shape) {
            int finalized = localFinalized;
            return localFinalized + localRejected == shape.blocks()
                    && finalized >= shape.depth() + 1 && finalized <= shape.finalizedAtMost();
        }
    }

    /** Runs {@code shape} on a network built from {@code config}, for at most {@code maxRounds} rounds. */
    public static Result run(Config config, VoteTally tally, Shape shape, int maxRounds) {
        Objects.requireNonNull(shape, "shape");
        int[] local = new int[2];
        EmbeddedNetwork network = new EmbeddedNetwork(config, tally, new Snowman.Listener() {
            @Override
            public void accepted(Id id, long height) {
                local[0]++;
            }

            @Override
            public void rejected(Id id, long height) {
                local[1]++;
            }
        });
        network.deliver(blocks(shape, new SplittableRandom(config.seed() ^ 0x464F_524BL)));
        long rounds = 0;
        long localRounds = -1;
        while (rounds < maxRounds && network.hasUndecided()) {
            network.round();
            rounds++;
            if (localRounds < 0 && network.localNode().numProcessing() == 0) {
                localRounds = rounds;
            }
        }
        boolean decided = !network.hasUndecided();
        if (localRounds < 0) {
            localRounds = decided ? 0 : rounds;
        }
        return new Result(decided, rounds, localRounds, network.safetyViolations(), local[0], local[1],
                network.networkPolls(), network.networkConfidentPolls());
    }

    /** The fork's blocks, parents first, with ids from {@code random}. */
    static List<NewBlock> blocks(Shape shape, SplittableRandom random) {
        List<NewBlock> blocks = new ArrayList<>(shape.blocks());
        Id parent = Id.GENESIS;
        long height = 1;
        for (int i = 0; i < shape.depth(); i++, height++) {
            Id id = Id.ofLong(random.nextLong());
            blocks.add(new NewBlock(id, parent, height));
            parent = id;
        }
        List<Id> siblings = new ArrayList<>(shape.siblings());
        for (int i = 0; i < shape.siblings(); i++) {
            Id id = Id.ofLong(random.nextLong());
            siblings.add(id);
            blocks.add(new NewBlock(id, parent, height));
        }
        if (shape.nested()) {
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < shape.siblings(); i++) {
                    blocks.add(new NewBlock(Id.ofLong(random.nextLong()), siblings.get(s), height + 1));
                }
            }
        }
        return blocks;
    }
}
