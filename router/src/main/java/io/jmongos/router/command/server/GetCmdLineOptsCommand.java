package io.jmongos.router.command.server;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code getCmdLineOpts}: {@code {argv: [...], parsed: {...}}} as the server recorded them at startup. */
public final class GetCmdLineOptsCommand implements CommandHandler {
    @Override
    public String name() {
        return "getCmdLineOpts";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        AdminOnly.check(ctx, name());
        return ctx.services().cmdLineOpts().clone();
    }
}
