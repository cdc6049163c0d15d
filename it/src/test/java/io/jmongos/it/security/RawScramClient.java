package io.jmongos.it.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * A wire connection that authenticates with SCRAM-SHA-256 by hand (RFC 5802 client side), so a test can send
 * exactly the command it wants (e.g. another user's lsid, which the driver would replace with its own).
 */
final class RawScramClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawScramClient(String host, int port, String db, String user, String password)
            throws IOException, GeneralSecurityException {
        this(host, port, null, db, user, password);
    }

    /**
     * With {@code proxyHeader} (PROXY v1 or v2 bytes), the connection is to the LB port: the header goes first and
     * the hello says {@code loadBalanced: true}.
     *
     * @throws IOException also when the server refuses the authentication (the message holds its reply)
     */
    RawScramClient(String host, int port, byte[] proxyHeader, String db, String user, String password)
            throws IOException, GeneralSecurityException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        BsonDocument hello = new BsonDocument("hello", new BsonInt32(1));
        if (proxyHeader != null) {
            out.write(proxyHeader);
            hello.append("loadBalanced", BsonBoolean.TRUE);
        }
        run(hello.append("$db", new BsonString("admin")));
        String nonce = Base64.getEncoder().encodeToString("client-nonce-0123".getBytes(StandardCharsets.US_ASCII));
        String bare = "n=" + user + ",r=" + nonce;
        BsonDocument first = run(new BsonDocument("saslStart", new BsonInt32(1))
                .append("mechanism", new BsonString("SCRAM-SHA-256"))
                .append("payload", new BsonBinary(("n,," + bare).getBytes(StandardCharsets.UTF_8)))
                .append("options", new BsonDocument("skipEmptyExchange", BsonBoolean.TRUE))
                .append("$db", new BsonString(db)));
        if (first.getNumber("ok").intValue() != 1) {
            throw new IOException("authentication refused: " + first.toJson());
        }
        String serverFirst = new String(first.getBinary("payload").getData(), StandardCharsets.UTF_8);
        String combined = part(serverFirst, "r");
        byte[] salt = Base64.getDecoder().decode(part(serverFirst, "s"));
        int iterations = Integer.parseInt(part(serverFirst, "i"));
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String withoutProof = "c=biws,r=" + combined;
        byte[] signature = hmac(storedKey, bare + "," + serverFirst + "," + withoutProof);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        BsonDocument last = run(new BsonDocument("saslContinue", new BsonInt32(1))
                .append("conversationId", new BsonInt32(1))
                .append("payload", new BsonBinary((withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                        .getBytes(StandardCharsets.UTF_8)))
                .append("$db", new BsonString(db)));
        if (last.getNumber("ok").intValue() != 1) {
            throw new IOException("authentication refused: " + last.toJson());
        }
        if (!last.getBoolean("done").getValue()) {
            throw new IOException("SCRAM not done: " + last.toJson());
        }
    }

    /** Send one command (with its $db) and return the reply body. */
    BsonDocument run(BsonDocument command) throws IOException {
        out.write(RawHello.opMsg(command));
        out.flush();
        return RawHello.readReply(in);
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String part(String message, String key) {
        for (String p : message.split(",")) {
            if (p.startsWith(key + "=")) {
                return p.substring(key.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + key + " in " + message);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
