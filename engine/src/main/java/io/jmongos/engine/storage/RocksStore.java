package io.jmongos.engine.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksMemEnv;
import org.rocksdb.TransactionDB;
import org.rocksdb.TransactionDBOptions;
import org.rocksdb.TransactionOptions;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB TransactionDB behind the engine, with one column family per kind of data: the catalog,
 * document records ({@code collection prefix + encoded _id -> BSON}), index entries and session records
 * (retryable writes, committed transactions). In memory (RocksMemEnv) when no path is given.
 */
public final class RocksStore implements AutoCloseable {
    /**
     * Lock timeout for transactional writes: 0 = never wait; a key locked by another transaction is a write
     * conflict at once (MongoDB's WriteConflict is also immediate; waiting is the client's retry loop).
     */
    public static final long TXN_LOCK_TIMEOUT_MS = 0;
    /** Lock timeout of non-transactional puts (catalog, bulk deletes): short, they rarely contend. */
    private static final long DEFAULT_LOCK_TIMEOUT_MS = 1000;
    /** Bloom filter bits per key: RocksDB's usual 10 (about 1% false positives) for point lookups. */
    private static final double BLOOM_BITS_PER_KEY = 10;
    /** Background flush/compaction threads; the machines are small. */
    private static final int BACKGROUND_JOBS = 2;
    /** Keys deleted per write batch when a collection or index is dropped. */
    private static final int DELETE_BATCH_KEYS = 10_000;
    /** Virtual directory of an in-memory store inside its own RocksMemEnv. */
    private static final String MEMORY_PATH = "/jmongos-memory";

    private static final String CF_CATALOG = "catalog";
    private static final String CF_RECORDS = "records";
    private static final String CF_INDEXES = "indexes";
    private static final String CF_SESSIONS = "sessions";

    static {
        RocksDB.loadLibrary();
    }

    private final TransactionDB db;
    private final Env env;
    private final DBOptions dbOptions;
    private final TransactionDBOptions txnDbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final LRUCache cache;
    private final List<ColumnFamilyHandle> handles;
    private final WriteOptions asyncWrites = new WriteOptions();
    private final WriteOptions syncWrites = new WriteOptions().setSync(true);
    private final TransactionOptions txnOptions = new TransactionOptions()
            .setSetSnapshot(true).setLockTimeout(TXN_LOCK_TIMEOUT_MS).setDeadlockDetect(false);
    private final boolean persistent;

    private RocksStore(TransactionDB db, Env env, DBOptions dbOptions, TransactionDBOptions txnDbOptions,
                       ColumnFamilyOptions cfOptions, LRUCache cache, List<ColumnFamilyHandle> handles,
                       boolean persistent) {
        this.db = db;
        this.env = env;
        this.dbOptions = dbOptions;
        this.txnDbOptions = txnDbOptions;
        this.cfOptions = cfOptions;
        this.cache = cache;
        this.handles = handles;
        this.persistent = persistent;
        if (!persistent) {
            // In memory nothing outlives the process, so a write-ahead log protects nothing: it only copied every
            // commit into the memory env (13% of commit time in a 64-client insert profile). Without it a
            // "sync" write has nothing to wait for either (RocksDB refuses sync without a WAL).
            asyncWrites.setDisableWAL(true);
            syncWrites.setSync(false).setDisableWAL(true);
        }
    }

