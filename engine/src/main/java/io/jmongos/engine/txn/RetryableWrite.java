package io.jmongos.engine.txn;

import io.jmongos.engine.storage.StorageTxn;
import org.bson.BsonDocument;

/**
 * A write command running as a retryable write ({@code lsid + txnNumber}, no autocommit): each statement's
 * result is recorded with the write; a statement already recorded is not applied again.
 */
public final class RetryableWrite {
    private final SessionState session;
    private final long txnNumber;
    private final SessionRecords records;

    RetryableWrite(SessionState session, long txnNumber, SessionRecords records) {
        this.session = session;
        this.txnNumber = txnNumber;
        this.records = records;
    }

    /** The recorded result of {@code stmtId}, or null if it has not been executed. */
    public BsonDocument executed(int stmtId) {
        return records.statement(session.key(), txnNumber, stmtId);
    }

    /**
     * Records {@code stmtId}'s result in the write's own storage transaction; false if a concurrent retry
     * recorded it first (the caller then rolls back and reports the recorded result).
     */
    public boolean record(StorageTxn txn, int stmtId, BsonDocument result) {
        records.saveSession(txn, session.key(), txnNumber, TxnState.RETRYABLE);
        return records.saveStatement(txn, session.key(), txnNumber, stmtId, result);
    }
}
