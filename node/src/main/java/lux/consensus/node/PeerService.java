package lux.consensus.node;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Id;
import lux.consensus.cert.CertMessage;
import lux.consensus.node.proto.FetchAncestorsReply;
import lux.consensus.node.proto.FetchAncestorsRequest;
import lux.consensus.node.proto.PeerGrpc;
import lux.consensus.node.proto.PushBlocksReply;
import lux.consensus.node.proto.PushBlocksRequest;
import lux.consensus.node.proto.QueryReply;
import lux.consensus.node.proto.QueryRequest;
import lux.consensus.node.proto.SignReply;
import lux.consensus.node.proto.SignRequest;

/** What a node answers its peers (callers already authenticated by {@link PeerAuthentication}). */
final class PeerService extends PeerGrpc.PeerImplBase {
    private final Chain chain;
    private final GrpcNetwork network;
    private final NodeDirectory node;
    private final NodeMetrics metrics;

    PeerService(Chain chain, GrpcNetwork network, NodeDirectory node, NodeMetrics metrics) {
        this.chain = chain;
        this.network = network;
        this.node = node;
        this.metrics = metrics;
    }

    @Override
    public void pushBlocks(PushBlocksRequest request, StreamObserver<PushBlocksReply> reply) {
        int peer = PeerAuthentication.PEER.get();
        try {
            int taken = network.takeIn(Messages.fromProto(request.getBlocksList()), peer);
            reply.onNext(PushBlocksReply.newBuilder().setTaken(taken).build());
            reply.onCompleted();
        } catch (IllegalArgumentException malformed) {
            metrics.malformed();
            reply.onError(Status.INVALID_ARGUMENT.withDescription(malformed.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void fetchAncestors(FetchAncestorsRequest request, StreamObserver<FetchAncestorsReply> reply) {
        Id id;
        try {
            id = Messages.id(request.getId(), "id");
        } catch (IllegalArgumentException malformed) {
            metrics.malformed();
            reply.onError(Status.INVALID_ARGUMENT.withDescription(malformed.getMessage()).asRuntimeException());
            return;
        }
        int max = Math.min(Math.max(request.getMaxBlocks(), 1), Limits.MAX_ANCESTORS);
        FetchAncestorsReply.Builder out = FetchAncestorsReply.newBuilder();
        for (int i = 0; i < max; i++) {
            Block b = chain.getBlock(id).orElse(null);
            if (b == null) {
                break;
            }
            out.addBlocks(Messages.toProto(b));
            id = b.parentId();
        }
        reply.onNext(out.build());
        reply.onCompleted();
    }

    @Override
    public void query(QueryRequest request, StreamObserver<QueryReply> reply) {
        reply.onNext(QueryReply.newBuilder().setPreference(Messages.bytes(network.currentPreference())).build());
        reply.onCompleted();
    }

    /**
     * Signs a certificate message for this chain and validator set once this node's consensus accepted every
     * block it names (waiting for that up to the call's deadline): an honest validator vouches only for its own
     * decisions.
     */
    @Override
    public void sign(SignRequest request, StreamObserver<SignReply> reply) {
        byte[] message = request.getMessage().toByteArray();
        CertMessage parsed;
        try {
            parsed = CertMessage.parse(message);
        } catch (IllegalArgumentException malformed) {
            metrics.malformed();
            reply.onError(Status.INVALID_ARGUMENT.withDescription(malformed.getMessage()).asRuntimeException());
            return;
        }
        if (!parsed.chainId().equals(chain.config().chainId()) || !Arrays.equals(parsed.validatorSetHash(), node.validatorSet().hash())) {
            reply.onError(Status.FAILED_PRECONDITION.withDescription("another chain or validator set").asRuntimeException());
            return;
        }
        long deadline = System.nanoTime() + waitBudgetNanos();
        for (CertMessage.BlockRef ref : parsed.blocks()) {
            while (!network.accepted(ref.id(), ref.height())) {
                if (System.nanoTime() > deadline || chain.isRejected(ref.id())) {
                    reply.onError(Status.FAILED_PRECONDITION.withDescription("block " + ref.id() + " at height " + ref.height()
                            + " is not accepted here").asRuntimeException());
                    return;
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reply.onError(Status.CANCELLED.asRuntimeException());
                    return;
                }
            }
        }
        reply.onNext(network.signatures().sign(message));
        reply.onCompleted();
    }

    /** Until shortly before the caller's deadline, or the sign deadline. */
    private static long waitBudgetNanos() {
        io.grpc.Deadline d = Context.current().getDeadline();
        long budget = d == null ? Limits.SIGN_DEADLINE.toNanos() : d.timeRemaining(TimeUnit.NANOSECONDS);
        return Math.max(0, budget - TimeUnit.MILLISECONDS.toNanos(200));
    }
}
