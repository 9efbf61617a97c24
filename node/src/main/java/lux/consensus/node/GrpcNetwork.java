package lux.consensus.node;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Config;
import lux.consensus.Id;
import lux.consensus.ValidatorSet;
import lux.consensus.cert.CertMessage;
import lux.consensus.cert.SignatureRound;
import lux.consensus.kernels.tally.VoteTally;
import lux.consensus.network.NewBlock;
import lux.consensus.network.RemoteNetwork;
import lux.consensus.node.proto.FetchAncestorsReply;
import lux.consensus.node.proto.FetchAncestorsRequest;
import lux.consensus.node.proto.GatheredReply;
import lux.consensus.node.proto.PeerGrpc;
import lux.consensus.node.proto.PushBlocksRequest;
import lux.consensus.node.proto.QueryReply;
import lux.consensus.node.proto.QueryRequest;
import lux.consensus.node.proto.SignReply;
import lux.consensus.snow.Snowman;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validators of a {@code lux node} network, over gRPC with mutual TLS: one channel per peer. A round's polls
 * become one Query call per validator drawn; new local blocks are pushed to every peer; a block from a peer
 * whose parent is unknown makes the node fetch the missing ancestors from that peer; signature rounds come
 * from each block's aggregator ({@link CertificateRounds}), and the node answers its peers' Sign and Gathered
 * calls through {@link SignRequests}. Every call has a deadline, so a slow or silent peer costs a timeout,
 * never a stall.
 */
