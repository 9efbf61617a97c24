package lux.consensus.store;

class MemoryChainStoreTest extends ChainStoreContract {
    @Override
    ChainStore create() {
        return new MemoryChainStore();
    }

    @Override
    ChainStore reopen(ChainStore store) {
        return store; // a memory store "restarts" within its process: the same object
    }
}
