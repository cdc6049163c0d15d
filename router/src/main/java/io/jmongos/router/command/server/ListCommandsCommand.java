package io.jmongos.router.command.server;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code listCommands}: every registered command by canonical name, in MongoDB's shape. */
public final class ListCommandsCommand implements CommandHandler {
    @Override
    public String name() {
        return "listCommands";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonDocument commands = new BsonDocument();
        for (CommandHandler h : ctx.services().commands().handlers()) {
            commands.append(h.name(), new BsonDocument("help", new BsonString(""))
                    .append("requiresAuth", BsonBoolean.valueOf(h.spec().requiresAuth()))
                    .append("secondaryOk", BsonBoolean.TRUE)
                    .append("adminOnly", BsonBoolean.FALSE)
                    .append("apiVersions", new BsonArray())
                    .append("deprecatedApiVersions", new BsonArray()));
        }
        return new BsonDocument("commands", commands);
    }
}
