package io.jmongos.router.command;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;

/** What a handler may know about the request it runs: never a Netty type. */
public interface CommandContext {
    /** The database from {@code $db} (or the OP_QUERY namespace). */
    String db();

    /** The connection the command arrived on. */
    ClientConnectionState connection();

    /** The router's shared services (shards, cursors, sessions, transactions, parameters, stats). */
    RouterServices services();

    /**
     * Ask the frontend to hold the reply back for {@code millis} without blocking a thread (the awaitable
     * hello of the server monitoring protocol). Later requests of the connection wait behind it.
     */
    default void delayReply(long millis) {
    }
}
