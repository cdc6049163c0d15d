package io.jmongos.engine.storage;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;

/**
 * A write touched a key changed by another open or later-committed transaction (RocksDB Busy/TimedOut on a
 * snapshot-validated write): MongoDB's WriteConflict (112), labelled TransientTransactionError.
 */
public final class WriteConflictException extends CommandFailedException {
    private static final long serialVersionUID = 1L;
    /** MongoDB's message for a write conflict inside a transaction (WriteConflictException::kMessage). */
    public static final String MESSAGE = "Write conflict during plan execution and yielding is disabled. :: "
            + "Please retry your operation or multi-document transaction.";

    public WriteConflictException() {
        super(ErrorCode.WRITE_CONFLICT, MESSAGE);
        withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
    }
}
