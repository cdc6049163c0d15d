package io.jmongos.router.auth;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.wire.client.ClientAuthenticator;
import io.jmongos.wire.client.WireClientConnection;
import io.jmongos.wire.client.WireClientException;
import io.jmongos.wire.client.WireClientException.Kind;

/**
 * Authenticates a new connection with SCRAM-SHA-256 after its hello: saslStart and saslContinue on the user's
 * database, with {@code skipEmptyExchange}, the server's signature checked; salted passwords are kept per salt and
 * iteration count (MongoDB's client SCRAM cache, as the drivers keep one per credential), so only the first
 * connection pays for the PBKDF2 rounds. {@link #internal}: a shard or config server connection as
 * {@code __system@local} with the cluster key, as mongos and mongod do (internal_auth.cpp); when the server refuses
 * the first key and the key file holds a second, the second is tried (MongoDB's alternate key during a rotation).
 * {@link #user}: an ordinary user (the benchmark's connect-and-authenticate load). A refusal is HANDSHAKE_FAILED
 * with the server's message (for {@code __system}, with a hint that the key files differ); the caller (the shard
 * pool) then treats the host as unusable, logs it once and fails requests at once instead of waiting.
 */
public final class ScramClientAuthenticator implements ClientAuthenticator {
    /** The SASL mechanism of internal authentication (MongoDB 8: SCRAM-SHA-256 only), and of {@link #user}. */
    static final ScramMechanism MECHANISM = ScramMechanism.SHA_256;
    /** Rounds of one conversation: saslStart, then at most this many saslContinue before it must be done. */
    static final int MAX_CONTINUES = 2;
    /** What a refused {@code __system} usually means. */
    private static final String KEY_FILE_HINT = " (is its keyFile the same as this process's?)";

    private final String db;
    private final String user;
    private final List<String> keys;
    private final String refusalHint;
    private final SaltedPasswords salted = new SaltedPasswords();

    private ScramClientAuthenticator(String db, String user, List<String> keys, String refusalHint) {
        this.db = db;
        this.user = user;
        this.keys = List.copyOf(keys);
        this.refusalHint = refusalHint;
    }

    /** {@code __system@local} with the cluster's keys (the first, then the second of a rotation). */
    static ScramClientAuthenticator internal(List<String> keys) {
        return new ScramClientAuthenticator(InternalUser.DB, InternalUser.USER, keys, KEY_FILE_HINT);
    }

    /** {@code user} of {@code db} with {@code password}, SCRAM-SHA-256. */
    public static ScramClientAuthenticator user(String db, String user, String password) {
        return new ScramClientAuthenticator(db, user, List.of(password), "");
    }

    @Override
    public CompletableFuture<Void> authenticate(WireClientConnection connection, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return attempt(connection, 0, deadline);
    }

    private CompletableFuture<Void> attempt(WireClientConnection connection, int keyIndex, long deadline) {
        ScramClientConversation scram = new ScramClientConversation(MECHANISM, user, keys.get(keyIndex), salted);
        BsonDocument start = new BsonDocument("saslStart", new BsonInt32(1))
                .append("mechanism", new BsonString(MECHANISM.mechanismName()))
                .append("payload", new BsonBinary(scram.clientFirst()))
                .append("options", new BsonDocument("skipEmptyExchange", BsonBoolean.TRUE));
        CompletableFuture<Void> done = run(connection, start, deadline)
                .thenCompose(first -> {
                    BsonDocument next = saslContinue(first, scram.clientFinal(payload(first)));
                    return run(connection, next, deadline);
                })
                .thenCompose(last -> {
                    scram.verifyServerFinal(payload(last));
                    return finish(connection, last, deadline, MAX_CONTINUES - 1);
                });
        return done.handle((ignored, error) -> {
            if (error == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            WireClientException e = asWireError(connection, error);
            if (e.kind() == Kind.HANDSHAKE_FAILED && keyIndex + 1 < keys.size() && connection.isOpen()) {
                return attempt(connection, keyIndex + 1, deadline);
            }
            return CompletableFuture.<Void>failedFuture(e);
        }).thenCompose(f -> f);
    }

    /** Empty saslContinue rounds until the server says done (none with skipEmptyExchange). */
    private CompletableFuture<Void> finish(WireClientConnection connection, BsonDocument reply, long deadline,
                                           int roundsLeft) {
        if (isTrue(reply.get("done"))) {
            return CompletableFuture.completedFuture(null);
        }
        if (roundsLeft == 0) {
            throw new AuthenticationFailure("the server did not finish the SCRAM conversation");
        }
        return run(connection, saslContinue(reply, new byte[0]), deadline)
                .thenCompose(r -> finish(connection, r, deadline, roundsLeft - 1));
    }

    private static BsonDocument saslContinue(BsonDocument previous, byte[] payload) {
        BsonValue id = previous.get("conversationId");
        if (id == null || !id.isNumber()) {
            throw new AuthenticationFailure("the server's SASL reply has no conversationId");
        }
        return new BsonDocument("saslContinue", new BsonInt32(1)).append("conversationId", id)
                .append("payload", new BsonBinary(payload));
    }

    /** One command on the user's database; an error reply becomes an AuthenticationFailure with the server's words. */
    private CompletableFuture<BsonDocument> run(WireClientConnection connection, BsonDocument command,
                                                long deadline) {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        return connection.commandAsync(db, command, left).thenApply(reply -> {
            BsonValue ok = reply.get("ok");
            if (ok == null || !ok.isNumber() || ok.asNumber().doubleValue() != 1.0) {
                String message = reply.isString("errmsg") ? reply.getString("errmsg").getValue() : reply.toJson();
                String code = reply.isString("codeName") ? " (" + reply.getString("codeName").getValue() + ")" : "";
                throw new AuthenticationFailure(message + code);
            }
            return reply;
        });
    }

    private static byte[] payload(BsonDocument reply) {
        BsonValue p = reply.get("payload");
        if (p == null || !p.isBinary()) {
            throw new AuthenticationFailure("the server's SASL reply has no binary payload");
        }
        return p.asBinary().getData();
    }

    private static boolean isTrue(BsonValue v) {
        return v != null && v.isBoolean() && v.asBoolean().getValue();
    }

    private WireClientException asWireError(WireClientConnection connection, Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof WireClientException w) {
            return w;
        }
        String host = connection.remoteAddress() == null ? "the server"
                : connection.remoteAddress().getHostString() + ":" + connection.remoteAddress().getPort();
        if (t instanceof AuthenticationFailure) {
            return new WireClientException(Kind.HANDSHAKE_FAILED, "authentication as " + user + "@" + db + " to "
                    + host + " failed: " + t.getMessage() + refusalHint, t);
        }
        return new WireClientException(Kind.PROTOCOL, "authentication as " + user + "@" + db + " to " + host
                + " failed: " + t, t);
    }
}
