package lux.consensus.node;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import lux.consensus.node.proto.ClientGrpc;

/**
 * A connection to a node's client API, made from its directory: the address from {@code network.json}, the
 * node's certificate ({@code tls.crt}) as the only one trusted.
 */
public final class NodeClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final ClientGrpc.ClientBlockingStub stub;

    private NodeClient(ManagedChannel channel) {
        this.channel = channel;
        this.stub = ClientGrpc.newBlockingStub(channel).withMaxOutboundMessageSize(Limits.MAX_MESSAGE_BYTES)
                .withMaxInboundMessageSize(Limits.MAX_MESSAGE_BYTES);
    }

    /**
     * @throws IllegalArgumentException if {@code nodeDir} is not a node directory
     */
    public static NodeClient connect(Path nodeDir) throws IOException {
        NodeDirectory dir = NodeDirectory.read(nodeDir);
        ManagedChannel channel = NettyChannelBuilder.forTarget(dir.self().clientAddress())
                .sslContext(Tls.clientApiClient(dir.tls().certificate()))
                .negotiationType(NegotiationType.TLS)
                .maxInboundMessageSize(Limits.MAX_MESSAGE_BYTES)
                .build();
        return new NodeClient(channel);
    }

    /** The blocking stub; callers add deadlines ({@code withDeadlineAfter}) as they need. */
    public ClientGrpc.ClientBlockingStub stub() {
        return stub;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
