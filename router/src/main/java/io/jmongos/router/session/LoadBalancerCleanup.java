package io.jmongos.router.session;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.conn.ConnectionLifecycleListener;
import io.jmongos.router.cursor.ClusterCursorManager;
import io.jmongos.router.cursor.CursorKillReason;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.txn.RouterTransaction;
import io.jmongos.router.txn.TransactionRouter;

/**
 * The load-balancer disconnect rule's work: every cursor created on a closed load-balanced connection is killed
 * (its shard cursors on whichever shards they are) and every in-progress transaction that ran a statement on it
 * is aborted at all its participants, cause {@code Interrupted}. Closed connections are queued to the drainers
 * ({@link LoadBalancerCleanupQueue}) by the {@link #listener()}; a command that finishes on a connection that has
 * already closed cleans up after it again ({@link #cleanUpLoadBalancedConnection}).
 */
public final class LoadBalancerCleanup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancerCleanup.class);
    /** jmongos' own log id: cleanup after a load-balanced client disconnected. */
    static final int LOG_LB_CLEANUP = LogIds.JMONGOS_BASE + 300;

    private final ClusterCursorManager cursors;
    private final TransactionRouter transactions;
    private final LoadBalancerCleanupQueue queue = new LoadBalancerCleanupQueue(this);
    private final LoadBalancerDisconnectListener listener = new LoadBalancerDisconnectListener(queue);

    private volatile LongConsumer cleanupLatency = nanos -> { };

    public LoadBalancerCleanup(ClusterCursorManager cursors, TransactionRouter transactions) {
        this.cursors = cursors;
        this.transactions = transactions;
    }

    /** Told each cleanup's latency in nanoseconds, from the queueing at close to its end (the metrics). */
    public void onCleanupLatency(LongConsumer observer) {
        this.cleanupLatency = observer;
    }

    LongConsumer cleanupLatency() {
        return cleanupLatency;
    }

    /** The connection listener that queues closed load-balanced connections for cleanup. */
    public ConnectionLifecycleListener listener() {
        return listener;
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

    /**
     * Whether a graceful drain waits for this load-balanced connection: it has an open cursor created on it or an
     * in-progress transaction that ran a statement on it (the connection its driver has pinned).
     */
    public boolean holdsDrainWork(ClientConnectionState conn) {
        if (cursors.hasCursorsOfLoadBalancedConnection(conn.connectionId())) {
            return true;
        }
        for (RouterTransaction t : LoadBalancerDisconnectListener.transactionsOf(conn)) {
            if (t.inProgress()) {
                return true;
            }
        }
        return false;
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
        return queue.idle();
    }

    @Override
    public void close() {
        queue.close();
    }
}
