package lux.consensus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lux.consensus.Id;
import org.junit.jupiter.api.Test;

class MemoryChainStoreTest extends ChainStoreContract {
    @Override
    ChainStore create() {
        return new MemoryChainStore();
    }

    @Override
    ChainStore reopen(ChainStore store) {
        return store; // a memory store "restarts" within its process: the same object
    }

    /** A chain may admit a block to the memory store twice (once for its readers, once from its engine). */
    @Test
    void admittingABlockAgainChangesNothing() {
        ChainStore store = create();
        store.open(IDENTITY);
        StoredBlock a = pending(0, Id.GENESIS, 1);
        StoredBlock b = pending(1, Id.GENESIS, 1);
        StoredBlock c = pending(2, a.id(), 2);
        store.admit(List.of(a, b, c));
        store.admit(List.of(b));
        store.admit(List.of(a, c));
        assertEquals(List.of(a.id(), b.id()), store.children(Id.GENESIS));
        assertEquals(List.of(c.id()), store.children(a.id()));
        ChainState state = reopen(store).open(IDENTITY).orElseThrow();
        assertEquals(List.of(a.id(), b.id(), c.id()), state.pending().stream().map(StoredBlock::id).toList());
        assertEquals(3, state.nextSeq());
    }
}
