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

    /**
     * True while nothing can be recorded for this txnNumber yet: the command started it (the session's number
     * was lower, and the session is checked out, so no other command of it runs) and none of its own records
     * collided. Lookups are skipped then: a fresh retryable write (the usual case) costs no read.
     */
    private boolean fresh;

    RetryableWrite(SessionState session, long txnNumber, SessionRecords records, boolean fresh) {
        this.session = session;
        this.txnNumber = txnNumber;
        this.records = records;
        this.fresh = fresh;
    }

    /** The recorded result of {@code stmtId}, or null if it has not been executed. */
    public BsonDocument executed(int stmtId) {
        return fresh ? null : records.statement(session.key(), txnNumber, stmtId);
    }

    /**
     * Records {@code stmtId}'s result in the write's own storage transaction; false if a concurrent retry
     * recorded it first (the caller then rolls back and reports the recorded result).
     */
    public boolean record(StorageTxn txn, int stmtId, BsonDocument result) {
        records.saveSession(txn, session.key(), txnNumber, TxnState.RETRYABLE);
        if (records.saveStatement(txn, session.key(), txnNumber, stmtId, result)) {
            return true;
        }
        fresh = false; // e.g. a stmtId repeated in one batch: its recorded result must be read from now on
        return false;
    }
}
