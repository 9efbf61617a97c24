package lux.consensus.node;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import lux.consensus.Chain;

/** A node's metrics (Micrometer), served at {@code http://<metricsAddress>/metrics} in Prometheus' format. */
final class NodeMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer finality;
    private final Counter malformed;
    private final AtomicLong refusedHandshakes = new AtomicLong();
    private HttpServer server;

    NodeMetrics() {
        this.finality = Timer.builder("lux_finality").description("from a block's arrival at this node to its decision")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
        this.malformed = Counter.builder("lux_peer_malformed_messages").description("peer messages refused as malformed").register(registry);
        FunctionCounter.builder("lux_peer_refused_handshakes", refusedHandshakes, AtomicLong::get)
                .description("TLS handshakes refused for a certificate outside the validator set").register(registry);
    }

    /** The counters that live elsewhere: read when scraped. */
    void bind(Chain chain, GrpcNetwork network, PeerAuthentication authentication, PeerThrottle throttle) {
        FunctionCounter.builder("lux_polls", chain, c -> c.stats().pollsCompleted()).description("polls this node completed").register(registry);
        FunctionCounter.builder("lux_votes", chain, c -> c.stats().votesProcessed()).description("votes tallied for this node's polls").register(registry);
        FunctionCounter.builder("lux_finalized_blocks", chain, c -> c.stats().finalized()).register(registry);
        FunctionCounter.builder("lux_rejected_blocks", chain, c -> c.stats().rejected()).register(registry);
        Gauge.builder("lux_pending_blocks", chain, c -> c.stats().pending()).register(registry);
        Gauge.builder("lux_peers", network, GrpcNetwork::connectedPeers).description("peers connected now").register(registry);
        FunctionCounter.builder("lux_peer_timeouts", network, GrpcNetwork::timeouts).description("peer calls that timed out or failed").register(registry);
        FunctionCounter.builder("lux_peer_received_bytes", network, n -> n.wire().received()).baseUnit("bytes")
                .description("gRPC message bytes from peers").register(registry);
        FunctionCounter.builder("lux_peer_sent_bytes", network, n -> n.wire().sent()).baseUnit("bytes")
                .description("gRPC message bytes to peers").register(registry);
        FunctionCounter.builder("lux_answer_wait_seconds", network, n -> n.answerWaitNanos() / 1e9)
                .description("engine time waiting for peers' answers to polls").register(registry);
        FunctionCounter.builder("lux_sign_wait_seconds", network, n -> n.signWaitNanos() / 1e9)
                .description("engine time waiting for peers' certificate signatures").register(registry);
        FunctionCounter.builder("lux_peer_refused_calls", authentication, PeerAuthentication::refused)
                .description("calls refused for lack of a validator's certificate").register(registry);
        FunctionCounter.builder("lux_peer_throttled_calls", throttle, PeerThrottle::throttled)
                .description("peer calls refused for exceeding the per-peer call rate").register(registry);
    }

    void finality(Duration latency) {
        finality.record(latency);
    }

    /** Counts the handshakes the peer server's trust manager refuses. */
    AtomicLong refusedHandshakes() {
        return refusedHandshakes;
    }

    void malformed() {
        malformed.increment();
    }

    /** Serves /metrics on {@code host:port}. */
    void serve(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        registry.close();
    }
}
