package io.jmongos.router.txn;

import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;
import io.jmongos.router.session.LogicalSessionId;

/** Transaction errors with MongoDB's codes and texts (mongos transaction_router, mongod transaction_participant). */
public final class TransactionErrors {
    /** ErrorCodes::ConflictingOperationInProgress. */
    public static final int CONFLICTING_OPERATION_IN_PROGRESS = 117;
    /** ErrorCodes::TransactionExceededLifetimeLimitSeconds: the abort cause of an expired transaction. */
    public static final int TRANSACTION_EXCEEDED_LIFETIME_LIMIT_SECONDS = 290;
    public static final String EXPIRED_CAUSE = "TransactionExceededLifetimeLimitSeconds";
    /** uassert 50940: a commit to recover without the recoveryToken that names the recovery shard. */
    public static final int NO_RECOVERY_TOKEN = 50940;
    /** mongos counts an explicit abortTransaction under this abortCause key. */
    public static final String EXPLICIT_ABORT_CAUSE = "abort";
    /** Codes that mark an error as transient for the whole transaction (the driver retries it). */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(ErrorCode.WRITE_CONFLICT.code(),
            ErrorCode.NO_SUCH_TRANSACTION.code(), ErrorCode.LOCK_TIMEOUT.code(), 246 /* SnapshotUnavailable */,
            267 /* PreparedTransactionInProgress */);

    private TransactionErrors() {
    }

    public static CommandFailedException tooOld(long txnNumber, long last, LogicalSessionId lsid) {
        return new CommandFailedException(ErrorCode.TRANSACTION_TOO_OLD, "txnNumber " + txnNumber
                + " is less than last txnNumber " + last + " seen in session " + lsid);
    }

    public static CommandFailedException alreadyStarted(long txnNumber, LogicalSessionId lsid) {
        return new CommandFailedException(CONFLICTING_OPERATION_IN_PROGRESS, "ConflictingOperationInProgress",
                "txnNumber " + txnNumber + " for session " + lsid + " already started");
    }

    public static CommandFailedException cannotContinue(long current, LogicalSessionId lsid, long txnNumber) {
        return noSuchTransaction("cannot continue txnId " + current + " for session " + lsid + " with txnId "
                + txnNumber);
    }

    public static CommandFailedException aborted(long txnNumber) {
        return noSuchTransaction("Transaction with { txnNumber: " + txnNumber + " } has been aborted.");
    }

    public static CommandFailedException committed(long txnNumber) {
        return new CommandFailedException(ErrorCode.TRANSACTION_COMMITTED,
                "Transaction with { txnNumber: " + txnNumber + " } has been committed.");
    }

    public static CommandFailedException noSuchTransaction(String message) {
        return new CommandFailedException(ErrorCode.NO_SUCH_TRANSACTION, message)
                .withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
    }

    public static CommandFailedException readConcernOnContinue() {
        return new CommandFailedException(ErrorCode.INVALID_OPTIONS,
                "Only the first command in a transaction may specify a readConcern");
    }

    public static CommandFailedException readConcernLevelNotAllowed() {
        return new CommandFailedException(ErrorCode.INVALID_OPTIONS, "The first command in a transaction cannot "
                + "specify a readConcern level other than local, majority, or snapshot");
    }

    public static boolean isTransient(int code) {
        return TRANSIENT_CODES.contains(code);
    }
}
