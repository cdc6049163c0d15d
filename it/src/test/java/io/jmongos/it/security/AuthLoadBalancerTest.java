package io.jmongos.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.it.lb.ErrorLogCapture;
import io.jmongos.it.lb.FreePorts;
import io.jmongos.it.lb.HaproxyProcess;
import io.jmongos.server.JmongosServer;

/**
 * TLS and SCRAM-SHA-256 together behind a real HAProxy ({@code send-proxy-v2}), and the client's real address
 * (the PROXY header's source, not the balancer's) in the authentication log line.
 */
class AuthLoadBalancerTest {
    @TempDir
    Path dir;

    private JmongosServer start(TestCertificates certs) throws Exception {
        JmongosServer s = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1",
                "--setParameter", "loadBalancerPort=" + FreePorts.next(), "--tlsMode", "requireTLS",
                "--tlsCertificateKeyFile", certs.serverFile("server", null).toString(), "--auth"));
        try (MongoClient local = client("mongodb://localhost:" + s.mainPort() + "/?serverSelectionTimeoutMS=5000",
                certs, null)) {
            local.getDatabase("admin").runCommand(new Document("createUser", "app").append("pwd", "apppw")
                    .append("roles", List.of(new Document("role", "readWriteAnyDatabase").append("db", "admin"))));
        }
        return s;
    }

    private static MongoClient client(String uri, TestCertificates certs, MongoCredential credential)
            throws Exception {
        MongoClientSettings.Builder b = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .applyToSslSettings(t -> t.enabled(true));
        b.applyToSslSettings(t -> t.context(clientContext(certs)));
        if (credential != null) {
            b.credential(credential);
        }
        return MongoClients.create(b.build());
    }

    private static javax.net.ssl.SSLContext clientContext(TestCertificates certs) {
        try {
            return certs.clientContext(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scramSha256OverTlsThroughHaproxy() throws Exception {
        HaproxyProcess.assumeInstalled();
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        try (JmongosServer s = start(certs);
             HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(s.loadBalancerPort()),
                     "send-proxy-v2 check inter 500ms")) {
            String uri = "mongodb://localhost:" + haproxy.port() + "/?loadBalanced=true&serverSelectionTimeoutMS=5000";
            try (MongoClient c = client(uri, certs, MongoCredential.createScramSha256Credential("app", "admin",
                    "apppw".toCharArray()))) {
                TlsDriverTest.crud(c);
            }
            try (MongoClient bad = client(uri, certs, MongoCredential.createScramSha256Credential("app", "admin",
                    "wrong".toCharArray()))) {
                assertThatThrownBy(() -> bad.getDatabase("admin").runCommand(new Document("ping", 1)))
                        .isInstanceOf(MongoSecurityException.class)
                        .rootCause().hasMessageContaining("(AuthenticationFailed): 'Authentication failed.'");
            }
        }
    }

    @Test
    void failedAuthenticationLogsTheProxiedClientAddress() throws Exception {
        TestCertificates certs = TestCertificates.create(dir, "Test CA");
        try (JmongosServer s = start(certs); ErrorLogCapture log = new ErrorLogCapture();
             Socket plain = new Socket("127.0.0.1", s.loadBalancerPort())) {
            OutputStream raw = plain.getOutputStream();
            raw.write("PROXY TCP4 203.0.113.7 127.0.0.1 40000 27017\r\n".getBytes(StandardCharsets.US_ASCII));
            raw.flush();
            try (SSLSocket tls = (SSLSocket) certs.clientContext(null).getSocketFactory()
                    .createSocket(plain, "localhost", s.loadBalancerPort(), true)) {
                tls.setSoTimeout(10_000);
                OutputStream out = tls.getOutputStream();
                InputStream in = tls.getInputStream();
                out.write(RawHello.opMsg(new BsonDocument("hello", new BsonInt32(1))
                        .append("loadBalanced", BsonBoolean.TRUE).append("$db", new BsonString("admin"))));
                assertThat(RawHello.readReply(in).getNumber("ok").intValue()).isEqualTo(1);
                out.write(RawHello.opMsg(new BsonDocument("saslStart", new BsonInt32(1))
                        .append("mechanism", new BsonString("SCRAM-SHA-256"))
                        .append("payload", new BsonBinary("n,,n=mallory,r=abcdefghijkl".getBytes(
                                StandardCharsets.UTF_8)))
                        .append("$db", new BsonString("admin"))));
                BsonDocument reply = RawHello.readReply(in);
                assertThat(reply.getNumber("code").intValue()).isEqualTo(18);
                assertThat(reply.getString("errmsg").getValue()).isEqualTo("Authentication failed.");
                assertThat(reply.getString("codeName").getValue()).isEqualTo("AuthenticationFailed");
            }
            assertThat(ErrorLogCapture.describe(log.withMessage("Authentication failed")))
                    .contains("principalName=\"mallory\"").contains("remote=\"203.0.113.7:40000\"")
                    .contains("proxy=\"127.0.0.1:");
        }
    }
}