    /** Opens (creating if needed) the store at {@code dbPath}, or an in-memory store when it is null. */
    public static RocksStore open(Path dbPath, long blockCacheBytes) {
        Env env = dbPath == null ? new RocksMemEnv(Env.getDefault()) : null;
        LRUCache cache = new LRUCache(blockCacheBytes);
        ColumnFamilyOptions cf = new ColumnFamilyOptions()
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache)
                        .setFilterPolicy(new BloomFilter(BLOOM_BITS_PER_KEY)))
                .setCompressionType(dbPath == null ? CompressionType.NO_COMPRESSION : CompressionType.LZ4_COMPRESSION);
        DBOptions dbo = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(BACKGROUND_JOBS)
                // Many writer threads on few cores: RocksDB's write group followers spun in sched_yield
                // (12% of a 64-client insert profile) and synchronised again for parallel memtable inserts
                // (10%). Followers now sleep at once and the group leader inserts for all of them.
                .setEnableWriteThreadAdaptiveYield(false)
                .setAllowConcurrentMemtableWrite(false);
        if (env != null) {
            dbo.setEnv(env);
        }
        TransactionDBOptions tdo = new TransactionDBOptions().setDefaultLockTimeout(DEFAULT_LOCK_TIMEOUT_MS)
                .setTransactionLockTimeout(TXN_LOCK_TIMEOUT_MS);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cf));
        for (String name : List.of(CF_CATALOG, CF_RECORDS, CF_INDEXES, CF_SESSIONS)) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(java.nio.charset.StandardCharsets.UTF_8), cf));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            String path = MEMORY_PATH;
            if (dbPath != null) {
                Files.createDirectories(dbPath);
                path = dbPath.toAbsolutePath().toString();
            }
            TransactionDB db = TransactionDB.open(dbo, tdo, path, descriptors, handles);
            return new RocksStore(db, env, dbo, tdo, cf, cache, handles, dbPath != null);
        } catch (RocksDBException | java.io.IOException e) {
            dbo.close();
            tdo.close();
            cf.close();
            cache.close();
            if (env != null) {
                env.close();
            }
            throw new CommandFailedException(ErrorCode.INTERNAL_ERROR,
                    "cannot open storage at " + dbPath + ": " + e.getMessage());
        }
    }

    public ColumnFamilyHandle catalog() {
        return handles.get(1);
    }

    public ColumnFamilyHandle records() {
        return handles.get(2);
    }

    public ColumnFamilyHandle indexes() {
        return handles.get(3);
    }

    public ColumnFamilyHandle sessions() {
        return handles.get(4);
    }

    public boolean isPersistent() {
        return persistent;
    }

    /** Begins a transaction with a snapshot; {@code sync} makes its commit wait for the WAL fsync. */
    public StorageTxn begin(boolean sync) {
        return new StorageTxn(db.beginTransaction(sync ? syncWrites : asyncWrites, txnOptions));
    }

    /** A point-in-time read view; close it when done. */
    public ReadSnapshot snapshot() {
        return new ReadSnapshot(db);
    }

    /** A non-transactional write of one key (catalog entries); durable when {@code sync}. */
    public void put(ColumnFamilyHandle cf, byte[] key, byte[] value, boolean sync) {
        try {
            db.put(cf, sync ? syncWrites : asyncWrites, key, value);
        } catch (RocksDBException e) {
            throw StorageErrors.translate(e);
        }
    }

    public void delete(ColumnFamilyHandle cf, byte[] key, boolean sync) {
        try {
            db.delete(cf, sync ? syncWrites : asyncWrites, key);
        } catch (RocksDBException e) {
            throw StorageErrors.translate(e);
        }
    }

    /** Deletes every key in {@code [from, to)}, a write batch at a time (dropped collections and indexes). */
    public void deleteRange(ColumnFamilyHandle cf, byte[] from, byte[] to) {
        try (ReadSnapshot snap = snapshot(); KeyRangeIterator it = snap.scan(cf, from, to, false)) {
            it.seekFirst();
            while (it.valid()) {
                try (WriteBatch batch = new WriteBatch()) {
                    for (int n = 0; n < DELETE_BATCH_KEYS && it.valid(); n++) {
                        batch.delete(cf, it.key());
                        it.next();
                    }
                    db.write(asyncWrites, batch);
                }
            }
        } catch (RocksDBException e) {
            throw StorageErrors.translate(e);
        }
    }

    /** Approximate bytes stored under keys in {@code [from, to)} (dbStats/collStats sizes). */
    public long approximateSize(ColumnFamilyHandle cf, byte[] from, byte[] to) {
        try (org.rocksdb.Slice a = new org.rocksdb.Slice(from); org.rocksdb.Slice b = new org.rocksdb.Slice(to)) {
            long[] sizes = db.getApproximateSizes(cf, List.of(new org.rocksdb.Range(a, b)),
                    org.rocksdb.SizeApproximationFlag.INCLUDE_FILES,
                    org.rocksdb.SizeApproximationFlag.INCLUDE_MEMTABLES);
            return sizes.length == 0 ? 0 : sizes[0];
        }
    }

    /** RocksDB's estimate of the number of keys in a column family. */
    public long estimatedKeys(ColumnFamilyHandle cf) {
        try {
            return db.getLongProperty(cf, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            return -1;
        }
    }

    /** The sequence number of the last committed write. */
    public long latestSequence() {
        return db.getLatestSequenceNumber();
    }

    /** Flushes the WAL to disk (writeConcern j:true on a non-transactional path). */
    public void syncWal() {
        if (persistent) {
            try {
                db.flushWal(true);
            } catch (RocksDBException e) {
                throw StorageErrors.translate(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (persistent) {
                db.flushWal(true);
            }
        } catch (RocksDBException ignored) {
            // closing anyway
        }
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        asyncWrites.close();
        syncWrites.close();
        txnOptions.close();
        dbOptions.close();
        txnDbOptions.close();
        cfOptions.close();
        cache.close();
        if (env != null) {
            env.close();
        }
    }
}
