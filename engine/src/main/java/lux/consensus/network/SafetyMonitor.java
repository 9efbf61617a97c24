package lux.consensus.network;

import lux.consensus.Id;
import lux.consensus.snow.Snowman;

/**
 * Watches every honest validator's accept decisions and counts safety violations: two honest validators
 * finalizing different blocks at the same height. Byzantine validators are not held to it.
 */
final class SafetyMonitor {
    /** Keep at most this many heights; older ones have long been finalized by every live honest node. */
    private static final int WINDOW = 1 << 16;

    /**
     * The block finalized at each of the last {@value #WINDOW} heights, in a ring: slot {@code h % WINDOW}
     * holds height h's block while h is the newest height that maps there (no allocation per decision).
     */
    private final Id[] finalizedAtHeight = new Id[WINDOW];
    private final long[] heightOfSlot = new long[WINDOW];
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
        int slot = (int) (height & (WINDOW - 1));
        Id previous = finalizedAtHeight[slot];
        if (previous == null || heightOfSlot[slot] < height) {
            finalizedAtHeight[slot] = id; // the first decision at this height (or the slot's height is older)
            heightOfSlot[slot] = height;
        } else if (heightOfSlot[slot] == height && !previous.equals(id)) {
            violations++;
        } // else: a height more than WINDOW below the newest, long settled
    }

    long violations() {
        return violations;
    }
}
