package io.jmongos.router.auth;

import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
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
 * authentication". It also adds {@code saslSupportedMechs} and {@code speculativeAuthenticate} to hello replies.
 */
final class AuthorizationInterceptor implements CommandInterceptor {
    /** Commands whose requiresAuth() is false in MongoDB: the handshake, authentication, and a few diagnostics. */
    static final Set<String> BEFORE_AUTH = Set.of("hello", "isMaster", "ismaster", "saslStart", "saslContinue",
            "authenticate", "getnonce", "logout", "ping", "buildInfo", "buildinfo", "connectionStatus", "whatsmyuri",
            "endSessions");
    /** What the localhost exception allows before the first user exists (MongoDB: createUser, createRole). */
    static final Set<String> LOCALHOST_EXCEPTION = Set.of("createUser", "createRole");
    private static final Set<String> HELLO = Set.of("hello", "isMaster", "ismaster");

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
        BsonDocument reply = next.proceed(ctx, command);
        if (HELLO.contains(name) && (command.containsKey("saslSupportedMechs")
                || command.containsKey("speculativeAuthenticate"))) {
            return withHelloAuth(ctx, command, reply);
        }
        return reply;
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
