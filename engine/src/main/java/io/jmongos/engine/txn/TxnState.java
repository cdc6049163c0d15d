package io.jmongos.engine.txn;

/** Where a session's current txnNumber stands (mongod's TransactionParticipant states, simplified). */
public enum TxnState {
    /** No txnNumber used yet on this session. */
    NONE,
    /** The txnNumber belongs to retryable writes. */
    RETRYABLE,
    /** A multi-statement transaction is open. */
    IN_PROGRESS,
    COMMITTED,
    ABORTED
}
