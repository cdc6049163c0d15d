package io.jmongos.router.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The server side of one SCRAM conversation (RFC 5802): client-first -> server-first (combined nonce, salt,
 * iterations), client-final -> server-final ({@code v=} server signature), then, unless the client asked for
 * {@code skipEmptyExchange}, MongoDB's extra empty round. Any failure is an {@link AuthenticationFailure} whose
 * reason goes to the log only; the client is told "Authentication failed.".
 */
final class ScramServerConversation {
    /** Bytes of the server's nonce part (MongoDB: 24 random bytes, base64). */
    static final int SERVER_NONCE_BYTES = 24;
    /** Longest SCRAM message accepted (a real one is under 300 bytes). */
    static final int MAX_MESSAGE_BYTES = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Step { FIRST, FINAL, EMPTY, DONE }

    private final ScramMechanism mechanism;
    private final String db;
    private final Function<String, List<ScramCredential>> credentials;
    private final boolean skipEmptyExchange;
    private Step step = Step.FIRST;
    private String user;
    /** The candidates (one for a user; one per key for {@code __system}), all with the same salt and count. */
    private List<ScramCredential> candidates;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String gs2Header;

    /**
     * @param credentials user name to its credentials for this mechanism on {@code db} (one for a user; the
     *                    internal user has one per key, sharing a salt), empty or null when unknown
     */
    ScramServerConversation(ScramMechanism mechanism, String db, Function<String, List<ScramCredential>> credentials,
                            boolean skipEmptyExchange) {
        this.mechanism = mechanism;
        this.db = db;
        this.credentials = credentials;
        this.skipEmptyExchange = skipEmptyExchange;
    }

    ScramMechanism mechanism() {
        return mechanism;
    }

    String db() {
        return db;
    }

    /** The user named so far ("" before the first message). */
    String user() {
        return user == null ? "" : user;
    }

    boolean done() {
        return step == Step.DONE;
    }

    /** One step: the client's payload in, the server's payload out. */
    byte[] step(byte[] payload) {
        if (payload.length > MAX_MESSAGE_BYTES) {
            throw new AuthenticationFailure("SCRAM message longer than " + MAX_MESSAGE_BYTES + " bytes");
        }
        String in = new String(payload, StandardCharsets.UTF_8);
        return switch (step) {
            case FIRST -> first(in);
            case FINAL -> last(in);
            case EMPTY -> {
                step = Step.DONE;
                yield new byte[0];
            }
            case DONE -> throw new AuthenticationFailure("SCRAM conversation already finished");
        };
    }

    private byte[] first(String in) {
        // gs2-header: "n,," or "y,," (no channel binding); an authzid ("a=") must name the same user.
        int second = in.indexOf(',', in.indexOf(',') + 1);
        if (second < 0 || !(in.startsWith("n,") || in.startsWith("y,"))) {
            throw new AuthenticationFailure(in.startsWith("p=") ? "channel binding is not supported"
                    : "bad SCRAM client-first message");
        }
        gs2Header = in.substring(0, second + 1);
        clientFirstBare = in.substring(second + 1);
        String name = attribute(clientFirstBare, 'n');
        String clientNonce = attribute(clientFirstBare, 'r');
        if (name == null || clientNonce == null || clientNonce.isEmpty()) {
            throw new AuthenticationFailure("bad SCRAM client-first message");
        }
        user = name.replace("=2C", ",").replace("=3D", "=");
        candidates = credentials.apply(user);
        if (candidates == null || candidates.isEmpty()) {
            throw new AuthenticationFailure("UserNotFound: Could not find user \"" + user + "\" for db \"" + db
                    + "\"");
        }
        byte[] serverNonce = new byte[SERVER_NONCE_BYTES];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        ScramCredential first = candidates.get(0);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(first.salt()) + ",i="
                + first.iterationCount();
        step = Step.FINAL;
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] last(String in) {
        int p = in.lastIndexOf(",p=");
        if (p < 0) {
            throw new AuthenticationFailure("SCRAM client-final message has no proof");
        }
        String withoutProof = in.substring(0, p);
        String binding = attribute(in, 'c');
        String finalNonce = attribute(in, 'r');
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!expectedBinding.equals(binding)) {
            throw new AuthenticationFailure("SCRAM channel binding does not match");
        }
        if (!nonce.equals(finalNonce)) {
            throw new AuthenticationFailure("SCRAM nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(in.substring(p + 3));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailure("SCRAM proof is not base64");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        ScramCredential credential = null;
        for (ScramCredential candidate : candidates) {
            if (proves(candidate, proof, authMessage)) {
                credential = candidate;
                break;
            }
        }
        if (credential == null) {
            throw new AuthenticationFailure("SCRAM authentication failed, storedKey mismatch");
        }
        byte[] serverSignature = mechanism.hmac(credential.serverKey(), authMessage);
        step = skipEmptyExchange ? Step.DONE : Step.EMPTY;
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code proof} was made with the secret behind {@code candidate}. */
    private boolean proves(ScramCredential candidate, byte[] proof, byte[] authMessage) {
        byte[] clientSignature = mechanism.hmac(candidate.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new AuthenticationFailure("SCRAM proof has the wrong length");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        return MessageDigest.isEqual(mechanism.hash(clientKey), candidate.storedKey());
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
