package io.jmongos.router.command.server;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code isdbgrid}: tells tools they talk to a mongos. */
public final class IsDbGridCommand implements CommandHandler {
    @Override
    public String name() {
        return "isdbgrid";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        return new BsonDocument("isdbgrid", new BsonInt32(1)).append("hostname", new BsonString(HostNames.hostName()));
    }
}
