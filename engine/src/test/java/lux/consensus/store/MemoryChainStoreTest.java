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
        ChainStore store = opened();
        List<StoredBlock> fork = fork();
        store.admit(fork);
        store.admit(List.of(fork.get(1)));
        store.admit(List.of(fork.get(0), fork.get(2)));
        assertEquals(List.of(fork.get(0).id(), fork.get(1).id()), store.children(Id.GENESIS));
        assertEquals(List.of(fork.get(2).id()), store.children(fork.get(0).id()));
        ChainState state = reopen(store).open(IDENTITY).orElseThrow();
        assertEquals(fork.stream().map(StoredBlock::id).toList(), state.pending().stream().map(StoredBlock::id).toList());
        assertEquals(3, state.nextSeq());
    }
}
