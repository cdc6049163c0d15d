package io.jmongos.router.command.server;

import org.bson.BsonDocument;
import org.bson.BsonString;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.conn.ClientConnectionState;

/** {@code whatsmyuri}: {@code {you: "host:port"}}, the client's address (the PROXY source on the LB port). */
public final class WhatsMyUriCommand implements CommandHandler {
    @Override
    public String name() {
        return "whatsmyuri";
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
        return new BsonDocument("you", new BsonString(ClientConnectionState.format(ctx.connection().clientAddress())));
    }
}
