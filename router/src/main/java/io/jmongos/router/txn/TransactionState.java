package io.jmongos.router.txn;

/** Life of a router transaction. */
public enum TransactionState {
    IN_PROGRESS,
    COMMITTED,
    ABORTED
}
