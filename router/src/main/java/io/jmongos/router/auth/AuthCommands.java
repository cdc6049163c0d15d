package io.jmongos.router.auth;

import org.bson.BsonArray;
import org.bson.BsonDocument;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandRegistry;

/** Registers saslStart, saslContinue, logout, connectionStatus and the user management commands. */
final class AuthCommands {
    private AuthCommands() {
    }

    static void register(RouterServices services, AuthService auth) {
        CommandRegistry r = services.commands();
        r.register(new AuthCommand("saslStart", (ctx, cmd) -> auth.saslStart(ctx, ctx.db(), cmd, false)));
        r.register(new AuthCommand("saslContinue", auth::saslContinue));
        r.register(new AuthCommand("logout", (ctx, cmd) -> {
            ConnectionAuth.of(ctx.connection()).logout(ctx.db());
            return new BsonDocument();
        }));
        AuthCommand status = new AuthCommand("connectionStatus", AuthCommands::connectionStatus);
        if (r.lookup(status.name()).isPresent()) {
            r.replace(status);
        } else {
            r.register(status);
        }
        UserCommands users = new UserCommands(auth.store());
        r.register(new AuthCommand("createUser", users::createUser));
        r.register(new AuthCommand("updateUser", users::updateUser));
        r.register(new AuthCommand("dropUser", users::dropUser));
        r.register(new AuthCommand("usersInfo", users::usersInfo));
        r.register(new AuthCommand("grantRolesToUser", users::grantRoles));
        r.register(new AuthCommand("revokeRolesFromUser", users::revokeRoles));
    }

    /** {@code connectionStatus}: the users authenticated on this connection and their roles. */
    static BsonDocument connectionStatus(CommandContext ctx, BsonDocument command) {
        BsonArray users = new BsonArray();
        BsonArray roles = new BsonArray();
        for (AuthenticatedUser u : ConnectionAuth.of(ctx.connection()).users()) {
            users.add(new BsonDocument("user", new org.bson.BsonString(u.user()))
                    .append("db", new org.bson.BsonString(u.db())));
            u.roles().forEach(role -> roles.add(role.toBson()));
        }
        BsonDocument authInfo = new BsonDocument("authenticatedUsers", users).append("authenticatedUserRoles", roles);
        if (AuthService.isTrue(command.get("showPrivileges"))) {
            authInfo.append("authenticatedUserPrivileges", new BsonArray());
        }
        return new BsonDocument("authInfo", authInfo);
    }
}
