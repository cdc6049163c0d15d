package io.jmongos.router.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * One SCRAM credential as MongoDB stores it under {@code credentials.<mechanism>} of a user document:
 * {@code {iterationCount, salt, storedKey, serverKey}}, the last three base64. Never the password.
 */
public record ScramCredential(ScramMechanism mechanism, int iterationCount, byte[] salt, byte[] storedKey,
                              byte[] serverKey) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Derive a credential from a password with a fresh salt. */
    public static ScramCredential derive(ScramMechanism m, String user, String password, int iterations) {
        byte[] salt = new byte[m.saltLength()];
        RANDOM.nextBytes(salt);
        return derive(m, user, password, iterations, salt);
    }

    /** Derive a credential with a given salt (the internal user's keys share one). */
    static ScramCredential derive(ScramMechanism m, String user, String password, int iterations, byte[] salt) {
        byte[] salted = m.hi(m.preparePassword(user, password).getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = m.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = m.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramCredential(m, iterations, salt, m.hash(clientKey), serverKey);
    }

    /** The stored form. */
    public BsonDocument toBson() {
        Base64.Encoder b64 = Base64.getEncoder();
        return new BsonDocument("iterationCount", new BsonInt32(iterationCount))
                .append("salt", new BsonString(b64.encodeToString(salt)))
                .append("storedKey", new BsonString(b64.encodeToString(storedKey)))
                .append("serverKey", new BsonString(b64.encodeToString(serverKey)));
    }

    /** Read the stored form; null when the document lacks a field. */
    public static ScramCredential fromBson(ScramMechanism m, BsonDocument d) {
        if (d == null || !d.isNumber("iterationCount") || !d.isString("salt") || !d.isString("storedKey")
                || !d.isString("serverKey")) {
            return null;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new ScramCredential(m, d.getNumber("iterationCount").intValue(),
                b64.decode(d.getString("salt").getValue()), b64.decode(d.getString("storedKey").getValue()),
                b64.decode(d.getString("serverKey").getValue()));
    }
}
