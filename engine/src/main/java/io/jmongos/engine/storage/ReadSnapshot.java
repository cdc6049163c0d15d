package io.jmongos.engine.storage;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;
import org.rocksdb.TransactionDB;

/** A read-only point-in-time view (RocksDB snapshot), used by reads outside transactions and by cursors. */
public final class ReadSnapshot implements ReadView, AutoCloseable {
    private final TransactionDB db;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;
    private boolean closed;

    ReadSnapshot(TransactionDB db) {
        this.db = db;
        this.snapshot = db.getSnapshot();
        this.readOptions = new ReadOptions().setSnapshot(snapshot);
    }

    @Override
    public synchronized byte[] get(ColumnFamilyHandle cf, byte[] key) {
        try {
            return db.get(cf, readOptions, key);
        } catch (RocksDBException e) {
            throw StorageErrors.translate(e);
        }
    }

    @Override
    public KeyRangeIterator scan(ColumnFamilyHandle cf, byte[] lower, byte[] upper, boolean reverse) {
        return ScanOptions.open(snapshot, lower, upper, reverse, ro -> db.newIterator(cf, ro));
    }

    @Override
    public long sequence() {
        return snapshot.getSequenceNumber();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            readOptions.close();
            db.releaseSnapshot(snapshot);
        }
    }
}
