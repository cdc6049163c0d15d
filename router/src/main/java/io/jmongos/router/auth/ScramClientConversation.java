package io.jmongos.router.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client side of one SCRAM conversation (RFC 5802, RFC 7677), as the drivers speak it to MongoDB: client-first
 * ({@code n,,n=user,r=nonce}), client-final with the proof, then the server's signature checked, so a server that
 * does not hold the same secret is detected too. The salted password comes from a {@link SaltedPasswords} cache:
 * deriving it is the expensive step (15,000 PBKDF2 rounds for SHA-256), and one server always sends the same salt.
 * Every refusal is an {@link AuthenticationFailure} with the reason.
 */
final class ScramClientConversation {
    /** Bytes of the client nonce (the drivers use 24 random bytes, base64). */
    static final int CLIENT_NONCE_BYTES = 24;
    /** Most PBKDF2 rounds accepted from a server: jmongos' guard (a million is about a second of CPU). */
    static final int MAX_ITERATIONS = 1_000_000;
    /** Longest server message accepted (a real one is under 300 bytes). */
    static final int MAX_MESSAGE_BYTES = ScramServerConversation.MAX_MESSAGE_BYTES;
    private static final String GS2_HEADER = "n,,";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScramMechanism mechanism;
    private final String password;
    private final SaltedPasswords cache;
    private final String clientFirstBare;
    private final String clientNonce;
    private byte[] expectedServerSignature;

    ScramClientConversation(ScramMechanism mechanism, String user, String password, SaltedPasswords cache) {
        this.mechanism = mechanism;
        this.password = mechanism.preparePassword(user, password);
        this.cache = cache;
        byte[] nonce = new byte[CLIENT_NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
        this.clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    /** The saslStart payload. */
    byte[] clientFirst() {
        return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** The server-first message in, the client-final (with the proof) out. */
    byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = text(serverFirstBytes);
        String nonce = attribute(serverFirst, 'r');
        String saltText = attribute(serverFirst, 's');
        String iterationText = attribute(serverFirst, 'i');
        if (nonce == null || saltText == null || iterationText == null) {
            throw new AuthenticationFailure("bad SCRAM server-first message");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new AuthenticationFailure("the server's SCRAM nonce does not extend the client's");
        }
        int iterations;
        byte[] salt;
        try {
            iterations = Integer.parseInt(iterationText);
            salt = Base64.getDecoder().decode(saltText);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailure("bad SCRAM server-first message: " + e.getMessage());
        }
        if (iterations < ScramMechanism.MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new AuthenticationFailure("SCRAM iteration count " + iterations + " is outside "
                    + ScramMechanism.MIN_ITERATIONS + " … " + MAX_ITERATIONS);
        }
        byte[] salted = cache.get(mechanism, password, salt, iterations);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] clientKey = mechanism.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] clientSignature = mechanism.hmac(mechanism.hash(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = mechanism.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        expectedServerSignature = mechanism.hmac(serverKey, authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the server-final message ({@code v=} the server's signature; {@code e=} an error). */
    void verifyServerFinal(byte[] serverFinalBytes) {
        String serverFinal = text(serverFinalBytes);
        String error = attribute(serverFinal, 'e');
        if (error != null) {
            throw new AuthenticationFailure("the server ended the SCRAM conversation: " + error);
        }
        String signature = attribute(serverFinal, 'v');
        byte[] got;
        try {
            got = signature == null ? null : Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            got = null;
        }
        if (got == null || expectedServerSignature == null || !MessageDigest.isEqual(got, expectedServerSignature)) {
            throw new AuthenticationFailure("the server's SCRAM signature does not verify: it does not hold the "
                    + "same secret");
        }
    }

    private static String text(byte[] payload) {
        if (payload.length > MAX_MESSAGE_BYTES) {
            throw new AuthenticationFailure("SCRAM message longer than " + MAX_MESSAGE_BYTES + " bytes");
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The value of {@code key=} in a comma-separated SCRAM message, or null. */
    private static String attribute(String message, char key) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == key && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        return null;
    }
}
