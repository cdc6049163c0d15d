package io.jmongos.engine.txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.changes.ChangeRecorder;
import io.jmongos.engine.storage.RocksStore;
import org.bson.BsonDocument;

/**
 * The shard's sessions: checks a session out for a command, applies mongod's txnNumber rules (225
 * TransactionTooOld, 251 NoSuchTransaction, 256 TransactionCommitted), opens, commits and aborts the
 * storage transactions of multi-statement transactions, and hands out retryable-write contexts.
 */
public final class SessionCatalog {
    /**
     * Catalog work around a commit: before it, check the transaction's writes against the catalog (DDL since
     * its writes: conflict) and write its pending collections into it; after it, publish them.
     */
    public interface CommitCheck {
        void check(OpenTransaction txn);

        default void committed(OpenTransaction txn) {
        }

        /** The transaction ended (committed or aborted). */
        default void ended(OpenTransaction txn) {
        }
    }

    private final RocksStore store;
    private final SessionRecords records;
    private final CommitCheck commitCheck;
    private final Consumer<Set<Long>> cursorKiller;
    private final ConcurrentHashMap<String, SessionState> sessions = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong aborted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong expired = new java.util.concurrent.atomic.AtomicLong();

    public SessionCatalog(RocksStore store, CommitCheck commitCheck, Consumer<Set<Long>> cursorKiller) {
        this.store = store;
        this.records = new SessionRecords(store);
        this.commitCheck = commitCheck;
        this.cursorKiller = cursorKiller;
    }

    /** Locks the session for one command (waits for a command of the same session to finish). */
    public SessionState checkOut(BsonDocument lsid) {
        byte[] key = SessionRecords.sessionKey(lsid);
        String id = java.util.HexFormat.of().formatHex(key);
        while (true) {
            SessionState s = sessions.computeIfAbsent(id, k -> load(lsid, key));
            s.lock().lock();
            if (sessions.get(id) == s) {
                s.touch();
                return s;
            }
            s.lock().unlock(); // ended while we waited
        }
    }

    public void checkIn(SessionState s) {
        s.touch();
        s.lock().unlock();
    }

    private SessionState load(BsonDocument lsid, byte[] key) {
        SessionState s = new SessionState(lsid, key);
        BsonDocument saved = records.load(key);
        if (saved != null) {
            s.restore(saved.getInt64("txnNumber").getValue(), TxnState.valueOf(saved.getString("state").getValue()));
        }
        return s;
    }

    /**
     * The open transaction for a statement with {@code autocommit: false} (not commit/abort), starting one
     * when {@code startTransaction} is set.
     */
    public OpenTransaction transactionFor(SessionState s, long n, boolean start) {
        s.checkNotTooOld(n, true);
        if (start) {
            if (n == s.txnNumber() && s.state() != TxnState.NONE) {
                throw sameNumber(s, n);
            }
            abortOpen(s);
            OpenTransaction txn = new OpenTransaction(store.begin(false));
            s.set(n, TxnState.IN_PROGRESS, txn);
            started.incrementAndGet();
            return txn;
        }
        requireInProgress(s, n, false);
        return s.open();
    }

    private static CommandFailedException sameNumber(SessionState s, long n) {
        if (s.state() == TxnState.RETRYABLE) {
            return new CommandFailedException(50911, "Location50911", "Cannot start a transaction at given "
                    + "transaction number " + n + " a retryable write with the same number is already in progress.");
        }
        if (s.state() == TxnState.COMMITTED) {
            return new CommandFailedException(ErrorCode.TRANSACTION_COMMITTED, "Transaction " + n
                    + " has been committed.");
        }
        if (s.state() == TxnState.ABORTED) {
            return SessionState.noSuchTransaction("Transaction " + n + " has been aborted.");
        }
        return new CommandFailedException(117, "ConflictingOperationInProgress", "Cannot start transaction " + n
                + " on session " + s.describe() + " because a transaction with the same number is in progress.");
    }

