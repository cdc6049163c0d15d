package io.jmongos.router.command.server;

import org.bson.BsonDocument;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code ping}: {@code {ok: 1}}. */
public final class PingCommand implements CommandHandler {
    @Override
    public String name() {
        return "ping";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    /** Runs on the I/O thread: answered from memory. */
    @Override
    public boolean runsInline(RouterServices services, BsonDocument command) {
        return true;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        return new BsonDocument();
    }
}
