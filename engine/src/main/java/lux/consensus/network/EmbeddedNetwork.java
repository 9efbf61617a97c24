package lux.consensus.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;
import lux.consensus.cert.SignatureRound;
import lux.consensus.kernels.tally.VoteTally;
import lux.consensus.snow.Snowman;
import lux.consensus.snow.VoteBag;

/**
 * The default network: every validator simulated in-process, each running its own {@link Snowman} over
 * its own view of the blocks, the local node being one of them.
 *
 * <p>Time advances in rounds ({@link #round()}). In a round every live validator with undecided blocks
 * issues {@code concurrentPolls} polls; each poll samples {@code k} distinct stake units (a validator drawn
 * m times answers once and counts m times, as in avalanchego) and collects the answers, all against the same snapshot of the network (the polls are in flight
 * together). Honest validators answer with their preferred tip; silent ones never answer; Byzantine ones
 * answer with a conflicting or a random block. The votes of every poll of the round go through the
 * {@link VoteTally} kernel in one call, then each validator records its polls in order.
 *
 * <p>Deterministic for a given seed and sequence of calls. Not thread-safe: one engine thread drives it.
 */
public final class EmbeddedNetwork implements Network {
    private final Config config;
    private final VoteTally tally;
    private final int k;
    private final int localIndex;
    private final Role[] roles;
    private final Snowman[] nodes;
    private final StakeSampler sampler;
    private final SplittableRandom random;
    private final SafetyMonitor safety = new SafetyMonitor();
    private final VoteBag bag = new VoteBag();
    /** Null when certificates are off (qRounds 0). */
    private final SimulatedSigners signers;

    // Per-round scratch, grown on demand and reused.
    private int[] pollers = new int[0];
    private byte[] votes = new byte[0];
    private Id[] candidates = new Id[0];
    private int[] candidateCounts = new int[0];
    private int[] counts = new int[0];
    private Id[] answers = new Id[0];
    /** A Byzantine RANDOM validator's answer in the poll being encoded: drawn once, counted once per unit. */
    private final Id[] pollAnswer;
    private final long[] pollAnswerStamp;
    private long pollStamp;
    private final int[] sample;

    private long localPolls;
    private long localVotes;
    private long networkVotes;
    private long networkPolls;
    private long rounds;

    /** A validator's behaviour in the simulation. */
    public enum Role {
        HONEST,
        SILENT,
        BYZANTINE
    }

    /**
     * @param config parameters, validators, stakes, seed and fault fractions
     * @param tally the vote-tally kernel every round's votes go through
     * @param localListener receives the local node's accept/reject decisions, in order
     */
    public EmbeddedNetwork(Config config, VoteTally tally, Snowman.Listener localListener) {
        this(config, tally, localListener, Id.GENESIS, 0);
    }

    /**
     * A network whose validators have all accepted up to {@code lastAcceptedId} (a chain resuming from its
     * store): each validator's engine starts there.
     */
    public EmbeddedNetwork(Config config, VoteTally tally, Snowman.Listener localListener, Id lastAcceptedId, long lastAcceptedHeight) {
        this.config = config;
        this.tally = tally;
        this.k = config.k();
        List<Id> validators = config.validators();
        int n = validators.size();
        this.localIndex = validators.indexOf(config.nodeId());
        this.random = new SplittableRandom(config.seed());
        this.roles = assignRoles(n, localIndex, config.silentFraction(), config.byzantineFraction(), random.split());
        this.nodes = new Snowman[n];
        for (int i = 0; i < n; i++) {
            if (roles[i] == Role.SILENT) {
                continue; // a crashed validator keeps no state and never answers
            }
            Snowman.Listener listener = safety.listenerFor(roles[i] == Role.HONEST, i == localIndex ? localListener : null);
            nodes[i] = new Snowman(config.parameters(), config.preferenceRule(), lastAcceptedId, lastAcceptedHeight, listener);
        }
        long[] stakes = new long[n];
        for (int i = 0; i < n; i++) {
            stakes[i] = config.stake(i);
        }
        this.sampler = new StakeSampler(stakes, random.split());
        this.sample = new int[k];
        this.pollAnswer = new Id[n];
        this.pollAnswerStamp = new long[n];
        this.signers = config.qRounds() > 0 ? new SimulatedSigners(config, roles) : null;
    }

