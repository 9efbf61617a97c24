package lux.consensus.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lux.consensus.Id;
import lux.consensus.snow.Snowman;

/**
 * The blocks the local engine accepted, as it accepts them (read by the threads that answer peers): a node signs
 * a certificate for a block its consensus accepted, without waiting for its own certificate round, which in turn
 * waits for the others' signatures. Keeps the last {@value #WINDOW} heights.
 */
final class AcceptedBlocks implements Snowman.Listener {
    static final long WINDOW = 100_000;
    private final Snowman.Listener next;
    private final Map<Id, Long> heights = new ConcurrentHashMap<>();
    private volatile long highest;
    private volatile Runnable onAccepted = () -> { };

    AcceptedBlocks(Snowman.Listener next) {
        this.next = next;
    }

    @Override
    public void accepted(Id id, long height) {
        heights.put(id, height);
        highest = Math.max(highest, height);
        if (heights.size() > 2 * WINDOW) {
            long floor = highest - WINDOW;
            heights.values().removeIf(h -> h < floor);
        }
        next.accepted(id, height);
        onAccepted.run();
    }

    /** Runs {@code hook} (cheap: it runs on the engine thread) after each acceptance. */
    void onAccepted(Runnable hook) {
        onAccepted = hook;
    }

    @Override
    public void rejected(Id id, long height) {
        next.rejected(id, height);
    }

    /** Whether the engine accepted {@code id} at {@code height} (within the window). */
    boolean contains(Id id, long height) {
        Long h = heights.get(id);
        return h != null && h == height;
    }
}
