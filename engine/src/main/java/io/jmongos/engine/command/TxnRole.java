package io.jmongos.engine.command;

/** How a command relates to multi-statement transactions and retryable writes (mongod's rules). */
public enum TxnRole {
    /** Refused inside a transaction (263); a txnNumber without autocommit is refused (50768). */
    NOT_IN_TRANSACTION,
    /** Allowed inside a transaction; not a retryable write. */
    IN_TRANSACTION,
    /** Allowed inside a transaction, and retryable outside one (insert, update, delete, findAndModify). */
    RETRYABLE_WRITE,
    /** commitTransaction / abortTransaction. */
    TRANSACTION_CONTROL
}