    /** Silent and Byzantine validators: round(fraction * n) of each, never the local node, chosen by the seed. */
    static Role[] assignRoles(int n, int localIndex, double silentFraction, double byzantineFraction, SplittableRandom random) {
        Role[] roles = new Role[n];
        Arrays.fill(roles, Role.HONEST);
        int[] others = new int[n - 1];
        for (int i = 0, j = 0; i < n; i++) {
            if (i != localIndex) {
                others[j++] = i;
            }
        }
        for (int i = others.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = others[i];
            others[i] = others[j];
            others[j] = t;
        }
        int silent = (int) Math.min(others.length, Math.round(silentFraction * n));
        int byzantine = (int) Math.min(others.length - silent, Math.round(byzantineFraction * n));
        for (int i = 0; i < silent; i++) {
            roles[others[i]] = Role.SILENT;
        }
        for (int i = silent; i < silent + byzantine; i++) {
            roles[others[i]] = Role.BYZANTINE;
        }
        return roles;
    }

    /**
     * Gossips new blocks (parents before children) to every live validator, the local node included.
     * Like real gossip, siblings reach validators in different orders: each validator gets every run of
     * consecutive same-parent blocks in its own random order, so validators start out preferring different
     * siblings and conflicts are genuinely resolved by consensus.
     */
    @Override
    public void deliver(List<NewBlock> blocks) {
        NewBlock[] order = blocks.toArray(new NewBlock[0]);
        for (Snowman node : nodes) {
            if (node == null) {
                continue;
            }
            shuffleSiblingRuns(order);
            for (NewBlock b : order) {
                node.add(b.id(), b.parentId(), b.height());
            }
        }
    }

    /** Shuffles each run of consecutive blocks that share a parent; parents still precede children. */
    private void shuffleSiblingRuns(NewBlock[] order) {
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            while (end < order.length && order[end].parentId().equals(order[start].parentId())) {
                end++;
            }
            for (int i = end - 1; i > start; i--) {
                int j = start + random.nextInt(i - start + 1);
                NewBlock t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            start = end;
        }
    }

