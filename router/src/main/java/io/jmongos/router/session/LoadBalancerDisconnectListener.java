package io.jmongos.router.session;

import java.util.Set;

import io.jmongos.router.conn.ClientConnectionState;
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
    /** Connection attribute: the set of transactions that ran a statement on the connection. */
    static final String TRANSACTIONS_ATTRIBUTE = "io.jmongos.session.transactions";
    /** Connection attribute: present once the connection closed. */
    static final String CLOSED_ATTRIBUTE = "io.jmongos.session.closed";

    private final LoadBalancerCleanupQueue cleanups;

    LoadBalancerDisconnectListener(LoadBalancerCleanupQueue cleanups) {
        this.cleanups = cleanups;
    }

    @Override
    public void connectionClosed(ClientConnectionState connection) {
        if (!connection.loadBalancerPort()) {
            return;
        }
        connection.attributes().put(CLOSED_ATTRIBUTE, Boolean.TRUE);
        cleanups.submit(connection);
    }

    /** The transactions that ran a statement on {@code connection} (empty when none did). */
    @SuppressWarnings("unchecked")
    static Set<RouterTransaction> transactionsOf(ClientConnectionState connection) {
        Object touched = connection.attributes().get(TRANSACTIONS_ATTRIBUTE);
        return touched instanceof Set<?> set ? (Set<RouterTransaction>) set : Set.of();
    }

    static boolean isClosed(ClientConnectionState connection) {
        return connection.attributes().containsKey(CLOSED_ATTRIBUTE);
    }
}
