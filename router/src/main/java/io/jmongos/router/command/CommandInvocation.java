package io.jmongos.router.command;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;

/** The {@link CommandContext} of one request. */
final class CommandInvocation implements CommandContext {
    private final String db;
    private final ClientConnectionState connection;
    private final RouterServices services;
    private volatile long replyDelayMillis;

    CommandInvocation(String db, ClientConnectionState connection, RouterServices services) {
        this.db = db;
        this.connection = connection;
        this.services = services;
    }

    @Override
    public String db() {
        return db;
    }

    @Override
    public ClientConnectionState connection() {
        return connection;
    }

    @Override
    public RouterServices services() {
        return services;
    }

    @Override
    public void delayReply(long millis) {
        this.replyDelayMillis = Math.max(0, millis);
    }

    long replyDelayMillis() {
        return replyDelayMillis;
    }
}
