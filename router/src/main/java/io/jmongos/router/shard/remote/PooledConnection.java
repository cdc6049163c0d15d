package io.jmongos.router.shard.remote;

import io.jmongos.wire.client.WireClientConnection;

/** A connection owned by a {@link ShardConnectionPool}: checked out, idle, or retired (closed and uncounted). */
final class PooledConnection {
    enum State { IN_USE, IDLE, RETIRED }

    private final WireClientConnection connection;
    /** Guarded by the pool's lock. */
    State state;
    /** When it was last returned to the pool (System.nanoTime); guarded by the pool's lock. */
    long lastUsedNanos;

    PooledConnection(WireClientConnection connection, State state, long now) {
        this.connection = connection;
        this.state = state;
        this.lastUsedNanos = now;
    }

    WireClientConnection connection() {
        return connection;
    }
}
