package lux.consensus.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import lux.consensus.Id;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link ChainStore} in a RocksDB database under a data directory.
 *
 * <p>Sync policy: admitted blocks and committed steps are written to RocksDB's write-ahead log without an
 * fsync (they survive the process being killed, as the log sits in the operating system's page cache);
 * {@link #sync()} fsyncs the log, and the chain announces a decision only after a sync that covers it, so a
 * decision reported FINALIZED survives a power loss. Opening verifies every checksum of the database's table files (a
 * damaged or truncated file is reported, never taken for an empty chain). The log is replayed with RocksDB's
 * {@code kTolerateCorruptedTailRecords}: a last record cut short (what a crash leaves) is dropped, damage
 * anywhere before it is reported.
 */
public final class RocksDbChainStore implements ChainStore {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final RocksDB db;
    private final WriteOptions admitWrites = new WriteOptions().setSync(false);
    private final WriteOptions commitWrites = new WriteOptions().setSync(false);
    /** Every use of the database holds the read lock; close takes the write lock, so nothing uses a closed database. */
    private final ReentrantReadWriteLock usage = new ReentrantReadWriteLock();
    private boolean closed; // guarded by usage

    private RocksDbChainStore(Path directory, Options options, RocksDB db) {
        this.directory = directory;
        this.options = options;
        this.db = db;
    }

    /**
     * Opens (creating if needed) the database under {@code directory}.
     *
     * @throws ChainStoreException if it cannot be opened: in use by another chain (RocksDB's lock), damaged,
     *     or not a RocksDB directory
     */
    public static RocksDbChainStore open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new ChainStoreException("cannot create the data directory " + directory + ": " + e, e);
        }
        Options options = new Options().setCreateIfMissing(true).setParanoidChecks(true)
                .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setKeepLogFileNum(2)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setMemtableWholeKeyFiltering(true).setMemtablePrefixBloomSizeRatio(0.1) // misses (new ids) skip the memtable
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10)));
        try {
            return new RocksDbChainStore(directory, options, RocksDB.open(options, directory.toString()));
        } catch (RocksDBException e) {
            options.close();
            throw failure("open", directory, e);
        }
    }

    /**
     * Opens the database under {@code directory} for the chain {@code identity} names. An existing database
     * is first checked read-only (its log written to a temporary directory), so that one belonging to another
     * chain or validator set, or in another format, is refused without a byte of it changed.
     *
     * @throws IllegalArgumentException if the directory belongs to another chain, validator set or format
     * @throws ChainStoreException as {@link #open(Path)}
     */
    public static RocksDbChainStore open(Path directory, StoreIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        if (Files.exists(directory.resolve("CURRENT"))) {
            checkReadOnly(directory, identity);
        }
        return open(directory);
    }

    private static void checkReadOnly(Path directory, StoreIdentity identity) {
        Path logs;
        try {
            logs = Files.createTempDirectory("lux-store-check");
        } catch (java.io.IOException e) {
            throw new ChainStoreException("cannot create a temporary directory to check " + directory + ": " + e, e);
        }
        try (Options options = new Options().setDbLogDir(logs.toString()).setInfoLogLevel(InfoLogLevel.ERROR_LEVEL);
                RocksDB db = RocksDB.openReadOnly(options, directory.toString())) {
            byte[] format = db.get(StoreCodec.META_FORMAT);
            byte[] stored = db.get(StoreCodec.META_IDENTITY);
            if (format != null || stored != null) {
                checkIdentity(directory, format, stored, identity);
            }
        } catch (RocksDBException e) {
            throw failure("open", directory, e);
        } finally {
            deleteQuietly(logs);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** Checks a stored format and identity against what the chain expects. */
    private static void checkIdentity(Path directory, byte[] format, byte[] stored, StoreIdentity identity) {
        int version = format != null && format.length == Integer.BYTES ? ByteBuffer.wrap(format).getInt() : -1;
        if (version != StoreCodec.FORMAT_VERSION || stored == null) {
            throw new IllegalArgumentException("the data directory " + directory + " was written in store format " + version
                    + "; this version of the library reads format " + StoreCodec.FORMAT_VERSION);
        }
        StoreIdentity found = StoreCodec.identityOf(stored);
        if (!found.chainId().equals(identity.chainId())) {
            throw new IllegalArgumentException("the data directory " + directory + " belongs to chain " + found.chainId()
                    + ", not to chain " + identity.chainId());
        }
        if (!found.validatorsDigest().equals(identity.validatorsDigest())) {
            throw new IllegalArgumentException("the data directory " + directory + " was written for another validator set"
                    + " (digest " + found.validatorsDigest() + ", this chain's is " + identity.validatorsDigest() + ")");
        }
    }

    private static ChainStoreException failure(String action, Path directory, RocksDBException e) {
        Status.Code code = e.getStatus() != null ? e.getStatus().getCode() : null;
        String why = e.getMessage();
        if (why != null && why.contains("LOCK")) {
            return new ChainStoreException("the data directory " + directory + " is in use by another chain (RocksDB's lock is held): " + why, e);
        }
        if (code == Status.Code.Corruption) {
            return new ChainStoreException("the data in " + directory + " is damaged (RocksDB checksum or format check failed during "
                    + action + "): " + why, e);
        }
        return new ChainStoreException("cannot " + action + " the chain store in " + directory + ": " + why, e);
    }

    /** Holds the read lock while the database is in use. */
    private Lock use() {
        Lock lock = usage.readLock();
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("the chain store in " + directory + " is closed (its chain was stopped)");
        }
        return lock;
    }

    @Override
    public Optional<ChainState> open(StoreIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        Lock lock = use();
        try {
            byte[] format = db.get(StoreCodec.META_FORMAT);
            byte[] stored = db.get(StoreCodec.META_IDENTITY);
            if (format == null && stored == null) {
                if (hasAnyKey()) {
                    throw new IllegalArgumentException("the data directory " + directory + " holds a database that is not a chain store");
                }
                WriteBatch batch = new WriteBatch();
                batch.put(StoreCodec.META_FORMAT, ByteBuffer.allocate(Integer.BYTES).putInt(StoreCodec.FORMAT_VERSION).array());
                batch.put(StoreCodec.META_IDENTITY, StoreCodec.identity(identity));
                write(commitWrites, batch, "initialize");
                db.syncWal();
                return Optional.empty();
            }
            checkIdentity(directory, format, stored, identity);
            db.verifyChecksum();
            byte[] seq = db.get(StoreCodec.META_NEXT_SEQ);
            long nextSeq = seq == null ? 0 : StoreCodec.longOf(seq);
            byte[] state = db.get(StoreCodec.STATE_KEY);
            List<StoredBlock> pending = pendingBlocks();
            if (state == null) {
                return Optional.of(new ChainState(Id.GENESIS, 0, Id.GENESIS, lux.consensus.Statistics.EMPTY, nextSeq, pending));
            }
            return Optional.of(StoreCodec.stateOf(state, nextSeq, pending));
        } catch (RocksDBException e) {
            throw failure("read", directory, e);
        } finally {
            lock.unlock();
        }
    }

    private boolean hasAnyKey() {
        try (RocksIterator it = db.newIterator()) {
            it.seekToFirst();
            return it.isValid();
        }
    }

    private List<StoredBlock> pendingBlocks() throws RocksDBException {
        List<StoredBlock> pending = new ArrayList<>();
        try (RocksIterator it = db.newIterator()) {
            byte[] prefix = {StoreCodec.PENDING};
            for (it.seek(prefix); it.isValid() && StoreCodec.startsWith(it.key(), prefix); it.next()) {
                Id id = Id.of(it.value());
                pending.add(block(id).orElseThrow(() -> new ChainStoreException("pending block " + id + " is missing from " + directory)));
            }
            it.status();
        }
        return pending;
    }

    @Override
    public void admit(List<StoredBlock> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        Lock lock = use();
        try (WriteBatch batch = new WriteBatch()) {
            long nextSeq = 0;
            for (StoredBlock b : blocks) {
                batch.put(StoreCodec.key(StoreCodec.BLOCK, b.id()), StoreCodec.block(b));
                batch.put(StoreCodec.childKey(b.parentId(), b.seq()), b.id().bytes());
                batch.put(StoreCodec.key(StoreCodec.PENDING, b.seq()), b.id().bytes());
                nextSeq = Math.max(nextSeq, b.seq() + 1);
            }
            batch.put(StoreCodec.META_NEXT_SEQ, StoreCodec.longValue(nextSeq));
            write(admitWrites, batch, "admit blocks to");
        } catch (RocksDBException e) {
            throw failure("admit blocks to", directory, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void commit(Commit commit) {
        Lock lock = use();
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<Id, byte[]> c : commit.certificates().entrySet()) {
                batch.put(StoreCodec.key(StoreCodec.CERTIFICATE, c.getKey()), c.getValue());
            }
            for (StoredBlock b : commit.decided()) {
                batch.put(StoreCodec.key(StoreCodec.DECISION, b.id()), StoreCodec.decision(b));
                batch.delete(StoreCodec.key(StoreCodec.PENDING, b.seq()));
            }
            batch.put(StoreCodec.STATE_KEY, StoreCodec.state(commit));
            write(commitWrites, batch, "commit decisions to");
        } catch (RocksDBException e) {
            throw failure("commit decisions to", directory, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sync() {
        Lock lock = use();
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw failure("sync the log of", directory, e);
        } finally {
            lock.unlock();
        }
    }

    private void write(WriteOptions how, WriteBatch batch, String action) {
        try {
            db.write(how, batch);
        } catch (RocksDBException e) {
            throw failure(action, directory, e);
        }
    }

    @Override
    public Optional<StoredBlock> block(Id id) {
        byte[] bytes = get(StoreCodec.key(StoreCodec.BLOCK, id));
        if (bytes == null) {
            return Optional.empty();
        }
        StoredBlock admitted = StoreCodec.blockOf(id, bytes);
        byte[] decision = get(StoreCodec.key(StoreCodec.DECISION, id));
        return Optional.of(decision == null ? admitted : StoreCodec.decided(admitted, decision));
    }

    @Override
    public List<Id> children(Id parentId) {
        List<Id> ids = new ArrayList<>(2);
        byte[] prefix = StoreCodec.prefix(StoreCodec.CHILD, parentId);
        Lock lock = use();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(prefix); it.isValid() && StoreCodec.startsWith(it.key(), prefix); it.next()) {
                ids.add(Id.of(it.value()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw failure("read", directory, e);
        } finally {
            lock.unlock();
        }
        return List.copyOf(ids);
    }

    @Override
    public Optional<byte[]> certificate(Id key) {
        return Optional.ofNullable(get(StoreCodec.key(StoreCodec.CERTIFICATE, key)));
    }

    private byte[] get(byte[] key) {
        Lock lock = use();
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw failure("read", directory, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean durable() {
        return true;
    }

    /** The data directory. */
    public Path directory() {
        return directory;
    }

    /** Compacts the whole database (for tests and maintenance). */
    public void compact() {
        Lock lock = use();
        try {
            db.compactRange();
        } catch (RocksDBException e) {
            throw failure("compact", directory, e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the database; idempotent. Uses after this throw {@link IllegalStateException}. */
    @Override
    public void close() {
        usage.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            admitWrites.close();
            commitWrites.close();
            db.close();
            options.close();
        } finally {
            usage.writeLock().unlock();
        }
    }
}
