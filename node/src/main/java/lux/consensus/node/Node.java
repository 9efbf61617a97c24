package lux.consensus.node;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lux.consensus.Chain;
import lux.consensus.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validator as a process ({@code lux node}): its chain (stored in its directory's {@code data/}), polling
 * its peers over gRPC with mutual TLS, a client API, and metrics. Restarted on the same directory, it resumes
 * from its store and catches up from its peers.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeDirectory dir;
    private final Chain chain;
    private final GrpcNetwork network;
    private final NodeMetrics metrics;
    private final Server peerServer;
    private final Server clientServer;

    private Node(NodeDirectory dir, Chain chain, GrpcNetwork network, NodeMetrics metrics, Server peerServer, Server clientServer) {
        this.dir = dir;
        this.chain = chain;
        this.network = network;
        this.metrics = metrics;
        this.peerServer = peerServer;
        this.clientServer = clientServer;
    }

    /**
     * Starts the node in {@code directory} (see {@link NodeDirectory}).
     *
     * @throws IllegalArgumentException if the directory is not a consistent node directory
     * @throws IOException if a port cannot be bound
     */
    public static Node start(Path directory) throws IOException {
        return start(directory, Limits.MAX_CALLS_PER_SECOND_PER_PEER);
    }

    /** As {@link #start(Path)}, allowing each peer {@code peerCallsPerSecond} calls per second (tests flood a lower limit). */
    static Node start(Path directory, long peerCallsPerSecond) throws IOException {
        NodeDirectory dir = NodeDirectory.read(directory);
        NodeMetrics metrics = new NodeMetrics();
        WireBytes wire = new WireBytes();
        GrpcNetwork[] made = new GrpcNetwork[1];
        Chain chain = new Chain(dir.config(), (config, tally, listener, lastAcceptedId, lastAcceptedHeight) ->
                made[0] = new GrpcNetwork(config, tally, listener, lastAcceptedId, lastAcceptedHeight, dir, wire));
        GrpcNetwork network = made[0];
        network.attach(chain);
        chain.onFinalized(b -> metrics.finality(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - b.timestamp()))));
        PeerAuthentication authentication = new PeerAuthentication(dir.validatorSet());
        PeerThrottle throttle = new PeerThrottle(dir.validatorSet().size(), peerCallsPerSecond);
        metrics.bind(chain, network, authentication, throttle);
        chain.start();
        List<X509Certificate> validators = dir.network().validators().stream().map(NetworkDescription.Member::parsedCertificate).toList();
        NetworkDescription.Member self = dir.self();
        Server peerServer = NettyServerBuilder.forAddress(address(self.peerAddress()))
                .sslContext(Tls.peerServer(dir.tls(), validators, metrics.refusedHandshakes()))
                .maxInboundMessageSize(Limits.MAX_MESSAGE_BYTES)
                .maxConcurrentCallsPerConnection(Limits.MAX_CALLS_PER_PEER)
                .addStreamTracerFactory(wire.serverTracers())
                .addService(ServerInterceptors.intercept(MalformedRequests.refused(new PeerService(chain, network, dir, metrics).bindService(),
                        metrics::malformed), throttle, authentication))
                .build();
        Server clientServer = NettyServerBuilder.forAddress(address(self.clientAddress()))
                .sslContext(Tls.clientApiServer(dir.tls()))
                .maxInboundMessageSize(Limits.MAX_MESSAGE_BYTES)
                .addService(new ClientService(chain, network, dir))
                .build();
        try {
            peerServer.start();
            clientServer.start();
            InetSocketAddress m = address(self.metricsAddress());
            metrics.serve(m.getHostString(), m.getPort());
        } catch (IOException | RuntimeException e) {
            peerServer.shutdownNow();
            clientServer.shutdownNow();
            chain.close();
            metrics.close();
            throw e;
        }
        Statistics s = chain.stats();
        LOG.info("validator {} ({}) up: peers on {}, clients on {}, metrics on {}; {} finalized blocks on disk (height {})",
                dir.index(), self.id().substring(0, 12), self.peerAddress(), self.clientAddress(), self.metricsAddress(),
                s.finalized(), s.finalizedHeight());
        return new Node(dir, chain, network, metrics, peerServer, clientServer);
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address must be host:port, got '" + hostPort + "'");
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    public Chain chain() {
        return chain;
    }

    public int index() {
        return dir.index();
    }

    /**
     * Where this node's time went since it started, and what it exchanged with its peers.
     *
     * @param answerWaitNanos engine thread waiting for peers' answers to its polls
     * @param tallyNanos engine thread tallying those answers and recording them in its Snowman instance
     * @param signWaitNanos engine thread in certificate rounds, waiting for peers' signatures
     * @param signingNanos signing certificate messages (BLS and ML-DSA), for itself and for its peers
     * @param bytesReceived gRPC message bytes from peers (as client and server)
     * @param bytesSent gRPC message bytes to peers
     */
    public record Timings(long answerWaitNanos, long tallyNanos, long signWaitNanos, long signingNanos, long bytesReceived,
            long bytesSent) {}

    public Timings timings() {
        return new Timings(network.answerWaitNanos(), network.tallyNanos(), network.signWaitNanos(), network.signatures().signingNanos(),
                network.wire().received(), network.wire().sent());
    }

    /** Stops serving, then stops the chain (its store is closed cleanly). */
    @Override
    public void close() {
        clientServer.shutdown();
        peerServer.shutdown();
        try {
            clientServer.awaitTermination(2, TimeUnit.SECONDS);
            peerServer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientServer.shutdownNow();
        peerServer.shutdownNow();
        chain.close();
        metrics.close();
        LOG.info("validator {} stopped", dir.index());
    }
}
