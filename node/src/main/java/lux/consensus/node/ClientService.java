package lux.consensus.node;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lux.consensus.Block;
import lux.consensus.Chain;
import lux.consensus.Decision;
import lux.consensus.Id;
import lux.consensus.Statistics;
import lux.consensus.node.proto.AddReply;
import lux.consensus.node.proto.AddRequest;
import lux.consensus.node.proto.ClientGrpc;
import lux.consensus.node.proto.DecisionEvent;
import lux.consensus.node.proto.GetBlockReply;
import lux.consensus.node.proto.GetBlockRequest;
import lux.consensus.node.proto.StatusReply;
import lux.consensus.node.proto.StatusRequest;
import lux.consensus.node.proto.SubscribeRequest;

/** The client API of a node: the Chain API over gRPC (client.proto). */
final class ClientService extends ClientGrpc.ClientImplBase {
    private final Chain chain;
    private final GrpcNetwork network;
    private final NodeDirectory node;
    private final List<ServerCallStreamObserver<DecisionEvent>> subscribers = new CopyOnWriteArrayList<>();
    private volatile Block lastFinalized;

    ClientService(Chain chain, GrpcNetwork network, NodeDirectory node) {
        this.chain = chain;
        this.network = network;
        this.node = node;
        chain.onFinalized(b -> {
            lastFinalized = b;
            publish(b, lux.consensus.node.proto.Decision.FINALIZED);
        });
        chain.onRejected(b -> publish(b, lux.consensus.node.proto.Decision.REJECTED));
    }

    @Override
    public void add(AddRequest request, StreamObserver<AddReply> reply) {
        try {
            reply.onNext(addBatch(request));
            reply.onCompleted();
        } catch (RuntimeException e) {
            reply.onError(status(e).asRuntimeException());
        }
    }

    @Override
    public StreamObserver<AddRequest> addStream(StreamObserver<AddReply> replies) {
        return new StreamObserver<>() {
            @Override
            public void onNext(AddRequest request) {
                try {
                    replies.onNext(addBatch(request));
                } catch (RuntimeException e) {
                    replies.onError(status(e).asRuntimeException());
                }
            }

            @Override
            public void onError(Throwable t) {
                // the client went away; nothing to answer
            }

            @Override
            public void onCompleted() {
                replies.onCompleted();
            }
        };
    }

    private AddReply addBatch(AddRequest request) {
        List<Decision> decisions = chain.addBatch(Messages.fromProto(request.getBlocksList()));
        AddReply.Builder out = AddReply.newBuilder();
        for (Decision d : decisions) {
            out.addDecisions(d == Decision.FINALIZED ? lux.consensus.node.proto.Decision.FINALIZED : lux.consensus.node.proto.Decision.REJECTED);
        }
        return out.build();
    }

    private static Status status(RuntimeException e) {
        return (e instanceof IllegalArgumentException ? Status.INVALID_ARGUMENT
                : e instanceof IllegalStateException ? Status.UNAVAILABLE : Status.INTERNAL).withDescription(e.getMessage());
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusReply> reply) {
        Statistics s = chain.stats();
        Block last = lastFinalized;
        Id preference = chain.preference();
        reply.onNext(StatusReply.newBuilder()
                .setNodeId(node.self().id())
                .setLastAcceptedId(last == null ? Id.GENESIS.toHex() : last.id().toHex())
                .setLastAcceptedHeight(last == null ? s.finalizedHeight() : last.height())
                .setFinalized(s.finalized()).setRejected(s.rejected()).setPending(s.pending())
                .setPeers(network.connectedPeers())
                .setPreference(preference.toHex())
                .setPreferenceHeight(chain.getBlock(preference).map(Block::height).orElse(0L))
                .build());
        reply.onCompleted();
    }

    @Override
    public void getBlock(GetBlockRequest request, StreamObserver<GetBlockReply> reply) {
        Id id;
        try {
            id = Messages.id(request.getId(), "id");
        } catch (IllegalArgumentException e) {
            reply.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        GetBlockReply.Builder out = GetBlockReply.newBuilder();
        chain.getBlock(id).ifPresent(b -> {
            out.setFound(true).setBlock(Messages.toProto(b))
                    .setStatus(chain.isFinalized(id) ? "FINALIZED" : chain.isRejected(id) ? "REJECTED" : "PENDING");
            if (b.certs() != null) {
                out.setCertificate(ByteString.copyFrom(b.certs().toBytes()));
            }
        });
        reply.onNext(out.build());
        reply.onCompleted();
    }

    @Override
    public void subscribe(SubscribeRequest request, StreamObserver<DecisionEvent> events) {
        ServerCallStreamObserver<DecisionEvent> observer = (ServerCallStreamObserver<DecisionEvent>) events;
        observer.setOnCancelHandler(() -> subscribers.remove(observer));
        subscribers.add(observer);
    }

    /** On the engine thread: a subscriber that cannot keep up is dropped (its stream ends), never buffered without bound. */
    private void publish(Block b, lux.consensus.node.proto.Decision decision) {
        if (subscribers.isEmpty()) {
            return;
        }
        DecisionEvent event = DecisionEvent.newBuilder().setId(Messages.bytes(b.id())).setHeight(b.height()).setDecision(decision).build();
        for (ServerCallStreamObserver<DecisionEvent> s : subscribers) {
            try {
                if (s.isReady()) {
                    s.onNext(event);
                } else {
                    subscribers.remove(s);
                    s.onError(Status.RESOURCE_EXHAUSTED.withDescription("subscriber too slow; resubscribe").asRuntimeException());
                }
            } catch (RuntimeException gone) {
                subscribers.remove(s);
            }
        }
    }
}
