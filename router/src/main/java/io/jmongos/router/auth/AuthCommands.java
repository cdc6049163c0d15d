package io.jmongos.router.auth;

import org.bson.BsonDocument;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandRegistry;

/** Registers saslStart, saslContinue, logout, connectionStatus and the user and role management commands. */
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
        UserCommands users = new UserCommands(auth.store());
        r.register(new AuthCommand("createUser", users::createUser));
        r.register(new AuthCommand("updateUser", users::updateUser));
        r.register(new AuthCommand("dropUser", users::dropUser));
        r.register(new AuthCommand("usersInfo", users::usersInfo));
        r.register(new AuthCommand("grantRolesToUser", users::grantRoles));
        r.register(new AuthCommand("revokeRolesFromUser", users::revokeRoles));
        RoleCommands roles = new RoleCommands(auth.store());
        r.register(new AuthCommand("createRole", roles::createRole));
        r.register(new AuthCommand("dropRole", roles::dropRole));
        r.register(new AuthCommand("rolesInfo", roles::rolesInfo));
    }
}
