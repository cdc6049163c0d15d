package io.jmongos.common;

/** Error labels drivers act on (MongoDB transactions and retryable-writes specifications). */
public final class ErrorLabels {
    public static final String TRANSIENT_TRANSACTION_ERROR = "TransientTransactionError";
    public static final String UNKNOWN_TRANSACTION_COMMIT_RESULT = "UnknownTransactionCommitResult";
    public static final String RETRYABLE_WRITE_ERROR = "RetryableWriteError";

    private ErrorLabels() {
    }
}
