package lux.consensus;

/**
 * Admitted entries on their way to the engine thread, oldest first: a list linked through the entries themselves
 * ({@link ChainEntry#nextInInbox}), so that handing a block over allocates nothing and takes no lock. One producer
 * at a time (admissions are serialized by the chain's admission lock, which also orders their writes) and one
 * consumer, the engine thread; neither ever waits for the other.
 */
final class Inbox {
    /** The entry added last (producer side); the stub while nothing was ever added. */
    private ChainEntry tail;
    /** The entry taken last (consumer side); its successor is the next to take. */
    private ChainEntry head;

    Inbox() {
        ChainEntry stub = new ChainEntry(Id.GENESIS, null, 0, ChainEntry.Status.FINALIZED, -1);
        tail = stub;
        head = stub;
    }

    /** Appends an entry (producer, under the admission lock). */
    void add(ChainEntry entry) {
        ChainEntry last = tail;
        tail = entry;
        last.nextInInbox = entry; // a volatile write: publishes the entry to the consumer
    }

    /** Whether nothing waits to be taken (consumer). */
    boolean isEmpty() {
        return head.nextInInbox == null;
    }

    /** The oldest entry not yet taken, or null (consumer). */
    ChainEntry poll() {
        ChainEntry next = head.nextInInbox;
        if (next != null) {
            head = next;
        }
        return next;
    }
}
