package io.jmongos.engine.storage;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Transaction;

/**
 * One RocksDB pessimistic transaction with a snapshot taken at its start: reads see the snapshot plus its
 * own writes; a write (or {@link #getForUpdate}) to a key another transaction holds or changed after the
 * snapshot fails at once with {@link WriteConflictException} (lock timeout 0). Not thread-safe: a
 * transaction is used by one command at a time.
 */
public final class StorageTxn implements ReadView, AutoCloseable {
    /**
     * Work tied to the outcome of the transaction (the change log's events): told just before the commit,
     * after a successful commit, and when the transaction rolls back or its commit fails.
     */
    public interface CommitHook {
        void beforeCommit();

        void committed();

        void rolledBack();
    }

    /**
     * Tries of a key lock that failed only on the busy stripe mutex (held for a hash-map update, microseconds);
     * far above what a contended stripe needs, bounded so a broken lock table cannot spin forever.
     */
    private static final int MUTEX_RETRIES = 100_000;

    private final Transaction txn;
    private final ReadOptions readOptions;
    private boolean finished;
    private CommitHook hook;

    StorageTxn(Transaction txn) {
        this.txn = txn;
        this.readOptions = new ReadOptions().setSnapshot(txn.getSnapshot());
    }

    @Override
    public byte[] get(ColumnFamilyHandle cf, byte[] key) {
        try {
            return txn.get(readOptions, cf, key);
        } catch (RocksDBException e) {
            throw StorageErrors.translate(e);
        }
    }

    /** Reads and locks a key, failing with a write conflict if it changed after the snapshot. */
    public byte[] getForUpdate(ColumnFamilyHandle cf, byte[] key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return txn.getForUpdate(readOptions, cf, key, true, true);
            } catch (RocksDBException e) {
                retryOrThrow(e, attempt);
            }
        }
    }

    @Override
    public KeyRangeIterator scan(ColumnFamilyHandle cf, byte[] lower, byte[] upper, boolean reverse) {
        return ScanOptions.open(txn.getSnapshot(), lower, upper, reverse, ro -> txn.getIterator(ro, cf));
    }

    @Override
    public long sequence() {
        return txn.getSnapshot().getSequenceNumber();
    }

    public void put(ColumnFamilyHandle cf, byte[] key, byte[] value) {
        for (int attempt = 1; ; attempt++) {
            try {
                txn.put(cf, key, value);
                return;
            } catch (RocksDBException e) {
                retryOrThrow(e, attempt);
            }
        }
    }

    public void delete(ColumnFamilyHandle cf, byte[] key) {
        for (int attempt = 1; ; attempt++) {
            try {
                txn.delete(cf, key);
                return;
            } catch (RocksDBException e) {
                retryOrThrow(e, attempt);
            }
        }
    }

    /**
     * With lock timeout 0 RocksDB only try-locks the lock-table stripe mutex guarding a key (16 stripes shared
     * by all keys), so a key lock can fail with TimedOut(MutexTimeout) merely because another transaction is
     * locking or unlocking some other key of that stripe. Nothing was locked or written then: not a write
     * conflict, the operation is tried again (yielding between tries); only a real key conflict is one.
     */
    private static void retryOrThrow(RocksDBException e, int attempt) {
        if (!StorageErrors.isMutexTimeout(e) || attempt >= MUTEX_RETRIES) {
            throw StorageErrors.translate(e);
        }
        Thread.yield();
    }

    /** The hook attached to this transaction, or null. */
    public CommitHook hook() {
        return hook;
    }

    /** Attaches the (single) commit hook; see {@link CommitHook}. */
    public void hook(CommitHook h) {
        this.hook = h;
    }

    public void commit() {
        CommitHook h = hook;
        if (h != null) {
            h.beforeCommit();
        }
        try {
            txn.commit();
            finished = true;
        } catch (RocksDBException e) {
            hookRolledBack();
            throw StorageErrors.translate(e);
        } catch (RuntimeException e) {
            hookRolledBack();
            throw e;
        }
        if (h != null) {
            hook = null;
            h.committed();
        }
    }

    public void rollback() {
        if (!finished) {
            finished = true;
            hookRolledBack();
            try {
                txn.rollback();
            } catch (RocksDBException e) {
                throw StorageErrors.translate(e);
            }
        }
    }

    private void hookRolledBack() {
        CommitHook h = hook;
        hook = null;
        if (h != null) {
            h.rolledBack();
        }
    }

    public boolean isFinished() {
        return finished;
    }

    /** Rolls back if neither committed nor rolled back, then frees native resources. */
    @Override
    public void close() {
        try {
            rollback();
        } finally {
            readOptions.close();
            txn.close();
        }
    }
}
