package io.jmongos.engine.storage;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns RocksDB failures into MongoDB command errors. */
public final class StorageErrors {
    private StorageErrors() {
    }

    /**
     * RocksDB's TimedOut(MutexTimeout): the lock table's stripe mutex was busy (try-lock with lock timeout 0),
     * no key was locked; distinct from TimedOut(LockTimeout), a key held by another transaction.
     */
    public static boolean isMutexTimeout(RocksDBException e) {
        Status status = e.getStatus();
        return status != null && status.getCode() == Status.Code.TimedOut
                && status.getSubCode() == Status.SubCode.MutexTimeout;
    }

    public static CommandFailedException translate(RocksDBException e) {
        Status status = e.getStatus();
        Status.Code code = status == null ? null : status.getCode();
        if (code == Status.Code.Busy || code == Status.Code.TimedOut || code == Status.Code.TryAgain) {
            return new WriteConflictException();
        }
        return new CommandFailedException(ErrorCode.INTERNAL_ERROR, "storage error: " + e.getMessage());
    }
}
