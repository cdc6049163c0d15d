package io.jmongos.router.conn;

/**
 * Told when client connections open and close. The load-balancer rules act here: when a connection
 * on the LB port closes, its cursors are killed and its transactions aborted at once. Called from
 * the frontend; implementations must not block (hand slow work to an executor).
 */
public interface ConnectionLifecycleListener {
    default void connectionOpened(ClientConnectionState connection) {
    }

    void connectionClosed(ClientConnectionState connection);
}
