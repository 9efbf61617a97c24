package lux.consensus.node;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lux.consensus.ValidatorSet;
import lux.consensus.cert.CertMessage;
import lux.consensus.cert.SignatureRound;
import lux.consensus.node.proto.GatheredReply;
import lux.consensus.node.proto.PeerGrpc;
import lux.consensus.node.proto.SignReply;
import lux.consensus.node.proto.SignRequest;
import lux.consensus.node.proto.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signature rounds behind a node's certificates. Each validator signs each block's message once, but who
 * answered in time differs from node to node; so that every node holds the same certificate, one validator
 * per block height, its aggregator ({@code height mod n}), gathers the signatures and the others certify from
 * its round (asked for with one Gathered call per aggregator). A node gathers a round itself when it is the
 * aggregator, when the aggregator is unreachable, or when the aggregator's round does not hold a quorum.
 */
final class CertificateRounds {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRounds.class);
    /**
     * Once answers holding a quorum of stake are in, how much longer a round waits for the rest: long enough for a
     * live but slow validator (one just restarted, its JIT cold) to be in every node's round alike, so that nodes
     * that gather their own rounds (their aggregator unreachable) still agree.
     */
    private static final long QUORUM_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long an unreachable aggregator is given to reconnect before this node gathers its round itself. */
    private static final long RECONNECT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int self;
    private final ValidatorSet set;
    private final ManagedChannel[] channels;
    private final PeerGrpc.PeerFutureStub[] peers;
    private final Signatures signatures;
    private final SignRequests served;
    private final AtomicLong timeouts;

    CertificateRounds(int self, ValidatorSet set, ManagedChannel[] channels, PeerGrpc.PeerFutureStub[] peers, Signatures signatures,
            SignRequests served, AtomicLong timeouts) {
        this.self = self;
        this.set = set;
        this.channels = channels;
        this.peers = peers;
        this.signatures = signatures;
        this.served = served;
        this.timeouts = timeouts;
    }

    /** The validator that gathers the signatures of {@code message}: by the height of the first block it names. */
    int aggregator(CertMessage message) {
        return (int) Math.floorMod(message.blocks().get(0).height(), (long) set.size());
    }

    /** The rounds of {@code messages}, in order: each from its aggregator where that works, else gathered here. */
    List<SignatureRound> collect(List<byte[]> messages) {
        SignatureRound[] rounds = new SignatureRound[messages.size()];
        Map<Integer, List<Integer>> byAggregator = new LinkedHashMap<>();
        List<Integer> mine = new ArrayList<>();
        Map<Integer, Boolean> reachable = new LinkedHashMap<>();
        for (int m = 0; m < messages.size(); m++) {
            int a = aggregator(CertMessage.parse(messages.get(m)));
            if (a == self || !reachable.computeIfAbsent(a, this::reachable)) {
                mine.add(m);
            } else {
                byAggregator.computeIfAbsent(a, x -> new ArrayList<>()).add(m);
            }
        }
        List<Integer> askedOf = new ArrayList<>();
        List<List<Integer>> askedFor = new ArrayList<>();
        List<ListenableFuture<GatheredReply>> replies = new ArrayList<>();
        byAggregator.forEach((a, indices) -> {
            for (int from = 0; from < indices.size(); from += Limits.MAX_SIGN_MESSAGES) {
                List<Integer> part = indices.subList(from, Math.min(indices.size(), from + Limits.MAX_SIGN_MESSAGES));
                askedOf.add(a);
                askedFor.add(part);
                replies.add(peers[a].withDeadlineAfter(Limits.GATHERED_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .gathered(request(part.stream().map(messages::get).toList())));
            }
        });
        fill(rounds, mine, gather(mine.stream().map(messages::get).toList()));
        long deadline = System.nanoTime() + Limits.GATHERED_DEADLINE.toNanos();
        List<Integer> fallBack = new ArrayList<>();
        for (int r = 0; r < replies.size(); r++) {
            GatheredReply reply = PeerCalls.await(replies.get(r), deadline, timeouts);
            List<Integer> part = askedFor.get(r);
            for (int i = 0; i < part.size(); i++) {
                SignatureRound round = reply == null || reply.getRoundsCount() != part.size() ? null
                        : Messages.fromProto(reply.getRounds(i), set.size());
                if (round != null && holdsQuorum(round)) {
                    rounds[part.get(i)] = round;
                } else {
                    fallBack.add(part.get(i));
                }
            }
            if (reply == null) {
                LOG.debug("aggregator {} did not answer for {} messages; gathering them here", askedOf.get(r), part.size());
            }
        }
        fill(rounds, fallBack, gather(fallBack.stream().map(messages::get).toList()));
        return List.of(rounds);
    }

    private static void fill(SignatureRound[] rounds, List<Integer> at, List<SignatureRound> gathered) {
        for (int i = 0; i < at.size(); i++) {
            rounds[at.get(i)] = gathered.get(i);
        }
    }

    /**
     * Whether a call to {@code validator} can go out: a channel that failed is asked to reconnect at once (not
     * after gRPC's growing backoff) and given up to {@link #RECONNECT_NANOS} (a validator that just restarted is
     * reached, and its round used, as every other node uses it; one that is down costs that wait once per step).
     */
    private boolean reachable(int validator) {
        ManagedChannel channel = channels[validator];
        ConnectivityState state = channel.getState(true);
        if (state != ConnectivityState.TRANSIENT_FAILURE && state != ConnectivityState.SHUTDOWN) {
            return true;
        }
        channel.resetConnectBackoff();
        long deadline = System.nanoTime() + RECONNECT_NANOS;
        while (System.nanoTime() < deadline) {
            if (channel.getState(true) == ConnectivityState.READY) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private boolean holdsQuorum(SignatureRound round) {
        long stake = 0;
        for (int v = 0; v < round.bls().length; v++) {
            if (round.bls()[v] != null) {
                stake += set.get(v).stake();
            }
        }
        return set.isQuorum(stake);
    }

    /**
     * Asks every peer to sign the messages (one Sign call per peer, per {@link Limits#MAX_SIGN_MESSAGES}), signs
     * them here too, and waits for the answers: until all are in, the deadline, or shortly after answers holding
     * a quorum of stake are in. Each round is kept for peers that ask this node as its aggregator.
     */
    List<SignatureRound> gather(List<byte[]> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        int n = set.size();
        List<SignRequest> requests = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += Limits.MAX_SIGN_MESSAGES) {
            requests.add(request(messages.subList(from, Math.min(messages.size(), from + Limits.MAX_SIGN_MESSAGES))));
        }
        Semaphore arrivals = new Semaphore(0);
        List<List<ListenableFuture<SignReply>>> replies = new ArrayList<>(requests.size());
        for (SignRequest request : requests) {
            List<ListenableFuture<SignReply>> perPeer = new ArrayList<>(n);
            for (int v = 0; v < n; v++) {
                ListenableFuture<SignReply> reply = v == self ? null
                        : peers[v].withDeadlineAfter(Limits.SIGN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).sign(request);
                if (reply != null) {
                    reply.addListener(arrivals::release, MoreExecutors.directExecutor());
                }
                perPeer.add(reply);
            }
            replies.add(perPeer);
        }
        byte[][][] bls = new byte[messages.size()][n][];
        byte[][][] mlDsa = new byte[messages.size()][n][];
        for (int m = 0; m < messages.size(); m++) {
            Signature own = signatures.sign(messages.get(m));
            bls[m][self] = own.getBlsSignature().toByteArray();
            mlDsa[m][self] = own.getMlDsaSignature().toByteArray();
        }
        awaitQuorum(replies, arrivals);
        for (int r = 0; r < requests.size(); r++) {
            int first = r * Limits.MAX_SIGN_MESSAGES;
            int count = requests.get(r).getMessagesCount();
            for (int v = 0; v < n; v++) {
                SignReply reply = v == self ? null : doneOrCancel(replies.get(r).get(v));
                if (reply == null || reply.getSignaturesCount() != count) {
                    continue; // no answer, or not one per message: this peer's signatures are missing
                }
                for (int i = 0; i < count; i++) {
                    Signature s = reply.getSignatures(i);
                    if (!s.getBlsSignature().isEmpty() && !s.getMlDsaSignature().isEmpty()) {
                        bls[first + i][v] = s.getBlsSignature().toByteArray();
                        mlDsa[first + i][v] = s.getMlDsaSignature().toByteArray();
                    }
                }
            }
        }
        List<SignatureRound> rounds = new ArrayList<>(messages.size());
        for (int m = 0; m < messages.size(); m++) {
            SignatureRound round = new SignatureRound(bls[m], mlDsa[m]);
            served.gathered(messages.get(m), round);
            rounds.add(round);
        }
        return rounds;
    }

    /** Waits until every call is done, the sign deadline, or the quorum grace after calls holding a quorum of stake answered. */
    private void awaitQuorum(List<List<ListenableFuture<SignReply>>> replies, Semaphore arrivals) {
        int calls = 0;
        for (List<ListenableFuture<SignReply>> perPeer : replies) {
            calls += (int) perPeer.stream().filter(f -> f != null).count();
        }
        long deadline = System.nanoTime() + Limits.SIGN_DEADLINE.toNanos();
        boolean graceStarted = false;
        for (int arrived = 0; arrived < calls; arrived++) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !arrivals.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!graceStarted && answeredStakeIsQuorum(replies)) {
                graceStarted = true;
                deadline = Math.min(deadline, System.nanoTime() + QUORUM_GRACE_NANOS);
            }
        }
    }

    /** Whether, for every request, the validators that answered (this one included) hold a quorum of stake. */
    private boolean answeredStakeIsQuorum(List<List<ListenableFuture<SignReply>>> replies) {
        for (List<ListenableFuture<SignReply>> perPeer : replies) {
            long stake = set.get(self).stake();
            for (int v = 0; v < perPeer.size(); v++) {
                ListenableFuture<SignReply> f = perPeer.get(v);
                if (f != null && f.isDone() && doneOrCancel(f) != null) {
                    stake += set.get(v).stake();
                }
            }
            if (!set.isQuorum(stake)) {
                return false;
            }
        }
        return true;
    }

    /** The answer of a finished call, or null (the call failed, or is cancelled now for being late). */
    private <T> T doneOrCancel(ListenableFuture<T> reply) {
        if (!reply.isDone()) {
            timeouts.incrementAndGet();
            reply.cancel(true);
            return null;
        }
        try {
            return reply.get();
        } catch (ExecutionException e) {
            timeouts.incrementAndGet();
            return null;
        } catch (java.util.concurrent.CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }


    private static SignRequest request(List<byte[]> messages) {
        SignRequest.Builder request = SignRequest.newBuilder();
        for (byte[] m : messages) {
            request.addMessages(ByteString.copyFrom(m));
        }
        return request.build();
    }
}
