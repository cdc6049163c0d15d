package io.jmongos.router.ops;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.ErrorLabels;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;

/**
 * Records every command as an active operation while it runs (for currentOp) and honours killOp: an
 * operation killed while it ran ends with Interrupted (11601) instead of its result.
 */
public final class OperationTrackingInterceptor implements CommandInterceptor {
    private final OperationRegistry registry;

    public OperationTrackingInterceptor(OperationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command, Invocation next) {
        String name = command.isEmpty() ? handler.name() : command.getFirstKey();
        ActiveOperation op = registry.start(ClientInfo.of(ctx.connection()), name, ctx.db(), command, handler.spec());
        try {
            BsonDocument reply = next.proceed(ctx, command);
            if (op.killed()) {
                throw interrupted(op.session());
            }
            return reply;
        } finally {
            registry.finish(op);
        }
    }

    private static CommandFailedException interrupted(OperationSessionInfo session) {
        CommandFailedException e = new CommandFailedException(ErrorCode.INTERRUPTED, "operation was interrupted");
        if (session.inTransaction()) {
            e.withLabel(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
        }
        return e;
    }
}
