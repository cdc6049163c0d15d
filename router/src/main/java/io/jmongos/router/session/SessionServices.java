package io.jmongos.router.session;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.data.DataCommands;
import io.jmongos.router.command.session.SessionCommands;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.cursor.ClusterCursorManager;
import io.jmongos.router.cursor.CursorKillReason;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.ops.OperationCommands;
import io.jmongos.router.ops.OperationRegistry;
import io.jmongos.router.ops.OperationTrackingInterceptor;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.txn.RouterTransaction;
import io.jmongos.router.txn.TransactionRouter;

/**
 * Cursors, logical sessions, transactions and current operations of one router, and the single entry point
 * that wires them in: {@link #install(RouterServices)} registers the parameters, replaces the data-command
 * handlers, adds the session commands, the interceptors, the load-balancer disconnect listener and the
 * serverStatus sections, and starts the reapers. {@link #close()} stops the reapers.
 */
public final class SessionServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionServices.class);
    /** jmongos' own log id: cleanup after a load-balanced client disconnected. */
    static final int LOG_LB_CLEANUP = io.jmongos.router.log.LogIds.JMONGOS_BASE + 300;

    private final RouterServices router;
    private final ServerParameters params;
    private final LogicalClock clock = new LogicalClock();
    private final LogicalSessionCache cache;
    private final ClusterCursorManager cursors;
    private final TransactionRouter transactions;
    private final OperationRegistry operations = new OperationRegistry();
    private final SessionReapers reapers = new SessionReapers();
    private final LoadBalancerCleanupQueue cleanups = new LoadBalancerCleanupQueue(this);

    public SessionServices(RouterServices router) {
        this.router = router;
        this.params = router.parameters();
        SessionParameters.register(params);
        this.cache = new LogicalSessionCache(System::currentTimeMillis,
                () -> params.getInt(SessionParameters.MAX_SESSIONS));
        this.cursors = new ClusterCursorManager(System::currentTimeMillis);
        this.transactions = new TransactionRouter(System::currentTimeMillis, System::nanoTime);
        transactions.onTransactionEnd(this::killTransactionCursors);
    }

    /** Create the services of {@code router} and wire them in; call after the core commands are installed. */
    public static SessionServices install(RouterServices router) {
        SessionServices s = new SessionServices(router);
        DataCommands.install(router, s);
        SessionCommands.install(router, s);
        OperationCommands.install(router, s);
        router.interceptors().add(new ClusterTimeInterceptor(s.clock));
        router.interceptors().add(new SessionInterceptor(s));
        router.interceptors().add(new OperationTrackingInterceptor(s.operations));
        router.connectionListeners().add(new LoadBalancerDisconnectListener(s.cleanups));
        SessionStatusSections.register(router.serverStatus(), s);
        s.startReapers();
        return s;
    }

    private void startReapers() {
        reapers.start(
                () -> cursors.reapIdle(params.getLong(SessionParameters.CURSOR_TIMEOUT_MILLIS)),
                () -> params.getLong(SessionParameters.CLIENT_CURSOR_MONITOR_FREQUENCY_SECS) * 1000,
                () -> transactions.abortExpired(params.getLong(SessionParameters.TRANSACTION_LIFETIME_LIMIT_SECONDS)
                        * 1000),
                () -> params.getLong(SessionParameters.TRANSACTION_LIFETIME_LIMIT_SECONDS) * 1000,
                this::expireSessions,
                () -> params.getLong(SessionParameters.LOGICAL_SESSION_REFRESH_MILLIS));
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

    private void killTransactionCursors(RouterTransaction t) {
        cursors.killForTransaction(t.lsid(), t.txnNumber(), CursorKillReason.TRANSACTION_ENDED);
    }

    /**
     * Kill every cursor created on a closed load-balanced connection and abort every in-progress transaction
     * that ran a statement on it. Idempotent. Logs at INFO when it found anything (a command that finished on the
     * connection after it closed); the disconnect itself goes through {@link LoadBalancerCleanupQueue}, which logs
     * one line per batch.
     */
    public void cleanUpLoadBalancedConnection(ClientConnectionState conn) {
        Cleanup done = cleanUp(conn);
        if (done.cursorsKilled() > 0 || done.transactionsAborted() > 0) {
            StructuredLog.info(LOG, LOG_LB_CLEANUP, LogComponent.NETWORK,
                            "Cleaned up after load-balanced client disconnected")
                    .addKeyValue(StructuredLog.KEY_CTX, StructuredLog.connectionContext(conn.connectionId()))
                    .addKeyValue("connectionId", conn.connectionId())
                    .addKeyValue("remote", ClientConnectionState.format(conn.clientAddress()))
                    .addKeyValue("cursorsKilled", done.cursorsKilled())
                    .addKeyValue("transactionsAborted", done.transactionsAborted())
                    .log();
        }
    }

    /** What one connection's cleanup did. */
    record Cleanup(int cursorsKilled, int transactionsAborted) {
    }

    /**
     * Whether a closed load-balanced connection left anything to clean up: an open cursor created on it, or a
     * transaction that ran a statement on it. A command still running on it when it closed cleans up after itself
     * when it finishes, so "nothing now" is final.
     */
    boolean hasCleanupFor(ClientConnectionState conn) {
        return cursors.hasCursorsOfLoadBalancedConnection(conn.connectionId())
                || !LoadBalancerDisconnectListener.transactionsOf(conn).isEmpty();
    }

    /** The cleanup of {@link #cleanUpLoadBalancedConnection}, O(the connection's own cursors and transactions). */
    Cleanup cleanUp(ClientConnectionState conn) {
        return cleanUp(List.of(conn));
    }

    /**
     * The cleanup of several closed connections at once, O(their own cursors and transactions): their cursors are
     * killed first, the shard cursors among them with one killCursors per shard and namespace, then their
     * transactions are aborted (one abortTransaction per transaction and participant, as the protocol has it).
     */
    Cleanup cleanUp(List<ClientConnectionState> conns) {
        long[] ids = new long[conns.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = conns.get(i).connectionId();
        }
        int killed = cursors.killForLoadBalancedConnections(ids, CursorKillReason.LOAD_BALANCER_DISCONNECT);
        int aborted = 0;
        for (ClientConnectionState conn : conns) {
            aborted += abortTransactionsOf(conn);
        }
        if (LOG.isDebugEnabled() && (killed > 0 || aborted > 0)) {
            LOG.debug("cleaned up after load-balanced clients disconnected connectionIds={} cursorsKilled={} "
                    + "transactionsAborted={}", Arrays.toString(ids), killed, aborted);
        }
        return new Cleanup(killed, aborted);
    }

    /** Abort the in-progress transactions that ran a statement on {@code conn}; returns how many. */
    private int abortTransactionsOf(ClientConnectionState conn) {
        int aborted = 0;
        for (RouterTransaction t : LoadBalancerDisconnectListener.transactionsOf(conn)
                .toArray(new RouterTransaction[0])) {
            if (transactions.abortForLoadBalancerDisconnect(t)) {
                aborted++;
            }
        }
        return aborted;
    }

    /** No load-balancer disconnect cleanup is waiting or running (for tests). */
    boolean cleanupsIdle() {
        return cleanups.idle();
    }

    public RouterServices router() {
        return router;
    }

    public LogicalClock clock() {
        return clock;
    }

    public LogicalSessionCache cache() {
        return cache;
    }

    public ClusterCursorManager cursors() {
        return cursors;
    }

    public TransactionRouter transactions() {
        return transactions;
    }

    public OperationRegistry operations() {
        return operations;
    }

    public ServerParameters parameters() {
        return params;
    }

    @Override
    public void close() {
        reapers.close();
        cleanups.close();
    }
}