    /** Throws unless transaction {@code n} is open; {@code commitRetry} lets a committed one through. */
    private static void requireInProgress(SessionState s, long n, boolean commitRetry) {
        if (n > s.txnNumber() || n == s.txnNumber() && (s.state() == TxnState.NONE
                || s.state() == TxnState.RETRYABLE)) {
            throw SessionState.noSuchTransaction("Given transaction number " + n
                    + " does not match any in-progress transactions. The active transaction number is "
                    + s.txnNumber());
        }
        if (s.state() == TxnState.ABORTED) {
            throw SessionState.noSuchTransaction("Transaction " + n + " has been aborted.");
        }
        if (s.state() == TxnState.COMMITTED && !commitRetry) {
            throw new CommandFailedException(ErrorCode.TRANSACTION_COMMITTED, "Transaction " + n
                    + " has been committed.");
        }
    }

    /** commitTransaction: commits transaction {@code n}; a retry of a committed one succeeds again. */
    public void commit(SessionState s, long n, boolean sync) {
        s.checkNotTooOld(n, true);
        requireInProgress(s, n, true);
        if (s.state() == TxnState.COMMITTED) {
            return;
        }
        OpenTransaction txn = s.open();
        try {
            commitCheck.check(txn);
            records.saveSession(txn.storage(), s.key(), n, TxnState.COMMITTED);
            ChangeRecorder.committingTransaction(txn.storage(), s.lsid(), n);
            txn.storage().commit();
            commitCheck.committed(txn);
            if (sync) {
                store.syncWal();
            }
        } catch (RuntimeException e) {
            abortOpen(s);
            throw e;
        }
        finish(s, txn, TxnState.COMMITTED);
    }

    /** abortTransaction for transaction {@code n}. */
    public void abort(SessionState s, long n) {
        s.checkNotTooOld(n, true);
        requireInProgress(s, n, false);
        abortOpen(s);
    }

    /** Aborts the session's open transaction, if any (a failed statement, a new transaction, session end). */
    public void abortOpen(SessionState s) {
        OpenTransaction txn = s.open();
        if (txn != null && s.state() == TxnState.IN_PROGRESS) {
            finish(s, txn, TxnState.ABORTED);
        }
    }

    private void finish(SessionState s, OpenTransaction txn, TxnState end) {
        s.setState(end);
        (end == TxnState.COMMITTED ? committed : aborted).incrementAndGet();
        try {
            cursorKiller.accept(Set.copyOf(txn.cursors()));
        } finally {
            try {
                txn.storage().close();
            } finally {
                commitCheck.ended(txn);
            }
        }
    }

    /** The context of a retryable write with txnNumber {@code n} (outside transactions). */
    public RetryableWrite retryable(SessionState s, long n) {
        s.checkNotTooOld(n, false);
        if (n == s.txnNumber() && s.state() != TxnState.RETRYABLE && s.state() != TxnState.NONE) {
            throw new CommandFailedException(ErrorCode.INCOMPLETE_TRANSACTION_HISTORY, "Cannot run a retryable "
                    + "write with txnNumber " + n + " on session " + s.describe()
                    + " because it was used by a multi-document transaction");
        }
        boolean fresh = n > s.txnNumber();
        if (fresh) {
            abortOpen(s);
            s.set(n, TxnState.RETRYABLE, null);
        }
        return new RetryableWrite(s, n, records, fresh);
    }

    /** endSessions/killSessions: aborts the session's transaction and forgets its in-memory state. */
    public void end(BsonDocument lsid) {
        String id = java.util.HexFormat.of().formatHex(SessionRecords.sessionKey(lsid));
        SessionState s = sessions.get(id);
        if (s != null) {
            s.lock().lock();
            try {
                abortOpen(s);
                sessions.remove(id, s);
            } finally {
                s.lock().unlock();
            }
        }
    }

    /**
     * killAllSessionsByPattern: ends every session whose lsid {@code matches} (as {@link #end}).
     *
     * @return how many were ended
     */
    public int endMatching(java.util.function.Predicate<BsonDocument> matches) {
        int n = 0;
        for (SessionState s : new ArrayList<>(sessions.values())) {
            if (matches.test(s.lsid())) {
                end(s.lsid());
                n++;
            }
        }
        return n;
    }

