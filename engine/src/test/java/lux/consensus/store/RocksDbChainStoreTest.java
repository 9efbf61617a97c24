package lux.consensus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lux.consensus.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbChainStoreTest extends ChainStoreContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    ChainStore create() {
        return RocksDbChainStore.open(dir.resolve("store-" + stores++));
    }

    @Override
    ChainStore reopen(ChainStore store) {
        Path where = ((RocksDbChainStore) store).directory();
        store.close();
        return RocksDbChainStore.open(where);
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedNamingIt() {
        try (RocksDbChainStore first = RocksDbChainStore.open(dir)) {
            ChainStoreException e = assertThrows(ChainStoreException.class, () -> RocksDbChainStore.open(dir));
            assertTrue(e.getMessage().contains("the data directory " + dir + " is in use by another chain"), e.getMessage());
        }
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws Exception {
        try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
            store.open(IDENTITY);
        }
        try (org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(dir.toString())) {
            db.put(StoreCodec.META_FORMAT, java.nio.ByteBuffer.allocate(4).putInt(99).array());
        }
        try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.open(IDENTITY));
            assertTrue(e.getMessage().contains("was written in store format 99; this version of the library reads format 1"), e.getMessage());
        }
    }

    @Test
    void usingAClosedStoreIsAnError() {
        RocksDbChainStore store = RocksDbChainStore.open(dir);
        store.open(IDENTITY);
        store.close();
        store.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.block(Id.ofLong(1)));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }

    /** A flipped byte in a table file is reported by RocksDB's checksums, never read as an empty chain. */
    @Test
    void aDamagedTableFileIsReported() throws IOException {
        try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
            store.open(IDENTITY);
            for (int i = 0; i < 200; i++) {
                store.admit(List.of(pending(i, Id.GENESIS, 1)));
            }
            store.compact(); // everything into table files
        }
        Path table;
        try (Stream<Path> files = Files.list(dir)) {
            table = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        flipByte(table, 3);
        assertReportedDamaged();
    }

    /** Inverts the byte at 1/{@code fraction} of the file. */
    private static void flipByte(Path file, int fraction) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() / fraction;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xFF);
        }
    }

    private void assertReportedDamaged() {
        ChainStoreException e = assertThrows(ChainStoreException.class, () -> {
            try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
                store.open(IDENTITY);
            }
        });
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }

    private Path onlyFile(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one " + suffix + " file: " + found);
            return found.get(0);
        }
    }

    /** A write-ahead log damaged before its end (not just a last record cut short) is reported. */
    @Test
    void aDamagedLogIsReported() throws IOException {
        try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
            store.open(IDENTITY);
            for (int i = 0; i < 200; i++) {
                store.admit(List.of(pending(i, Id.GENESIS, 1)));
            }
        }
        flipByte(onlyFile(".log"), 2);
        assertReportedDamaged();
    }

    /** A log whose last record was cut short, as a crash leaves it, is replayed up to that record. */
    @Test
    void aLogCutShortInItsLastRecordIsACrashNotDamage() throws IOException {
        try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
            store.open(IDENTITY);
            for (int i = 0; i < 10; i++) {
                store.admit(List.of(pending(i, Id.GENESIS, 1)));
            }
        }
        Path log = onlyFile(".log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
            assertEquals(9, store.open(IDENTITY).orElseThrow().pending().size(), "all but the cut record");
        }
    }

    @Test
    void aTruncatedTableFileIsReported() throws IOException {
        try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
            store.open(IDENTITY);
            store.admit(List.of(pending(0, Id.GENESIS, 1)));
            store.compact();
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path table = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
            try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
        }
        ChainStoreException e = assertThrows(ChainStoreException.class, () -> {
            try (RocksDbChainStore store = RocksDbChainStore.open(dir)) {
                store.open(IDENTITY);
            }
        });
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertEquals(true, e.getMessage().contains("damaged") || e.getMessage().contains("cannot"), e.getMessage());
    }
}
