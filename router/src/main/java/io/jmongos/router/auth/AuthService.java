package io.jmongos.router.auth;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/**
 * Authentication for the router: SCRAM conversations (saslStart, saslContinue, speculative authentication in
 * hello), the users' credentials from {@link UserStore}, and whether {@code --auth} is on. {@link #install} registers
 * the commands and the interceptor.
 */
public final class AuthService {
    /** MongoDB's reply to every failed authentication (AuthorizationManager::authenticationFailedStatus). */
    static final String AUTHENTICATION_FAILED = "Authentication failed.";
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    private final RouterServices services;
    private final UserStore store;
    private final boolean enforced;
    private final InternalAuthKeys internal;
    private final OwnershipChecks ownership;

    AuthService(RouterServices services, UserStore store, boolean enforced, InternalAuthKeys internal) {
        this.services = services;
        this.store = store;
        this.enforced = enforced;
        this.internal = internal;
        this.ownership = new OwnershipChecks(services.parameters());
    }

    OwnershipChecks ownership() {
        return ownership;
    }

    /** {@link #install(RouterServices, boolean, InternalAuthKeys)} without a key file. */
    public static AuthService install(RouterServices services, boolean authorization) {
        return install(services, authorization, null);
    }

    /**
     * Register the authentication and user commands and the authorization interceptor (outermost).
     *
     * @param authorization {@code --auth} / {@code security.authorization: enabled}
     * @param internal      the {@code --keyFile} keys, or null; with them {@code __system@local} may authenticate,
     *                      and authorization is on whatever {@code authorization} says (as in mongod and mongos, a
     *                      key file implies access control)
     */
    public static AuthService install(RouterServices services, boolean authorization, InternalAuthKeys internal) {
        UserStore users = new UserStore(() -> services.routing().route(UserStore.DB, true).primary());
        AuthService auth = new AuthService(services, users, authorization || internal != null, internal);
        AuthCommands.register(services, auth);
        services.interceptors().add(0, new AuthorizationInterceptor(auth));
        return auth;
    }

    public boolean enforced() {
        return enforced;
    }

    UserStore store() {
        return store;
    }

    /** The localhost exception: auth on, no user yet, the client (the PROXY source on the LB port) is loopback. */
    boolean localhostException(ClientConnectionState conn) {
        InetSocketAddress a = conn.clientAddress();
        return enforced && services.parameters().get(AuthParameters.ENABLE_LOCALHOST_AUTH_BYPASS).asBoolean()
                .getValue() && a.getAddress() != null && a.getAddress().isLoopbackAddress() && !store.anyUser();
    }

    /** {@code saslStart} (also the speculative one in hello, where {@code db} comes from the document). */
    BsonDocument saslStart(CommandContext ctx, String db, BsonDocument command, boolean speculative) {
        ConnectionAuth auth = ConnectionAuth.of(ctx.connection());
        String mechanismName = command.isString("mechanism") ? command.getString("mechanism").getValue() : "";
        ScramMechanism m = ScramMechanism.of(mechanismName);
        if (m == null) {
            throw new CommandFailedException(ErrorCode.MECHANISM_UNAVAILABLE,
                    "Received authentication for mechanism " + mechanismName + " which is not enabled");
        }
        boolean skipEmpty = command.isDocument("options")
                && isTrue(command.getDocument("options").get("skipEmptyExchange"));
        ScramServerConversation c = new ScramServerConversation(m, db, u -> credential(db, u, m), skipEmpty);
        auth.start(c, speculative);
        return step(ctx, auth, c, payload(command));
    }

    /** {@code saslContinue}. */
    BsonDocument saslContinue(CommandContext ctx, BsonDocument command) {
        ConnectionAuth auth = ConnectionAuth.of(ctx.connection());
        ScramServerConversation c = auth.conversation();
        if (c == null) {
            throw new CommandFailedException(ErrorCode.PROTOCOL_ERROR, "No SASL session state found");
        }
        if (!command.isNumber("conversationId") || command.getNumber("conversationId").intValue() != 1) {
            throw new CommandFailedException(ErrorCode.PROTOCOL_ERROR, "sasl: Mismatched conversation id");
        }
        return step(ctx, auth, c, payload(command));
    }

