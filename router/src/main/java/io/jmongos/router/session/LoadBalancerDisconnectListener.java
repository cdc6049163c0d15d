package io.jmongos.router.session;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.conn.ConnectionLifecycleListener;

/**
 * The load-balancer disconnect rule: when a connection that came through the load-balancer port closes,
 * every cursor created on it is killed and every transaction that ran a statement on it is aborted, at once.
 * The work runs on an executor, never on the event loop; the connection is marked closed first, so a command
 * still running on it cleans up again when it finishes (see {@link SessionInterceptor}).
 */
public final class LoadBalancerDisconnectListener implements ConnectionLifecycleListener {
    /** Connection attribute: the set of transactions that ran a statement on the connection. */
    static final String TRANSACTIONS_ATTRIBUTE = "io.jmongos.session.transactions";
    /** Connection attribute: present once the connection closed. */
    static final String CLOSED_ATTRIBUTE = "io.jmongos.session.closed";

    private final SessionServices sessions;
    private final Executor executor;

    public LoadBalancerDisconnectListener(SessionServices sessions, Executor executor) {
        this.sessions = sessions;
        this.executor = executor;
    }

    @Override
    public void connectionClosed(ClientConnectionState connection) {
        if (!connection.loadBalancerPort()) {
            return;
        }
        connection.attributes().put(CLOSED_ATTRIBUTE, Boolean.TRUE);
        try {
            executor.execute(() -> sessions.cleanUpLoadBalancedConnection(connection));
        } catch (RejectedExecutionException e) {
            sessions.cleanUpLoadBalancedConnection(connection); // shutting down: do it here rather than never
        }
    }

    static boolean isClosed(ClientConnectionState connection) {
        return connection.attributes().containsKey(CLOSED_ATTRIBUTE);
    }
}
