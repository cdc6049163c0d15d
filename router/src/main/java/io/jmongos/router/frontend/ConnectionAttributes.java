package io.jmongos.router.frontend;

import io.jmongos.router.conn.ClientConnectionState;
import io.netty.util.AttributeKey;

/** Channel attributes of client connections. */
public final class ConnectionAttributes {
    /** The connection's Netty-free state, set when the channel is initialised (before any handler runs). */
    public static final AttributeKey<ClientConnectionState> STATE =
            AttributeKey.valueOf(ConnectionAttributes.class, "STATE");

    private ConnectionAttributes() {
    }
}