    private BsonDocument step(CommandContext ctx, ConnectionAuth auth, ScramServerConversation c, byte[] in) {
        byte[] out;
        try {
            out = c.step(in);
        } catch (AuthenticationFailure e) {
            auth.endConversation();
            logAttempt(ctx.connection(), c, auth.speculative(), e.getMessage());
            ctx.delayReply(services.parameters().getInt(AuthParameters.AUTH_FAILED_DELAY_MS));
            throw new CommandFailedException(ErrorCode.AUTHENTICATION_FAILED, AUTHENTICATION_FAILED);
        }
        if (c.done() && internal != null && InternalUser.is(c.db(), c.user())) {
            auth.endConversation();
            auth.add(InternalUser.authenticated());
            logAttempt(ctx.connection(), c, auth.speculative(), null);
        } else if (c.done()) {
            auth.endConversation();
            BsonDocument user = store.user(c.db(), c.user());
            List<RoleName> roles = roles(user);
            String unmet = restrictionsUnmet(user, roles, ctx.connection());
            if (unmet != null) {
                logAttempt(ctx.connection(), c, auth.speculative(), "AuthenticationRestrictionsUnmet: " + unmet);
                ctx.delayReply(services.parameters().getInt(AuthParameters.AUTH_FAILED_DELAY_MS));
                throw new CommandFailedException(ErrorCode.AUTHENTICATION_FAILED, AUTHENTICATION_FAILED);
            }
            auth.add(new AuthenticatedUser(c.user(), c.db(), roles, RoleResolver.privileges(store, roles)));
            logAttempt(ctx.connection(), c, auth.speculative(), null);
        }
        return new BsonDocument("conversationId", new BsonInt32(1)).append("done", BsonBoolean.valueOf(c.done()))
                .append("payload", new BsonBinary(out));
    }

    /** The user's and its custom roles' authenticationRestrictions, checked against the real client address. */
    private String restrictionsUnmet(BsonDocument user, List<RoleName> roles, ClientConnectionState conn) {
        String why = AuthenticationRestrictions.unmet(user, conn);
        for (RoleName r : roles) {
            if (why == null && !BuiltinRoles.isBuiltin(r)) {
                why = AuthenticationRestrictions.unmet(store.role(r.db(), r.role()), conn);
            }
        }
        return why;
    }

    /** The user's credential for {@code m} (the internal user: one per key); empty when unknown. */
    private List<ScramCredential> credential(String db, String user, ScramMechanism m) {
        if (InternalUser.is(db, user)) {
            return internal == null ? List.of() : internal.credentials(m);
        }
        BsonDocument doc = store.user(db, user);
        if (doc == null || !doc.isDocument("credentials")) {
            return List.of();
        }
        ScramCredential c = ScramCredential.fromBson(m, doc.getDocument("credentials")
                .getDocument(m.mechanismName(), null));
        return c == null ? List.of() : List.of(c);
    }

    /** The mechanisms a user has credentials for, or null when there is no such user. */
    BsonArray mechanisms(String db, String user) {
        if (InternalUser.is(db, user)) {
            return internal == null ? null : new BsonArray(List.of(
                    new org.bson.BsonString(ScramClientAuthenticator.MECHANISM.mechanismName())));
        }
        BsonDocument doc = store.user(db, user);
        if (doc == null) {
            return null;
        }
        BsonArray out = new BsonArray();
        if (doc.isDocument("credentials")) {
            doc.getDocument("credentials").keySet().forEach(k -> out.add(new org.bson.BsonString(k)));
        }
        return out;
    }

    static List<RoleName> roles(BsonDocument user) {
        List<RoleName> out = new ArrayList<>();
        if (user != null && user.isArray("roles")) {
            for (BsonValue v : user.getArray("roles")) {
                out.add(RoleName.parse(v, user.getString("db").getValue()));
            }
        }
        return out;
    }

    private static void logAttempt(ClientConnectionState conn, ScramServerConversation c, boolean speculative,
                                   String error) {
        var b = error == null
                ? StructuredLog.info(LOG, LogIds.AUTHENTICATION_SUCCEEDED, LogComponent.ACCESS,
                        "Authentication succeeded")
                : StructuredLog.info(LOG, LogIds.AUTHENTICATION_FAILED, LogComponent.ACCESS,
                        "Authentication failed");
        b.addKeyValue(StructuredLog.KEY_CTX, conn.logContext())
                .addKeyValue("mechanism", c.mechanism().mechanismName())
                .addKeyValue("speculative", speculative)
                .addKeyValue("principalName", c.user())
                .addKeyValue("authenticationDatabase", c.db())
                .addKeyValue("remote", conn.clientAddressText());
        if (conn.proxyAddressText() != null) {
            b.addKeyValue("proxy", conn.proxyAddressText());
        }
        b.addKeyValue("extraInfo", new BsonDocument());
        if (error != null) {
            b.addKeyValue("error", error);
        }
        b.log();
    }

    private static byte[] payload(BsonDocument command) {
        BsonValue p = command.get("payload");
        if (p != null && p.isBinary()) {
            return p.asBinary().getData();
        }
        if (p != null && p.isString()) {
            return java.util.Base64.getDecoder().decode(p.asString().getValue());
        }
        throw new CommandFailedException(ErrorCode.BAD_VALUE, "Missing required field: payload");
    }

    static boolean isTrue(BsonValue v) {
        return v != null && (v.isBoolean() ? v.asBoolean().getValue() : v.isNumber() && v.asNumber().intValue() != 0);
    }
}
