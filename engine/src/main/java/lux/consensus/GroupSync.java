package lux.consensus;

import lux.consensus.store.ChainStore;

/**
 * Group commit for a durable store: the engine writes each step's decisions without waiting for the disk and
 * asks for a sync; one background thread syncs, covering every step written before it started, and calls
 * back. Decisions are announced once {@link #synced()} covers them, so the engine keeps deciding while the
 * disk syncs, and one sync serves many steps. For a store that is not durable every request counts as synced
 * at once and no thread runs.
 */
final class GroupSync {
    private final ChainStore store;
    private final Runnable onSynced;
    private final Thread thread;
    private long requested; // guarded by this
    private volatile long synced;
    private volatile RuntimeException failure;
    private boolean closed; // guarded by this

    /** {@code onSynced} runs on the sync thread after each sync (the engine wakes up there). */
    GroupSync(ChainStore store, Runnable onSynced) {
        this.store = store;
        this.onSynced = onSynced;
        this.thread = store.durable() ? Thread.ofPlatform().name("lux-chain-sync").daemon(true).unstarted(this::run) : null;
    }

    void start() {
        if (thread != null) {
            thread.start();
        }
    }

    /** Asks for every step up to {@code step} (numbered from 1, in order) to be made durable. */
    synchronized void request(long step) {
        requested = Math.max(requested, step);
        if (thread == null) {
            synced = requested;
        } else {
            notifyAll();
        }
    }

    /** The last step known durable. */
    long synced() {
        return synced;
    }

    /** Why syncing failed, or null. */
    RuntimeException failure() {
        return failure;
    }

    private void run() {
        while (true) {
            long target;
            synchronized (this) {
                while (!closed && requested == synced) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                target = requested;
            }
            try {
                store.sync();
            } catch (RuntimeException e) {
                failure = e;
                onSynced.run();
                return;
            }
            synced = target;
            onSynced.run();
        }
    }

    /** Stops the sync thread (after a sync in progress) and waits for it. */
    void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (thread != null && thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
