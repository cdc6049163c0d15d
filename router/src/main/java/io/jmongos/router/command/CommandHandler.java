package io.jmongos.router.command;

import java.util.List;

import org.bson.BsonDocument;

import io.jmongos.router.RouterServices;

/**
 * One command of the router. Registered by name and aliases in the {@link CommandRegistry}.
 * A handler returns the reply body (the framework adds {@code ok: 1} when absent, and
 * {@code $clusterTime}/{@code operationTime}); it signals errors by throwing
 * {@link io.jmongos.common.CommandFailedException}, which the framework turns into
 * {@code {ok: 0, errmsg, code, codeName}} in one place.
 */
public interface CommandHandler {
    /** The canonical command name, e.g. {@code "find"}. */
    String name();

    /** Other names the command answers to, e.g. {@code isMaster} for {@code hello}. */
    default List<String> aliases() {
        return List.of();
    }

    CommandSpec spec();

    /**
     * Whether this command, with these arguments, can run on the connection's I/O thread: it never waits (no
     * sleep, lock wait, awaitData or remote round trip) and its work is small and bounded (a point read, not a
     * scan). Such commands skip the hand-off to the worker pool and back. False unless a handler says so; the
     * interceptors can veto it ({@link CommandInterceptor#allowsInline}).
     *
     * @param services the router's services (which shard owns the data, ...)
     * @param command  the command document, {@code $db} included
     */
    default boolean runsInline(RouterServices services, BsonDocument command) {
        return false;
    }

    /**
     * Run the command.
     *
     * @param ctx     the connection, database and router services
     * @param command the command document: the OP_MSG body with kind-1 document sequences merged in as
     *                arrays under their identifiers; {@code $db} has already been read into {@code ctx.db()}
     */
    BsonDocument run(CommandContext ctx, BsonDocument command);
}
