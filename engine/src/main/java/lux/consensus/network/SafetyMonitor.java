package lux.consensus.network;

import java.util.HashMap;
import java.util.Map;
import lux.consensus.Id;
import lux.consensus.snow.Snowman;

/**
 * Watches every honest validator's accept decisions and counts safety violations: two honest validators
 * finalizing different blocks at the same height. Byzantine validators are not held to it.
 */
final class SafetyMonitor {
    /** Keep at most this many heights; older ones have long been finalized by every live honest node. */
    private static final int WINDOW = 1 << 16;

    private final Map<Long, Id> finalizedAtHeight = new HashMap<>();
    private long violations;

    /** A listener that checks {@code honest} validators' accepts and then forwards to {@code downstream} (may be null). */
    Snowman.Listener listenerFor(boolean honest, Snowman.Listener downstream) {
        return new Snowman.Listener() {
            @Override
            public void accepted(Id id, long height) {
                if (honest) {
                    check(id, height);
                }
                if (downstream != null) {
                    downstream.accepted(id, height);
                }
            }

            @Override
            public void rejected(Id id, long height) {
                if (downstream != null) {
                    downstream.rejected(id, height);
                }
            }
        };
    }

    private void check(Id id, long height) {
        Id previous = finalizedAtHeight.putIfAbsent(height, id);
        if (previous != null && !previous.equals(id)) {
            violations++;
        }
        finalizedAtHeight.remove(height - WINDOW);
    }

    long violations() {
        return violations;
    }
}
