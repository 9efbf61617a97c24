package lux.consensus.node;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Id;
import lux.consensus.cert.CertMessage;
import lux.consensus.node.proto.FetchAncestorsReply;
import lux.consensus.node.proto.FetchAncestorsRequest;
import lux.consensus.node.proto.GatheredReply;
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
     * Signs certificate messages for this chain and validator set once this node's consensus accepted every
     * block each names (waiting for that up to the call's deadline, without holding a thread): an honest
     * validator vouches only for its own decisions.
     */
    @Override
    public void sign(SignRequest request, StreamObserver<SignReply> reply) {
        List<CertMessage> parsed = parse(request, reply);
        if (parsed != null) {
            network.signWhenAccepted(parsed, raw(request), System.nanoTime() + waitBudgetNanos(), reply);
        }
    }

    /** The signature rounds this node gathered as the messages' aggregator, once it has (up to the call's deadline). */
    @Override
    public void gathered(SignRequest request, StreamObserver<GatheredReply> reply) {
        if (parse(request, reply) != null) {
            network.gatheredWhenDone(raw(request), System.nanoTime() + waitBudgetNanos(), reply);
        }
    }

    /** The request's certificate messages, or null after refusing the call (too many, malformed, another chain). */
    private List<CertMessage> parse(SignRequest request, StreamObserver<?> reply) {
        if (request.getMessagesCount() > Limits.MAX_SIGN_MESSAGES) {
            metrics.malformed();
            reply.onError(Status.INVALID_ARGUMENT.withDescription(request.getMessagesCount() + " messages in one call; at most "
                    + Limits.MAX_SIGN_MESSAGES).asRuntimeException());
            return null;
        }
        List<CertMessage> parsed = new ArrayList<>(request.getMessagesCount());
        for (ByteString bytes : request.getMessagesList()) {
            CertMessage m;
            try {
                m = CertMessage.parse(bytes.toByteArray());
            } catch (IllegalArgumentException malformed) {
                metrics.malformed();
                reply.onError(Status.INVALID_ARGUMENT.withDescription(malformed.getMessage()).asRuntimeException());
                return null;
            }
            if (!m.chainId().equals(chain.config().chainId()) || !Arrays.equals(m.validatorSetHash(), node.validatorSet().hash())) {
                reply.onError(Status.FAILED_PRECONDITION.withDescription("another chain or validator set").asRuntimeException());
                return null;
            }
            parsed.add(m);
        }
        return parsed;
    }

    private static List<byte[]> raw(SignRequest request) {
        return request.getMessagesList().stream().map(ByteString::toByteArray).toList();
    }

    /** Until shortly before the caller's deadline, or the sign deadline. */
    private static long waitBudgetNanos() {
        io.grpc.Deadline d = Context.current().getDeadline();
        long budget = d == null ? Limits.SIGN_DEADLINE.toNanos() : d.timeRemaining(TimeUnit.NANOSECONDS);
        return Math.max(0, budget - TimeUnit.MILLISECONDS.toNanos(200));
    }
}
