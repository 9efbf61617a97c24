package lux.consensus.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lux.consensus.Id;
import lux.consensus.Statistics;
import org.junit.jupiter.api.Test;

/** What every {@link ChainStore} must do; each implementation's test runs all of it. */
abstract class ChainStoreContract {
    static final StoreIdentity IDENTITY = new StoreIdentity(Id.ofLong(7), Id.ofLong(8));

    /** A new, empty store. */
    abstract ChainStore create();

    /** The same store as a restarted process would see it (closing {@code store} first where that matters). */
    abstract ChainStore reopen(ChainStore store);

    static StoredBlock pending(long seq, Id parent, long height) {
        return new StoredBlock(Id.ofLong(1000 + seq), parent, height, 1_700_000_000_000L + seq, ("payload " + seq).getBytes(),
                BlockStatus.PENDING, seq, null);
    }

    /** Three pending blocks with admission numbers 0, 1, 2: the first two on genesis, the third on the first. */
    static List<StoredBlock> fork() {
        StoredBlock a = pending(0, Id.GENESIS, 1);
        return List.of(a, pending(1, Id.GENESIS, 1), pending(2, a.id(), 2));
    }

    /** A new store, opened for {@link #IDENTITY}. */
    ChainStore opened() {
        ChainStore store = create();
        store.open(IDENTITY);
        return store;
    }

    static Statistics stats(long finalized) {
        return new Statistics(3, 40, 5, 1, finalized, 3 - finalized - 1, 1, finalized, 400, finalized, 0);
    }

    @Test
    void aNewStoreHasNothingToResume() {
        try (ChainStore store = create()) {
            assertEquals(Optional.empty(), store.open(IDENTITY));
            assertEquals(Optional.empty(), store.block(Id.ofLong(1)));
            assertEquals(List.of(), store.children(Id.GENESIS));
        }
    }

    @Test
    void admittedBlocksAreReadBackAndResumeAsPending() {
        ChainStore store = opened();
        List<StoredBlock> fork = fork();
        StoredBlock a = fork.get(0);
        StoredBlock b = fork.get(1);
        StoredBlock c = fork.get(2);
        store.admit(List.of(a, b));
        store.admit(List.of(c));
        StoredBlock read = store.block(c.id()).orElseThrow();
        assertEquals(c.parentId(), read.parentId());
        assertEquals(2, read.height());
        assertEquals(c.timestamp(), read.timestamp());
        assertArrayEquals(c.payload(), read.payload());
        assertEquals(BlockStatus.PENDING, read.status());
        assertEquals(List.of(a.id(), b.id()), store.children(Id.GENESIS), "admission order");

        try (ChainStore again = reopen(store)) {
            ChainState state = again.open(IDENTITY).orElseThrow();
            assertEquals(List.of(a.id(), b.id(), c.id()), state.pending().stream().map(StoredBlock::id).toList());
            assertEquals(3, state.nextSeq());
            assertEquals(Id.GENESIS, state.lastAcceptedId());
            assertEquals(Statistics.EMPTY, state.statistics());
        }
    }

    @Test
    void aCommitRecordsDecisionsCertificatesAndState() {
        ChainStore store = opened();
        List<StoredBlock> fork = fork();
        StoredBlock a = fork.get(0);
        StoredBlock b = fork.get(1);
        StoredBlock c = fork.get(2);
        store.admit(fork);
        Id certKey = Id.ofLong(77);
        byte[] certificate = {1, 2, 3, 4};
        store.commit(new Commit(List.of(a.decided(BlockStatus.FINALIZED, certKey), b.decided(BlockStatus.REJECTED, null)),
                Map.of(certKey, certificate), a.id(), 1, c.id(), stats(1)));

        assertEquals(BlockStatus.FINALIZED, store.block(a.id()).orElseThrow().status());
        assertEquals(certKey, store.block(a.id()).orElseThrow().certificateKey());
        assertArrayEquals(certificate, store.certificate(certKey).orElseThrow());
        assertEquals(BlockStatus.REJECTED, store.block(b.id()).orElseThrow().status());
        assertEquals(List.of(a.id(), b.id()), store.children(Id.GENESIS), "decided children stay children, in order");
        assertEquals(List.of(c.id()), store.children(a.id()));

        try (ChainStore again = reopen(store)) {
            ChainState state = again.open(IDENTITY).orElseThrow();
            assertEquals(a.id(), state.lastAcceptedId());
            assertEquals(1, state.lastAcceptedHeight());
            assertEquals(c.id(), state.preference());
            assertEquals(stats(1), state.statistics());
            assertEquals(List.of(c.id()), state.pending().stream().map(StoredBlock::id).toList(), "only c is still pending");
            assertEquals(BlockStatus.REJECTED, again.block(b.id()).orElseThrow().status());
        }
    }

    @Test
    void anotherChainsStoreIsRefusedAndKeepsItsData() {
        ChainStore store = create();
        store.open(IDENTITY);
        store.admit(List.of(pending(0, Id.GENESIS, 1)));
        try (ChainStore again = reopen(store)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> again.open(new StoreIdentity(Id.ofLong(9), IDENTITY.validatorsDigest())));
            assertTrue(e.getMessage().contains("chain"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> again.open(new StoreIdentity(IDENTITY.chainId(), Id.ofLong(9))));
            assertEquals(1, again.open(IDENTITY).orElseThrow().pending().size(), "still there, unchanged");
        }
    }
}
