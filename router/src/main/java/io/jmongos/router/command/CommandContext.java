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
}
