package io.jmongos.engine.txn;

import java.util.concurrent.locks.ReentrantLock;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;
import org.bson.BsonDocument;

/**
 * One logical session as the shard sees it: the highest txnNumber used and what it was used for, and the
 * open transaction if any. A command checks the session out (its lock) for its whole run, so statements
 * of one session never run concurrently.
 */
public final class SessionState {
    private final BsonDocument lsid;
    private final byte[] key;
    private final ReentrantLock lock = new ReentrantLock();
    private long txnNumber = -1;
    private TxnState state = TxnState.NONE;
    private OpenTransaction open;
    private volatile long lastUsedNanos = System.nanoTime();

    SessionState(BsonDocument lsid, byte[] key) {
        this.lsid = lsid;
        this.key = key;
    }

    public BsonDocument lsid() {
        return lsid;
    }

    /** The encoded lsid, the prefix of this session's records. */
    public byte[] key() {
        return key;
    }

    ReentrantLock lock() {
        return lock;
    }

    public long txnNumber() {
        return txnNumber;
    }

    public TxnState state() {
        return state;
    }

    public OpenTransaction open() {
        return open;
    }

    void restore(long number, TxnState restored) {
        this.txnNumber = number;
        this.state = restored;
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    void set(long number, TxnState newState, OpenTransaction txn) {
        this.txnNumber = number;
        this.state = newState;
        this.open = txn;
    }

    void setState(TxnState newState) {
        this.state = newState;
        if (newState != TxnState.IN_PROGRESS) {
            this.open = null;
        }
    }

    /** 225 TransactionTooOld when {@code n} is below the session's txnNumber. */
    void checkNotTooOld(long n, boolean transaction) {
        if (n < txnNumber) {
            String what = transaction ? "transaction " : "retryable write with txnNumber ";
            throw new CommandFailedException(ErrorCode.TRANSACTION_TOO_OLD, "Cannot start " + what + n
                    + " on session " + describe() + " because a newer transaction " + txnNumber
                    + " has already started.");
        }
    }

    String describe() {
        return lsid.toJson();
    }

    static CommandFailedException noSuchTransaction(String message) {
        return new CommandFailedException(ErrorCode.NO_SUCH_TRANSACTION, message)
                .withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
    }
}