final class GrpcNetwork extends RemoteNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcNetwork.class);
    private static final int REMEMBERED_FROM_PEERS = 1 << 16;

    private final NodeDirectory node;
    private final AcceptedBlocks accepted;
    private final ManagedChannel[] channels;
    private final PeerGrpc.PeerFutureStub[] async;
    private final PeerGrpc.PeerBlockingStub[] blocking;
    private final ExecutorService gossip;
    private final ExecutorService fetcher;
    private final java.util.concurrent.ScheduledExecutorService sync;
    /** Blocks being fetched because a peer prefers them. */
    private final Set<Id> fetching = ConcurrentHashMap.newKeySet();
    /** Blocks that came from peers: the node does not push them on (their sender pushed them to everyone). */
    private final Set<Id> fromPeers = ConcurrentHashMap.newKeySet();
    private final AtomicLong timeouts = new AtomicLong();
    private final Signatures signatures;
    private final SignRequests signRequests;
    private final CertificateRounds rounds;
    private final WireBytes wire;
    private final LongAdder signWaitNanos = new LongAdder();
    private volatile Chain chain;

    GrpcNetwork(Config config, VoteTally tally, Snowman.Listener listener, Id lastAcceptedId, long lastAcceptedHeight,
            NodeDirectory node, WireBytes wire) {
        this(config, tally, new AcceptedBlocks(listener), lastAcceptedId, lastAcceptedHeight, node, wire);
    }

    private GrpcNetwork(Config config, VoteTally tally, AcceptedBlocks accepted, Id lastAcceptedId, long lastAcceptedHeight,
            NodeDirectory node, WireBytes wire) {
        super(config, tally, accepted, lastAcceptedId, lastAcceptedHeight);
        this.accepted = accepted;
        this.node = node;
        this.wire = wire;
        this.signatures = new Signatures(node.keys());
        this.signRequests = new SignRequests(new SignRequests.Decisions() {
            @Override
            public boolean accepted(CertMessage.BlockRef block) {
                return GrpcNetwork.this.accepted(block.id(), block.height());
            }

            @Override
            public boolean rejected(CertMessage.BlockRef block) {
                return chain.isRejected(block.id());
            }
        }, signatures);
        accepted.onAccepted(signRequests::wake);
        int n = node.network().validators().size();
        this.channels = new ManagedChannel[n];
        this.async = new PeerGrpc.PeerFutureStub[n];
        this.blocking = new PeerGrpc.PeerBlockingStub[n];
        for (int v = 0; v < n; v++) {
            if (v == self()) {
                continue;
            }
            NetworkDescription.Member peer = node.network().validators().get(v);
            channels[v] = NettyChannelBuilder.forTarget(peer.peerAddress())
                    .sslContext(Tls.peerClient(node.tls(), peer.parsedCertificate()))
                    .negotiationType(NegotiationType.TLS)
                    .maxInboundMessageSize(Limits.MAX_MESSAGE_BYTES)
                    .intercept(wire.clientTracers())
                    .build();
            async[v] = PeerGrpc.newFutureStub(channels[v]).withMaxOutboundMessageSize(Limits.MAX_MESSAGE_BYTES);
            blocking[v] = PeerGrpc.newBlockingStub(channels[v]).withMaxOutboundMessageSize(Limits.MAX_MESSAGE_BYTES);
        }
        this.rounds = new CertificateRounds(self(), node.validatorSet(), channels, async, signatures, signRequests, timeouts);
        this.gossip = Executors.newSingleThreadExecutor(daemon("lux-gossip"));
        this.fetcher = Executors.newSingleThreadExecutor(daemon("lux-fetch"));
        this.sync = Executors.newSingleThreadScheduledExecutor(daemon("lux-sync"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The chain this network serves (set once, right after the chain is made); starts the periodic sync. */
    void attach(Chain chain) {
        this.chain = chain;
        sync.scheduleWithFixedDelay(this::syncWithPeers, Limits.SYNC_INTERVAL.toMillis(), Limits.SYNC_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Pull, whether or not this node has anything undecided: asks every peer for its preference and fetches a
     * preferred block this node lacks. This is how a node that was down or cut off catches up (pushes sent while
     * it was away are lost), and how a missed push is repaired.
     */
    private void syncWithPeers() {
        for (int v = 0; v < blocking.length; v++) {
            if (blocking[v] == null) {
                continue;
            }
            try {
                QueryReply reply = blocking[v].withDeadlineAfter(Limits.QUERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .query(QueryRequest.newBuilder().setPolls(1).build());
                if (reply.getPreference().size() == Id.LENGTH) {
                    catchUpTo(Id.of(reply.getPreference().toByteArray()), v);
                }
            } catch (RuntimeException unreachable) {
                channels[v].resetConnectBackoff(); // try again at the next sync, not after gRPC's growing backoff
            }
        }
    }

    @Override
    protected Id[] preferences(int[] drawn) {
        Id[] answers = new Id[drawn.length];
        List<Integer> asked = new ArrayList<>();
        List<ListenableFuture<QueryReply>> replies = new ArrayList<>();
        for (int v = 0; v < drawn.length; v++) {
            if (drawn[v] > 0 && v != self()) {
                asked.add(v);
                replies.add(async[v].withDeadlineAfter(Limits.QUERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .query(QueryRequest.newBuilder().setPolls(drawn[v]).build()));
            }
        }
        long deadline = System.nanoTime() + Limits.QUERY_DEADLINE.toNanos();
        for (int i = 0; i < asked.size(); i++) {
            QueryReply reply = PeerCalls.await(replies.get(i), deadline, timeouts);
            if (reply != null && reply.getPreference().size() == Id.LENGTH) {
                answers[asked.get(i)] = Id.of(reply.getPreference().toByteArray());
                catchUpTo(answers[asked.get(i)], asked.get(i));
            }
        }
        return answers;
    }

    /**
     * A peer prefers a block this node lacks (it was down, or missed a push): fetch that block and its missing
     * ancestors from the peer, off the engine thread, once at a time per block.
     */
    private void catchUpTo(Id preferred, int peer) {
        if (known(preferred) || !fetching.add(preferred)) {
            return;
        }
        fetcher.execute(() -> {
            try {
                for (Block b : fetchGap(preferred, peer)) {
                    add(b);
                }
            } finally {
                fetching.remove(preferred);
            }
        });
    }

    
    @Override
    protected void announce(List<NewBlock> blocks) {
        List<Id> ours = new ArrayList<>();
        for (NewBlock b : blocks) {
            if (!fromPeers.remove(b.id())) {
                ours.add(b.id());
            }
        }
        if (!ours.isEmpty()) {
            gossip.execute(() -> push(ours));
        }
    }

    private void push(List<Id> ids) {
        PushBlocksRequest.Builder request = PushBlocksRequest.newBuilder();
        for (Id id : ids) {
            chain.getBlock(id).ifPresent(b -> request.addBlocks(Messages.toProto(b)));
        }
        PushBlocksRequest built = request.build();
        for (int v = 0; v < async.length; v++) {
            if (async[v] != null) {
                async[v].withDeadlineAfter(Limits.PUSH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).pushBlocks(built);
            }
        }
    }

    /**
     * Takes in blocks a peer pushed (parents first): each one the chain lacks is added; for one whose parent is
     * unknown, the missing ancestors are fetched from that peer first. Blocks the chain refuses are dropped.
     *
     * @return how many blocks the chain took in
     */
    int takeIn(List<Block> blocks, int peer) {
        int taken = 0;
        for (Block b : blocks) {
            if (known(b.id())) {
                continue;
            }
            if (!known(b.parentId())) {
                for (Block ancestor : fetchGap(b.parentId(), peer)) {
                    taken += add(ancestor) ? 1 : 0;
                }
            }
            taken += add(b) ? 1 : 0;
        }
        return taken;
    }

    /** The unknown ancestors of a block, oldest first, from {@code peer}; empty if the peer cannot fill the gap. */
    private List<Block> fetchGap(Id missing, int peer) {
        List<Block> chainDown = new ArrayList<>();
        Id next = missing;
        for (int call = 0; call < Limits.MAX_FETCHES_PER_GAP && !known(next); call++) {
            FetchAncestorsReply reply;
            try {
                reply = blocking[peer].withDeadlineAfter(Limits.FETCH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .fetchAncestors(FetchAncestorsRequest.newBuilder().setId(Messages.bytes(next)).setMaxBlocks(Limits.MAX_ANCESTORS).build());
            } catch (RuntimeException e) {
                LOG.debug("fetching ancestors of {} from validator {} failed: {}", next, peer, e.getMessage());
                return List.of();
            }
            List<Block> got = Messages.fromProto(reply.getBlocksList());
            if (got.isEmpty() || !got.get(0).id().equals(next)) {
                return List.of(); // the peer does not have it, or answers something else
            }
            for (Block b : got) {
                if (!b.id().equals(next)) {
                    return List.of(); // not a chain of parents
                }
                if (known(b.id())) {
                    break;
                }
                chainDown.add(b);
                next = b.parentId();
                if (known(next)) {
                    break;
                }
            }
        }
        if (!known(next)) {
            return List.of();
        }
        java.util.Collections.reverse(chainDown);
        return chainDown;
    }

    private boolean add(Block b) {
        if (fromPeers.size() > REMEMBERED_FROM_PEERS) {
            fromPeers.clear();
        }
        fromPeers.add(b.id());
        try {
            chain.addAsync(b);
            return true;
        } catch (IllegalArgumentException refused) {
            fromPeers.remove(b.id());
            LOG.debug("a peer's block was refused: {}", refused.getMessage());
            return false;
        }
    }

    /** Whether the local engine accepted {@code id} at {@code height} (it may still be gathering its certificate). */
    boolean accepted(Id id, long height) {
        return accepted.contains(id, height) || (chain.isFinalized(id) && chain.getBlock(id).map(b -> b.height() == height).orElse(true));
    }

    boolean known(Id id) {
        Chain c = chain;
        return c.isFinalized(id) || c.isRejected(id) || c.getBlock(id).isPresent();
    }

    @Override
    public ValidatorSet validatorSet() {
        return config().qRounds() > 0 ? node.validatorSet() : null;
    }

    @Override
    public boolean certifiesEachBlock() {
        return true;
    }

    @Override
    public SignatureRound collectSignatures(byte[] message) {
        return collectSignatures(List.of(message)).get(0);
    }

    /** Each message's round from its aggregator, or gathered here (see {@link CertificateRounds}). */
    @Override
    public List<SignatureRound> collectSignatures(List<byte[]> messages) {
        if (config().qRounds() == 0) {
            throw new IllegalStateException("certificates are off (qRounds 0)");
        }
        long start = System.nanoTime();
        try {
            return rounds.collect(messages);
        } finally {
            signWaitNanos.add(System.nanoTime() - start);
        }
    }

    /** When an aggregator's round did not certify: this node's own. */
    @Override
    public List<SignatureRound> collectOwnSignatures(List<byte[]> messages) {
        long start = System.nanoTime();
        try {
            return rounds.gather(messages);
        } finally {
            signWaitNanos.add(System.nanoTime() - start);
        }
    }

    /** A peer's Sign call: answered once this node's engine decided every block its messages name (see {@link SignRequests}). */
    void signWhenAccepted(List<CertMessage> parsed, List<byte[]> messages, long deadlineNanos, StreamObserver<SignReply> reply) {
        signRequests.sign(parsed, messages, deadlineNanos, reply);
    }

    /** A peer's Gathered call: answered once this node gathered the rounds (see {@link SignRequests}). */
    void gatheredWhenDone(List<byte[]> messages, long deadlineNanos, StreamObserver<GatheredReply> reply) {
        signRequests.gathered(messages, deadlineNanos, reply);
    }

    /** This validator's signatures (the peer service signs through it too). */
    Signatures signatures() {
        return signatures;
    }

    /** Peers whose channel is connected now. */
    int connectedPeers() {
        int connected = 0;
        for (ManagedChannel c : channels) {
            if (c != null && c.getState(true) == ConnectivityState.READY) {
                connected++;
            }
        }
        return connected;
    }

    long timeouts() {
        return timeouts.get();
    }

    /** Engine-thread time in certificate rounds: from the Sign calls going out to the last answer or the deadline. */
    long signWaitNanos() {
        return signWaitNanos.sum();
    }

    WireBytes wire() {
        return wire;
    }

    @Override
    public void close() {
        signRequests.close();
        sync.shutdownNow();
        gossip.shutdownNow();
        fetcher.shutdownNow();
        for (ManagedChannel c : channels) {
            if (c != null) {
                c.shutdownNow();
            }
        }
        for (ManagedChannel c : channels) {
            if (c != null) {
                try {
                    c.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
