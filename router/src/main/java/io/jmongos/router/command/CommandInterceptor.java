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

    /**
     * Whether a command its handler would run inline ({@link CommandHandler#runsInline}) may still run on the I/O
     * thread once this interceptor wraps it: false when the interceptor itself may wait (a fail point's block).
     */
    default boolean allowsInline(CommandHandler handler, BsonDocument command) {
        return true;
    }

    BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command, Invocation next);
}
