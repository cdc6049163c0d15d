package io.jmongos.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.jmongos.it.lb.ErrorLogCapture;
import io.jmongos.router.frontend.tls.TlsProvider;
import io.jmongos.server.JmongosServer;

/**
 * TLS on the main port through the official Java driver, with certificates the test makes: requireTLS with both
 * providers, allowTLS with plain and TLS clients, a client that trusts another CA, a plaintext client on a
 * requireTLS port, client certificates with tlsCAFile, and rotateCertificates.
 */
class TlsDriverTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        System.clearProperty(TlsProvider.PROPERTY);
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private JmongosServer start(String... args) {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
        all.addAll(List.of(args));
        return keep(JmongosServer.start(all));
    }

    static MongoClient client(String uri, SSLContext ssl) {
        MongoClientSettings.Builder b = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri));
        if (ssl != null) {
            b.applyToSslSettings(s -> s.enabled(true).context(ssl));
        }
        return MongoClients.create(b.build());
    }

    static void crud(MongoClient c) {
        MongoCollection<Document> coll = c.getDatabase("tls").getCollection("items");
        coll.insertOne(new Document("_id", 1).append("a", "x"));
        assertThat(coll.find(new Document("_id", 1)).first()).containsEntry("a", "x");
        coll.deleteMany(new Document());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void requireTlsServesTheDriver(String provider) throws Exception {
        System.setProperty(TlsProvider.PROPERTY, provider);
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        JmongosServer s = start("--tlsMode", "requireTLS", "--tlsCertificateKeyFile",
                certs.serverFile("server", null).toString());
        try (MongoClient c = client("mongodb://localhost:" + s.mainPort() + "/?serverSelectionTimeoutMS=5000",
                certs.clientContext(null))) {
            crud(c);
        }
        assertThat(s.frontend().tls().current().getClass().getSimpleName().toLowerCase())
                .contains(provider.equals("jdk") ? "jdk" : "openssl");
    }

    @Test
    void encryptedKeyWithItsPassword() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        JmongosServer s = start("--tlsMode", "requireTLS", "--tlsCertificateKeyFile",
                certs.serverFile("server", "s3cret").toString(), "--tlsCertificateKeyFilePassword", "s3cret");
        try (MongoClient c = client("mongodb://localhost:" + s.mainPort() + "/?serverSelectionTimeoutMS=5000",
                certs.clientContext(null))) {
            crud(c);
        }
    }

    @Test
    void allowTlsTakesPlainAndTlsClients() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        JmongosServer s = start("--tlsMode", "allowTLS", "--tlsCertificateKeyFile",
                certs.serverFile("server", null).toString());
        String uri = "mongodb://localhost:" + s.mainPort() + "/?serverSelectionTimeoutMS=5000";
        try (MongoClient tls = client(uri, certs.clientContext(null)); MongoClient plain = client(uri, null)) {
            crud(tls);
            crud(plain);
        }
    }

    @Test
    void clientTrustingAnotherCaFailsItsHandshake() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        TestCertificates other = TestCertificates.create(dir, "Other CA");
        JmongosServer s = start("--tlsMode", "requireTLS", "--tlsCertificateKeyFile",
                certs.serverFile("server", null).toString());
        try (MongoClient c = client("mongodb://localhost:" + s.mainPort() + "/?serverSelectionTimeoutMS=2000",
                other.clientContext(null))) {
            assertThatThrownBy(() -> c.getDatabase("admin").runCommand(new Document("ping", 1)))
                    .hasMessageContaining("PKIX path building failed");
        }
        assertThat(s.services().connections().current()).isZero();
    }

    @Test
    void plaintextClientOnRequireTlsPortIsClosedAndLogged() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        JmongosServer s = start("--tlsMode", "requireTLS", "--tlsCertificateKeyFile",
                certs.serverFile("server", null).toString());
        try (ErrorLogCapture log = new ErrorLogCapture(); Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", s.mainPort()));
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            out.write(RawHello.opMsgHello());
            out.flush();
            InputStream in = raw.getInputStream();
            assertThat(in.read()).as("closed without a reply").isEqualTo(-1);
            assertThat(ErrorLogCapture.describe(log.withMessage(
                    "Error receiving request from client. Ending connection from remote")))
                    .contains("SSLHandshakeFailed").contains("127.0.0.1");
        }
    }

    @Test
    void clientCertificatesRequiredWithCaFile() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        JmongosServer s = start("--tlsMode", "requireTLS", "--tlsCertificateKeyFile",
                certs.serverFile("server", null).toString(), "--tlsCAFile", certs.caFile().toString());
        String uri = "mongodb://localhost:" + s.mainPort() + "/?serverSelectionTimeoutMS=2000";
        try (MongoClient withCert = client(uri, certs.clientContext(certs.client("alice")))) {
            crud(withCert);
        }
        try (MongoClient without = client(uri, certs.clientContext(null))) {
            assertThatThrownBy(() -> without.getDatabase("admin").runCommand(new Document("ping", 1)))
                    .isInstanceOf(com.mongodb.MongoTimeoutException.class);
        }
    }

    @Test
    void rotateCertificatesServesTheNewCertificateToNewConnections() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        Path file = certs.serverFile("server", null);
        JmongosServer s = start("--tlsMode", "requireTLS", "--tlsCertificateKeyFile", file.toString());
        assertThat(peerName(certs, s.mainPort())).contains("CN=server");
        Path next = certs.serverFile("rotated", null);
        Files.copy(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (MongoClient c = client("mongodb://localhost:" + s.mainPort() + "/?serverSelectionTimeoutMS=5000",
                certs.clientContext(null))) {
            BsonDocument reply = c.getDatabase("admin").runCommand(
                    new BsonDocument("rotateCertificates", new BsonInt32(1)), BsonDocument.class);
            assertThat(reply.getNumber("ok").intValue()).isEqualTo(1);
            assertThat(peerName(certs, s.mainPort())).contains("CN=rotated");
            // A bad file fails the command and the rotated certificate stays in use.
            Files.writeString(file, "not a certificate");
            assertThatThrownBy(() -> c.getDatabase("admin").runCommand(
                    new BsonDocument("rotateCertificates", new BsonInt32(1))))
                    .isInstanceOf(MongoCommandException.class).hasMessageContaining("holds no certificate");
            assertThat(peerName(certs, s.mainPort())).contains("CN=rotated");
        }
    }

    @Test
    void rotateCertificatesWithoutTlsFails() {
        JmongosServer s = start();
        try (MongoClient c = client("mongodb://127.0.0.1:" + s.mainPort() + "/?serverSelectionTimeoutMS=5000",
                null)) {
            assertThatThrownBy(() -> c.getDatabase("admin").runCommand(new Document("rotateCertificates", 1)))
                    .hasMessageContaining("TLS is not enabled");
        }
    }

    static String peerName(TestCertificates certs, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) certs.clientContext(null).getSocketFactory()
                .createSocket("localhost", port)) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(10));
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                    .getName();
        }
    }
}
