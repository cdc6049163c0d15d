package io.jmongos.router.auth;

import java.util.List;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandInterceptor;

/**
 * The one place that decides whether a command may run: with {@code --auth}, a connection that has not
 * authenticated may run only the commands MongoDB lets run before authentication ({@link #BEFORE_AUTH}), and, under
 * the localhost exception, create the first user; anything else is 13 Unauthorized "Command X requires
 * authentication"; an authenticated one needs the privileges {@link CommandPrivileges} names (from its roles), else 13
 * "not authorized on db to execute command {...}". It also adds {@code saslSupportedMechs} and
 * {@code speculativeAuthenticate} to hello replies.
 */
final class AuthorizationInterceptor implements CommandInterceptor {
    /** Commands whose requiresAuth() is false in MongoDB: the handshake, authentication, and a few diagnostics. */
    static final Set<String> BEFORE_AUTH = Set.of("hello", "isMaster", "ismaster", "saslStart", "saslContinue",
            "authenticate", "getnonce", "logout", "ping", "buildInfo", "buildinfo", "connectionStatus", "whatsmyuri",
            "endSessions");
    /** What the localhost exception allows before the first user exists (MongoDB: createUser, createRole). */
    static final Set<String> LOCALHOST_EXCEPTION = Set.of("createUser", "createRole");
    private static final Set<String> HELLO = Set.of("hello", "isMaster", "ismaster");
    /** Fields never echoed in an error message. */
    private static final Set<String> REDACTED = Set.of("pwd", "payload");

    private final AuthService auth;

    AuthorizationInterceptor(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public BsonDocument intercept(CommandContext ctx, CommandHandler handler, BsonDocument command,
                                  Invocation next) {
        String name = handler.name();
        if (auth.enforced() && !BEFORE_AUTH.contains(name) && !ConnectionAuth.of(ctx.connection()).authenticated()
                && !(LOCALHOST_EXCEPTION.contains(name) && auth.localhostException(ctx.connection()))) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED, "Command " + name + " requires authentication");
        }
        Set<String> owners = Set.of();
        if (auth.enforced() && !BEFORE_AUTH.contains(name)) {
            checkPrivileges(ctx, name, command);
            owners = OwnershipChecks.names(ConnectionAuth.of(ctx.connection()).users());
            if (!owners.isEmpty()) {
                auth.ownership().before(name, ctx.db(), command, owners);
            }
        }
        BsonDocument reply = next.proceed(ctx, command);
        if (!owners.isEmpty() && reply != null) {
            auth.ownership().after(name, command, reply, owners);
        }
        if (HELLO.contains(name) && (command.containsKey("saslSupportedMechs")
                || command.containsKey("speculativeAuthenticate"))) {
            return withHelloAuth(ctx, command, reply);
        }
        return reply;
    }

    /** 13 Unauthorized with MongoDB's message unless one authenticated user holds every privilege needed. */
    private static void checkPrivileges(CommandContext ctx, String name, BsonDocument command) {
        List<AuthenticatedUser> users = ConnectionAuth.of(ctx.connection()).users();
        if (users.isEmpty()) {
            return; // the localhost exception let it through
        }
        for (RequiredPrivilege p : CommandPrivileges.required(name, ctx.db(), command, users)) {
            if (users.stream().noneMatch(u -> u.has(p))) {
                BsonDocument shown = new BsonDocument();
                command.forEach((k, v) -> shown.put(k, REDACTED.contains(k) ? new BsonString("###") : v));
                throw new CommandFailedException(ErrorCode.UNAUTHORIZED, "not authorized on " + ctx.db()
                        + " to execute command " + shown.toJson());
            }
        }
    }

    private BsonDocument withHelloAuth(CommandContext ctx, BsonDocument command, BsonDocument reply) {
        BsonDocument out = reply;
        if (reply instanceof RawBsonDocument) {
            out = new BsonDocument();
            out.putAll(reply);
        }
        if (command.isString("saslSupportedMechs")) {
            String full = command.getString("saslSupportedMechs").getValue();
            int dot = full.indexOf('.');
            if (dot > 0) {
                BsonArray mechs = auth.mechanisms(full.substring(0, dot), full.substring(dot + 1));
                if (mechs != null) {
                    out.put("saslSupportedMechs", mechs);
                }
            }
        }
        if (command.isDocument("speculativeAuthenticate")) {
            BsonDocument spec = command.getDocument("speculativeAuthenticate");
            if (spec.containsKey("saslStart") && spec.isString("db")) {
                try {
                    out.put("speculativeAuthenticate",
                            auth.saslStart(ctx, spec.getString("db").getValue(), spec, true));
                } catch (CommandFailedException e) {
                    // MongoDB: a failed speculative start is as if none was sent; the driver authenticates again.
                }
            }
        }
        return out;
    }
}