    /** Forgets sessions idle longer than {@code idleNanos} without an open transaction. */
    public void reapIdle(long idleNanos) {
        long now = System.nanoTime();
        for (var e : sessions.entrySet()) {
            SessionState s = e.getValue();
            if (now - s.lastUsedNanos() > idleNanos && s.state() != TxnState.IN_PROGRESS && s.lock().tryLock()) {
                try {
                    sessions.remove(e.getKey(), s);
                } finally {
                    s.lock().unlock();
                }
            }
        }
    }

    /**
     * Aborts every open transaction that started more than {@code lifetimeNanos} ago (mongod's
     * transactionLifetimeLimitSeconds reaper). A session running a command now is left for the next pass.
     *
     * @return how many were aborted
     */
    public int abortExpired(long lifetimeNanos) {
        long now = System.nanoTime();
        int n = 0;
        for (SessionState s : sessions.values()) {
            OpenTransaction txn = s.open();
            if (s.state() != TxnState.IN_PROGRESS || txn == null || now - txn.startedNanos() <= lifetimeNanos
                    || !s.lock().tryLock()) {
                continue;
            }
            try {
                if (s.state() == TxnState.IN_PROGRESS && s.open() == txn) {
                    abortOpen(s);
                    expired.incrementAndGet();
                    n++;
                }
            } finally {
                s.lock().unlock();
            }
        }
        return n;
    }

    /**
     * Aborts every open transaction that wrote to (or created a collection in) database {@code db}: a shard leaving
     * the primary role of that database (movePrimary's critical section) must not commit them after its data was
     * copied. Waits for a command of such a session that is running now.
     *
     * @return how many were aborted
     */
    public int abortWritersOf(String db) {
        int n = 0;
        for (SessionState s : new ArrayList<>(sessions.values())) {
            OpenTransaction txn = s.open();
            if (s.state() != TxnState.IN_PROGRESS || txn == null || !writes(txn, db)) {
                continue;
            }
            s.lock().lock();
            try {
                if (s.state() == TxnState.IN_PROGRESS && s.open() == txn) {
                    abortOpen(s);
                    n++;
                }
            } finally {
                s.lock().unlock();
            }
        }
        return n;
    }

    private static boolean writes(OpenTransaction txn, String db) {
        return txn.written().keySet().stream().anyMatch(ns -> ns.db().equals(db))
                || txn.pending().keySet().stream().anyMatch(ns -> ns.db().equals(db));
    }

    /** Transactions started, committed, aborted (any cause) and aborted by {@link #abortExpired}, since start. */
    public long[] totals() {
        return new long[] {started.get(), committed.get(), aborted.get(), expired.get()};
    }

    /** Sessions with a transaction open and no command running now ({@code $currentOp}'s idle sessions). */
    public List<io.jmongos.engine.EngineTransactionInfo> idleTransactions() {
        long now = System.nanoTime();
        List<io.jmongos.engine.EngineTransactionInfo> out = new ArrayList<>();
        for (SessionState s : sessions.values()) {
            OpenTransaction txn = s.open();
            if (s.state() == TxnState.IN_PROGRESS && txn != null && !s.lock().isLocked()) {
                out.add(new io.jmongos.engine.EngineTransactionInfo(s.lsid(), s.txnNumber(),
                        now - txn.startedNanos()));
            }
        }
        return out;
    }

    /** Open transactions (for stats). */
    public int openTransactions() {
        int n = 0;
        for (SessionState s : sessions.values()) {
            if (s.state() == TxnState.IN_PROGRESS) {
                n++;
            }
        }
        return n;
    }

    /** Aborts every open transaction (engine shutdown). */
    public void closeAll() {
        List<SessionState> all = new ArrayList<>(sessions.values());
        for (SessionState s : all) {
            s.lock().lock();
            try {
                abortOpen(s);
            } finally {
                s.lock().unlock();
            }
        }
        sessions.clear();
    }
}
