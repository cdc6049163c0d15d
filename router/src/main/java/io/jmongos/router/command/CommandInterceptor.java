package io.jmongos.router.command;

import org.bson.BsonDocument;

/**
 * Wraps every command run: the session and transaction layer uses it to check out the logical
 * session ({@code lsid}), validate {@code txnNumber}/{@code autocommit}, and add {@code $clusterTime}
 * and {@code operationTime} to replies. Interceptors run in registration order, outermost first,
 * after the handshake checks and before the handler.
 */
public interface CommandInterceptor {
    /** The rest of the chain (further interceptors, then the handler). */
    interface Invocation {
        BsonDocument proceed(CommandContext ctx, BsonDocument command);
    }

    BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command, Invocation next);
}
