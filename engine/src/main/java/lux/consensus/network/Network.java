package lux.consensus.network;

import java.util.List;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;
import lux.consensus.cert.SignatureRound;
import lux.consensus.kernels.tally.VoteTally;
import lux.consensus.snow.Snowman;

/**
 * The validators a chain polls, as its engine thread sees them: the embedded, in-process network
 * ({@link EmbeddedNetwork}, the default) or validators in other processes. The engine thread alone calls these
 * methods, except the signature rounds ({@link #collectSignatures(List)}, {@link #collectOwnSignatures}), which
 * the chain's certifying thread calls, one at a time, while the engine goes on; an implementation does its own
 * I/O and may block in {@link #round()} and the signature rounds up to its deadlines.
 */
public interface Network extends AutoCloseable {

    /** Makes one. The chain passes its resume point and the listener of the local node's decisions. */
    @FunctionalInterface
    interface Factory {
        Network create(Config config, VoteTally tally, Snowman.Listener localListener, Id lastAcceptedId, long lastAcceptedHeight);
    }

    /** The embedded network, the default. */
    Factory EMBEDDED = EmbeddedNetwork::new;

    /** Blocks the local chain took in, parents before children: the local engine and the validators learn of them. */
    void deliver(List<NewBlock> blocks);

    /** Whether the local node has undecided blocks, so that a round can make progress. */
    boolean hasUndecided();

    /**
     * One round of polls: the local node samples {@code k} stake units per poll, {@code concurrentPolls} times,
     * collects the sampled validators' preferences, tallies them with the vote-tally kernel and records them.
     *
     * @return whether any poll succeeded (a round without one made no progress)
     */
    boolean round();

    /** The local node's consensus engine. */
    Snowman localNode();

    /** The validators' keys, or null when certificates are off (qRounds 0). */
    ValidatorSet validatorSet();

    /**
     * Asks every validator to sign {@code message} (BLS and ML-DSA); missing answers are null.
     *
     * @throws IllegalStateException when certificates are off
     */
    SignatureRound collectSignatures(byte[] message);

    /**
     * The signature rounds of several messages (one per certificate of an engine step), in order. A remote
     * network asks for them all at once, so a step costs one round trip, not one per certificate.
     *
     * @throws IllegalStateException when certificates are off
     */
    default List<SignatureRound> collectSignatures(List<byte[]> messages) {
        List<SignatureRound> rounds = new java.util.ArrayList<>(messages.size());
        for (byte[] m : messages) {
            rounds.add(collectSignatures(m));
        }
        return rounds;
    }

    /**
     * For messages whose rounds from {@link #collectSignatures(List)} did not make a certificate: rounds this
     * validator gathers itself, or null when those already were its own. (A remote network shares one
     * aggregator's round among all validators, so that their certificates agree; when that round falls short,
     * each validator falls back to its own.)
     */
    default List<SignatureRound> collectOwnSignatures(List<byte[]> messages) {
        return null;
    }

    /**
     * Whether each finalized block gets a certificate of its own. The embedded network certifies the blocks one
     * engine step finalized together (up to {@code batchSize} per certificate); validators in other processes
     * each certify what their own engine finalized, and only a message naming one block is the same at every
     * node, so that their certificates come out identical.
     */
    default boolean certifiesEachBlock() {
        return false;
    }

    /** Polls the local node completed. */
    long localPolls();

    /** Polls of the local node that failed (see {@link Snowman#failedPolls()}). */
    long localFailedPolls();

    /** Votes tallied for the local node's polls. */
    long localVotes();

    /** Votes tallied for the polls of every validator this network runs (the local node's alone for a remote network). */
    long networkVotes();

    /** Polls completed by the validators this network runs. */
    long networkPolls();

    /** Of {@link #networkPolls()}, those in which some block got alphaConf votes. */
    long networkConfidentPolls();

    /** Releases what the network holds (connections, threads); the chain calls it when it closes. */
    @Override
    default void close() {
    }
}
