package lux.consensus.node;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waiting for the answers of calls to peers. */
final class PeerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCalls.class);

    private PeerCalls() {
    }

    /** The reply, or null after {@code deadlineNanos} (the call is cancelled) or a failed call; both count in {@code failures}. */
    static <T> T await(ListenableFuture<T> reply, long deadlineNanos, AtomicLong failures) {
        try {
            return reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            failures.incrementAndGet();
            reply.cancel(true);
            return null;
        } catch (ExecutionException e) {
            failures.incrementAndGet();
            LOG.debug("a peer call failed: {}", e.getCause().getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
