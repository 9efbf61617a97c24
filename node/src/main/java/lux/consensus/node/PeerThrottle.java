package lux.consensus.node;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits how many calls each validator may make per second (a token bucket per peer, after
 * {@link PeerAuthentication} named the caller): a peer flooding the node gets RESOURCE_EXHAUSTED, counted, while
 * the other peers' calls go on. Honest peers make about one call per consensus round, far below the limit.
 */
final class PeerThrottle implements ServerInterceptor {
    private final long callsPerSecond;
    private final Bucket[] buckets;
    private final AtomicLong throttled = new AtomicLong();

    PeerThrottle(int validators, long callsPerSecond) {
        this.callsPerSecond = callsPerSecond;
        this.buckets = new Bucket[validators];
        for (int i = 0; i < validators; i++) {
            buckets[i] = new Bucket(callsPerSecond, System.nanoTime());
        }
    }

    long throttled() {
        return throttled.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        int peer = PeerAuthentication.PEER.get();
        if (!buckets[peer].take(callsPerSecond)) {
            throttled.incrementAndGet();
            call.close(Status.RESOURCE_EXHAUSTED.withDescription("more than " + callsPerSecond + " calls per second from validator " + peer),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }

    /** Up to one second's worth of calls, refilled continuously. */
    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized boolean take(long perSecond) {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - refilledAt) * perSecond / (double) TimeUnit.SECONDS.toNanos(1));
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
