package io.jmongos.router.command.server;

import org.bson.BsonArray;
import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code connectionStatus}: jmongos has no authentication yet, so nobody is authenticated. */
public final class ConnectionStatusCommand implements CommandHandler {
    @Override
    public String name() {
        return "connectionStatus";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonDocument authInfo = new BsonDocument("authenticatedUsers", new BsonArray())
                .append("authenticatedUserRoles", new BsonArray());
        if (HelloCommand.isTrue(command.get("showPrivileges"))) {
            authInfo.append("authenticatedUserPrivileges", new BsonArray());
        }
        return new BsonDocument("authInfo", authInfo);
    }
}
