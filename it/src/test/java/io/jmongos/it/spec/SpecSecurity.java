package io.jmongos.it.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;

import io.jmongos.it.security.TestCertificates;

/**
 * TLS and authentication of the secured topologies: a CA and one server certificate (localhost, 127.0.0.1) that
 * every member presents, a key file for internal authentication, and the user the runner creates (through the
 * localhost exception) and every client of the runner authenticates as, with SCRAM-SHA-256 over TLS.
 */
final class SpecSecurity {
    /** The user the runner creates with root on admin (the spec tests run commands of every kind). */
    static final String USER = "spec-runner";
    private static final String PASSWORD = "spec-runner-password";
    /** A key of the length {@code openssl rand -base64 24} writes (6..1024 base64 characters). */
    private static final String KEY = "c3BlYyBydW5uZXIgY2x1c3RlciBrZXk=";

    private final Path certificateKeyFile;
    private final Path caFile;
    private final Path keyFile;
    private final SSLContext trust;

    private SpecSecurity(Path certificateKeyFile, Path caFile, Path keyFile, SSLContext trust) {
        this.certificateKeyFile = certificateKeyFile;
        this.caFile = caFile;
        this.keyFile = keyFile;
        this.trust = trust;
    }

    /** Make the certificates and the key file in {@code dir}. */
    static SpecSecurity create(Path dir) throws IOException {
        TestCertificates ca = TestCertificates.create(dir, "Spec CA");
        Path key = dir.resolve("cluster.key");
        Files.writeString(key, KEY + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        try {
            return new SpecSecurity(ca.serverFile("member", null), ca.caFile(), key, ca.clientContext(null));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /**
     * The options every member starts with: requireTLS (its links to other members too), the CA for the members
     * it dials, clients without certificates accepted, and the key file (which turns authorization on).
     */
    List<String> memberOptions() {
        return List.of("--tlsMode", "requireTLS", "--tlsCertificateKeyFile", certificateKeyFile.toString(),
                "--tlsCAFile", caFile.toString(), "--tlsAllowConnectionsWithoutCertificates",
                "--keyFile", keyFile.toString());
    }

    /** The createUser command the runner sends first (the localhost exception allows it before any user). */
    static BsonDocument createUser() {
        return new BsonDocument("createUser", new BsonString(USER))
                .append("pwd", new BsonString(PASSWORD))
                .append("roles", new BsonArray(List.of(new BsonString("root"))));
    }

    /** TLS trusting the CA, without credentials (the first connection, before the user exists). */
    void applyTls(MongoClientSettings.Builder b) {
        b.applyToSslSettings(s -> s.enabled(true).context(trust));
    }

    /** TLS and the runner's user (SCRAM-SHA-256 on admin). */
    void apply(MongoClientSettings.Builder b) {
        applyTls(b);
        b.credential(MongoCredential.createScramSha256Credential(USER, "admin", PASSWORD.toCharArray()));
    }
}
