package lux.consensus.network;

import java.util.List;
import java.util.SplittableRandom;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.kernels.tally.VoteTally;
import lux.consensus.snow.Parameters;
import lux.consensus.snow.Snowman;
import lux.consensus.snow.VoteBag;

/**
 * A network of validators in other processes, seen from the local node. This class does the consensus side of
 * a round, as the embedded network does for each of its validators: it samples {@code k} stake units per poll,
 * {@code concurrentPolls} polls at once, tallies the answers with the vote-tally kernel in one call and records
 * them in the local engine. A transport supplies the answers ({@link #preferences}) and carries new blocks and
 * signature requests.
 */
public abstract class RemoteNetwork implements Network {
    private final Config config;
    private final VoteTally tally;
    private final int k;
    private final int polls;
    private final int self;
    private final Snowman local;
    private final StakeSampler sampler;
    private final VoteBag bag = new VoteBag();
    private final int[][] samples;
    private final int[] drawn;
    private final byte[] votes;
    private final Id[] candidates;
    private final int[] candidateCounts;
    private int[] counts = new int[0];
    private long localPolls;
    private long localVotes;
    /** Engine-thread time waiting for answers, and tallying and recording them (written by the engine thread only). */
    private volatile long answerWaitNanos;
    private volatile long tallyNanos;
    /** The local engine's preference as of its last step, for the threads that answer other validators. */
    private volatile Id preference;

    protected RemoteNetwork(Config config, VoteTally tally, Snowman.Listener localListener, Id lastAcceptedId, long lastAcceptedHeight) {
        this.config = config;
        this.tally = tally;
        this.k = config.k();
        this.polls = config.concurrentPolls();
        List<Id> validators = config.validators();
        this.self = validators.indexOf(config.nodeId());
        if (self < 0) {
            throw new IllegalArgumentException("node " + config.nodeId() + " is not one of the " + validators.size() + " validators");
        }
        Parameters parameters = config.parameters();
        this.local = new Snowman(parameters, config.preferenceRule(), lastAcceptedId, lastAcceptedHeight, localListener);
        long[] stakes = new long[validators.size()];
        for (int i = 0; i < stakes.length; i++) {
            stakes[i] = config.stake(i);
        }
        this.sampler = new StakeSampler(stakes, new SplittableRandom(config.seed()));
        this.samples = new int[polls][k];
        this.drawn = new int[validators.size()];
        this.votes = new byte[polls * k];
        this.candidates = new Id[polls * k];
        this.candidateCounts = new int[polls];
        this.preference = local.preference();
    }

    /**
     * The local engine's preference, safe to read from any thread: what this node answers when polled. It moves
     * as soon as the engine's polls move it, not when the chain has finished certifying (which waits on others).
     */
    public final Id currentPreference() {
        return preference;
    }

    /** Time the engine thread spent waiting for the validators' answers to its polls. */
    public final long answerWaitNanos() {
        return answerWaitNanos;
    }

    /** Time the engine thread spent tallying answers and recording the polls in the local engine. */
    public final long tallyNanos() {
        return tallyNanos;
    }

    /** This node's index among the validators. */
    protected final int self() {
        return self;
    }

    protected final Config config() {
        return config;
    }

    /**
     * The preferences of the validators this round drew: {@code drawn[v]} is the number of stake units of
     * validator {@code v} the round's polls drew (0: not asked). Asks them all at once and waits up to the
     * transport's deadline; an answer that did not come in time, or that cannot be read, is null. The local
     * node's entry is ignored (it answers itself).
     */
    protected abstract Id[] preferences(int[] drawn);

    /** New blocks of the local chain, after the local engine took them: the transport tells the validators. */
    protected abstract void announce(List<NewBlock> blocks);

    @Override
    public final void deliver(List<NewBlock> blocks) {
        for (NewBlock b : blocks) {
            local.add(b.id(), b.parentId(), b.height());
        }
        preference = local.preference();
        announce(blocks);
    }

    @Override
    public final boolean hasUndecided() {
        return local.numProcessing() > 0;
    }

    @Override
    public final boolean round() {
        java.util.Arrays.fill(drawn, 0);
        for (int p = 0; p < polls; p++) {
            sampler.sample(k, samples[p]);
            for (int v : samples[p]) {
                drawn[v]++;
            }
        }
        long asked = System.nanoTime();
        Id[] answers = preferences(drawn.clone());
        long answered = System.nanoTime();
        answerWaitNanos += answered - asked;
        answers[self] = local.preference();
        int maxCandidates = encode(answers);
        if (counts.length < polls * maxCandidates) {
            counts = new int[polls * maxCandidates];
        }
        tally.tallyColumns(votes, polls, k, maxCandidates, counts);
        long before = local.successfulPolls();
        for (int p = 0; p < polls; p++) {
            localVotes += PollColumns.fillBag(bag, candidates, p * k, candidateCounts[p], counts, polls, p);
            local.recordPoll(bag);
            localPolls++;
        }
        preference = local.preference();
        tallyNanos += System.nanoTime() - answered;
        return local.successfulPolls() != before;
    }

    /** The column layout of {@link VoteTally#tallyColumns}: votes[s * polls + p] is the candidate index of answer s of poll p. */
    private int encode(Id[] answers) {
        int maxCandidates = 1;
        for (int p = 0; p < polls; p++) {
            int base = p * k;
            int distinct = 0;
            for (int s = 0; s < k; s++) {
                Id answer = answers[samples[p][s]];
                distinct = PollColumns.encode(answer, votes, s * polls + p, candidates, base, distinct);
            }
            candidateCounts[p] = distinct;
            maxCandidates = Math.max(maxCandidates, distinct);
        }
        return maxCandidates;
    }

    @Override
    public final Snowman localNode() {
        return local;
    }

    @Override
    public final long localPolls() {
        return localPolls;
    }

    @Override
    public final long localFailedPolls() {
        return local.failedPolls();
    }

    @Override
    public final long localVotes() {
        return localVotes;
    }

    @Override
    public final long networkVotes() {
        return localVotes;
    }

    @Override
    public final long networkPolls() {
        return localPolls;
    }

    @Override
    public final long networkConfidentPolls() {
        return local.confidentPolls();
    }
}
