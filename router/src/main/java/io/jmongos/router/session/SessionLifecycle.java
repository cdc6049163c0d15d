package io.jmongos.router.session;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.cursor.ClusterCursorManager;
import io.jmongos.router.cursor.CursorKillReason;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.txn.TransactionRouter;

/**
 * The lives of logical sessions: the session cache, ending and killing sessions (with their cursors and
 * transaction), and the reapers that expire idle sessions, time out idle cursors and abort transactions past
 * {@code transactionLifetimeLimitSeconds}. {@link #close()} stops the reapers.
 */
public final class SessionLifecycle implements AutoCloseable {
    private final ServerParameters params;
    private final LogicalSessionCache cache;
    private final ClusterCursorManager cursors;
    private final TransactionRouter transactions;
    private final SessionReapers reapers = new SessionReapers();

    public SessionLifecycle(ServerParameters params, ClusterCursorManager cursors, TransactionRouter transactions) {
        this.params = params;
        this.cursors = cursors;
        this.transactions = transactions;
        this.cache = new LogicalSessionCache(System::currentTimeMillis,
                () -> params.getInt(SessionParameters.MAX_SESSIONS));
    }

    /** Start the cursor, transaction and session reapers (once, when the router starts serving). */
    public void startReapers() {
        reapers.start(
                () -> cursors.reapIdle(params.getLong(SessionParameters.CURSOR_TIMEOUT_MILLIS)),
                () -> params.getLong(SessionParameters.CLIENT_CURSOR_MONITOR_FREQUENCY_SECS) * 1000,
                () -> transactions.abortExpired(params.getLong(SessionParameters.TRANSACTION_LIFETIME_LIMIT_SECONDS)
                        * 1000),
                () -> params.getLong(SessionParameters.TRANSACTION_LIFETIME_LIMIT_SECONDS) * 1000,
                this::expireSessions,
                () -> params.getLong(SessionParameters.LOGICAL_SESSION_REFRESH_MILLIS));
    }

    public LogicalSessionCache cache() {
        return cache;
    }

    /** One session-cache refresh: sessions idle past the timeout end (their cursors and transaction too). */
    public int expireSessions() {
        long timeout = params.getLong(SessionParameters.LOGICAL_SESSION_TIMEOUT_MINUTES) * 60_000L;
        int n = 0;
        for (SessionRecord r : cache.expire(timeout)) {
            releaseSession(r.lsid(), ErrorCode.INTERRUPTED.codeName());
            n++;
        }
        return n;
    }

    /** endSessions/killSessions: forget the session, kill its cursors, abort its transaction. */
    public void endSession(LogicalSessionId lsid, String abortCause) {
        cache.remove(lsid);
        releaseSession(lsid, abortCause);
    }

    /** killAllSessions / killSessions with no ids: end every session, with its cursors and transaction. */
    public void endAllSessions(String abortCause) {
        cache.all().forEach(r -> endSession(r.lsid(), abortCause));
        transactions.inProgress().forEach(t -> endSession(t.lsid(), abortCause));
        cursors.snapshot().stream().filter(c -> c.origin().lsid() != null)
                .forEach(c -> endSession(c.origin().lsid(), abortCause));
    }

    private void releaseSession(LogicalSessionId lsid, String abortCause) {
        cursors.killForSession(lsid, CursorKillReason.SESSION_ENDED);
        transactions.sessionEnded(lsid, abortCause);
    }

    @Override
    public void close() {
        reapers.close();
    }
}
