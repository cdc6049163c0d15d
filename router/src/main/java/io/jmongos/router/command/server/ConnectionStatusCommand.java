package io.jmongos.router.command.server;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

import io.jmongos.router.auth.AuthenticatedUser;
import io.jmongos.router.auth.ConnectionAuth;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;

/** {@code connectionStatus}: the users authenticated on this connection and their roles. */
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
        BsonArray users = new BsonArray();
        BsonArray roles = new BsonArray();
        for (AuthenticatedUser u : ConnectionAuth.of(ctx.connection()).users()) {
            users.add(new BsonDocument("user", new BsonString(u.user())).append("db", new BsonString(u.db())));
            u.roles().forEach(role -> roles.add(role.toBson()));
        }
        BsonDocument authInfo = new BsonDocument("authenticatedUsers", users).append("authenticatedUserRoles", roles);
        if (HelloCommand.isTrue(command.get("showPrivileges"))) {
            authInfo.append("authenticatedUserPrivileges", new BsonArray());
        }
        return new BsonDocument("authInfo", authInfo);
    }
}
