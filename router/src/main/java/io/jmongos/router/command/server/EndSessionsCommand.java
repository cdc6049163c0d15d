package io.jmongos.router.command.server;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/**
 * {@code endSessions}: accepted and ignored until the logical-session service replaces this handler
 * (through {@code CommandRegistry.replace}).
 */
public final class EndSessionsCommand implements CommandHandler {
    @Override
    public String name() {
        return "endSessions";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        if (!command.isArray(name())) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH,
                    "BSON field 'endSessions.endSessions' is the wrong type, expected type 'array'");
        }
        return new BsonDocument();
    }
}
