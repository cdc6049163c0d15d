package io.jmongos.router.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.conn.ConnectionDecoration;
import io.jmongos.router.conn.ConnectionLifecycleListener;
import io.jmongos.router.txn.RouterTransaction;

/**
 * The load-balancer disconnect rule: when a connection that came through the load-balancer port closes,
 * every cursor created on it is killed and every transaction that ran a statement on it is aborted, at once.
 * The work is queued to the cleanup drainers ({@link LoadBalancerCleanupQueue}), never run on the event loop; the
 * connection is marked closed first, so a command still running on it cleans up again when it finishes (see
 * {@link SessionInterceptor}).
 */
public final class LoadBalancerDisconnectListener implements ConnectionLifecycleListener {
    /** The transactions that ran a statement on the connection (load-balanced connections only). */
    static final ConnectionDecoration<Set<RouterTransaction>> TRANSACTIONS = ConnectionDecoration.declare(
            "transactionsTouched", ConcurrentHashMap::newKeySet);
    /** Set once the connection closed. */
    static final ConnectionDecoration<Boolean> CLOSED = ConnectionDecoration.declareEmpty("closed");

    private final LoadBalancerCleanupQueue cleanups;

    LoadBalancerDisconnectListener(LoadBalancerCleanupQueue cleanups) {
        this.cleanups = cleanups;
    }

    @Override
    public void connectionClosed(ClientConnectionState connection) {
        if (!connection.loadBalancerPort()) {
            return;
        }
        connection.set(CLOSED, Boolean.TRUE);
        cleanups.submit(connection);
    }

    /** The transactions that ran a statement on {@code connection} (empty when none did). */
    static Set<RouterTransaction> transactionsOf(ClientConnectionState connection) {
        Set<RouterTransaction> touched = connection.peek(TRANSACTIONS);
        return touched == null ? Set.of() : touched;
    }

    static boolean isClosed(ClientConnectionState connection) {
        return connection.has(CLOSED);
    }
}