    /** Whether any live validator still has undecided blocks, so that another round can make progress. */
    @Override
    public boolean hasUndecided() {
        for (Snowman node : nodes) {
            if (node != null && node.numProcessing() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs one round: every live validator with undecided blocks polls {@code concurrentPolls} times.
     *
     * @return whether any poll of the round succeeded somewhere (a round without one made no progress)
     */
    @Override
    public boolean round() {
        int pollerCount = choosePollers();
        int polls = pollerCount * config.concurrentPolls();
        if (polls == 0) {
            return false;
        }
        snapshotAnswers();
        int maxCandidates = encodePolls(pollerCount, polls);
        ensureCounts(polls * maxCandidates);
        tally.tallyColumns(votes, polls, k, maxCandidates, counts);
        long successfulBefore = successfulPolls();
        recordPolls(pollerCount, polls);
        rounds++;
        return successfulPolls() != successfulBefore;
    }

    private int choosePollers() {
        if (pollers.length < nodes.length) {
            pollers = new int[nodes.length];
        }
        int count = 0;
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null && nodes[i].numProcessing() > 0) {
                pollers[count++] = i;
            }
        }
        return count;
    }

    /** What each validator answers this round (all polls of a round see the same snapshot). */
    private void snapshotAnswers() {
        if (answers.length < nodes.length) {
            answers = new Id[nodes.length];
        }
        for (int i = 0; i < nodes.length; i++) {
            answers[i] = switch (roles[i]) {
                case SILENT -> null;
                case HONEST -> nodes[i].preference();
                case BYZANTINE -> config.byzantineBehavior() == Config.ByzantineBehavior.CONFLICTING
                        ? conflictingAnswer(nodes[i]) : null; // RANDOM answers are drawn per poll
            };
        }
    }

    /** A processing block off the validator's own preferred chain, if any: a vote against the honest majority. */
    private Id conflictingAnswer(Snowman node) {
        List<Id> processing = node.processingIds();
        List<Id> conflicting = new ArrayList<>();
        for (Id id : processing) {
            if (!node.isPreferred(id)) {
                conflicting.add(id);
            }
        }
        return conflicting.isEmpty() ? node.preference() : conflicting.get(random.nextInt(conflicting.size()));
    }

    /** Validator {@code v}'s random answer in this poll: the same for every unit of its stake drawn. */
    private Id randomAnswerInPoll(int v) {
        if (pollAnswerStamp[v] != pollStamp) {
            pollAnswerStamp[v] = pollStamp;
            pollAnswer[v] = randomAnswer(nodes[v]);
        }
        return pollAnswer[v];
    }

    private Id randomAnswer(Snowman node) {
        List<Id> processing = node.processingIds();
        int choice = random.nextInt(processing.size() + 1);
        return choice == processing.size() ? node.lastAcceptedId() : processing.get(choice);
    }

    /**
     * Samples every poll and encodes its answers as small per-poll candidate indices:
     * {@code votes[i*polls + p]} is the index (into {@code candidates[p*k ..]}) of the i-th answer of poll p,
     * or {@link VoteTally#NO_VOTE} for a validator that did not answer: the column layout of
     * {@link VoteTally#tallyColumns}, where one vector holds one answer of many polls.
     *
     * @return the largest number of distinct candidates in one poll
     */
    private int encodePolls(int pollerCount, int polls) {
        int size = polls * k;
        if (votes.length < size) {
            votes = new byte[size];
            candidates = new Id[size];
        }
        if (candidateCounts.length < polls) {
            candidateCounts = new int[polls];
        }
        int maxCandidates = 1;
        int p = 0;
        for (int i = 0; i < pollerCount; i++) {
            for (int r = 0; r < config.concurrentPolls(); r++, p++) {
                sampler.sample(k, sample);
                pollStamp++;
                int base = p * k;
                int distinct = 0;
                for (int s = 0; s < k; s++) {
                    int v = sample[s];
                    Id answer = roles[v] == Role.BYZANTINE && config.byzantineBehavior() == Config.ByzantineBehavior.RANDOM
                            ? randomAnswerInPoll(v) : answers[v];
                    distinct = PollColumns.encode(answer, votes, s * polls + p, candidates, base, distinct);
                }
                candidateCounts[p] = distinct;
                maxCandidates = Math.max(maxCandidates, distinct);
            }
        }
        return maxCandidates;
    }

    private void ensureCounts(int size) {
        if (counts.length < size) {
            counts = new int[size];
        }
    }

    /** Hands each poll's counts ({@code counts[c*polls + p]}, the column layout) to its validator's engine. */
    private void recordPolls(int pollerCount, int polls) {
        int p = 0;
        for (int i = 0; i < pollerCount; i++) {
            int v = pollers[i];
            Snowman node = nodes[v];
            for (int r = 0; r < config.concurrentPolls(); r++, p++) {
                int tallied = PollColumns.fillBag(bag, candidates, p * k, candidateCounts[p], counts, polls, p);
                node.recordPoll(bag);
                networkVotes += tallied;
                networkPolls++;
                if (v == localIndex) {
                    localPolls++;
                    localVotes += tallied;
                }
            }
        }
    }

    private long successfulPolls() {
        long total = 0;
        for (Snowman node : nodes) {
            if (node != null) {
                total += node.successfulPolls();
            }
        }
        return total;
    }

    /** The validators' keys as a {@link ValidatorSet}, or null when certificates are off (qRounds 0). */
    @Override
    public ValidatorSet validatorSet() {
        return signers == null ? null : signers.validatorSet();
    }

    /**
     * Runs the certificate rounds for {@code message}: every validator answers according to its role.
     *
     * @throws IllegalStateException when certificates are off
     */
    @Override
    public SignatureRound collectSignatures(byte[] message) {
        if (signers == null) {
            throw new IllegalStateException("certificates are off (qRounds 0)");
        }
        return signers.sign(message);
    }

    /** The local node's engine. */
    @Override
    public Snowman localNode() {
        return nodes[localIndex];
    }

    /** Validator {@code i}'s engine, or null for a silent (crashed) validator. */
    public Snowman node(int i) {
        return nodes[i];
    }

    public Role role(int i) {
        return roles[i];
    }

    public int size() {
        return nodes.length;
    }

    /** Polls the local node completed. */
    @Override
    public long localPolls() {
        return localPolls;
    }

    /** Polls of the local node that failed (see {@link Snowman#failedPolls()}). */
    @Override
    public long localFailedPolls() {
        return nodes[localIndex].failedPolls();
    }

    /** Votes tallied for the local node's polls. */
    @Override
    public long localVotes() {
        return localVotes;
    }

    /** Votes tallied for every validator's polls. */
    @Override
    public long networkVotes() {
        return networkVotes;
    }

    /** Polls completed by every validator, the local node included. */
    @Override
    public long networkPolls() {
        return networkPolls;
    }

    /** Of {@link #networkPolls()}, those in which some block got alphaConf votes (see {@link Snowman#confidentPolls()}). */
    @Override
    public long networkConfidentPolls() {
        long total = 0;
        for (Snowman node : nodes) {
            if (node != null) {
                total += node.confidentPolls();
            }
        }
        return total;
    }

    public long rounds() {
        return rounds;
    }

    /** Times two honest validators finalized different blocks at the same height (must stay 0). */
    public long safetyViolations() {
        return safety.violations();
    }
}
