package io.jmongos.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.it.lb.ErrorLogCapture;
import io.jmongos.it.lb.FreePorts;
import io.jmongos.server.JmongosServer;

/**
 * The client's real address in security decisions: authenticationRestrictions checked against the PROXY header's
 * source (v1 headers written by the test), the vpcEndpoint extension against the AWS TLV of a v2 header, and
 * proxyProtocolTrustedSources.
 */
class AddressRulesTest {
    private static JmongosServer server;

    @BeforeAll
    static void start() {
        server = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1", "--auth",
                "--setParameter", "loadBalancerPort=" + FreePorts.next(), "--setParameter", "authFailedDelayMs=0"));
        try (MongoClient anonymous = MongoClients.create("mongodb://127.0.0.1:" + server.mainPort())) {
            anonymous.getDatabase("admin").runCommand(new Document("createUser", "root").append("pwd", "pw")
                    .append("roles", List.of(new Document("role", "root").append("db", "admin"))));
        }
        try (MongoClient root = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + server.mainPort()))
                .credential(MongoCredential.createScramSha256Credential("root", "admin", "pw".toCharArray()))
                .build())) {
            root.getDatabase("app").runCommand(new Document("createUser", "office").append("pwd", "pw")
                    .append("roles", List.of("readWrite")).append("authenticationRestrictions",
                            List.of(new Document("clientSource", List.of("203.0.113.0/24")))));
            root.getDatabase("app").runCommand(new Document("createUser", "linked").append("pwd", "pw")
                    .append("roles", List.of("read")).append("authenticationRestrictions",
                            List.of(new Document("vpcEndpoint", List.of("vpce-0abc")))));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] v1(String source) {
        return ("PROXY TCP4 " + source + " 127.0.0.1 40001 27017\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY header (TCP4 198.51.100.1 -> 127.0.0.1) with an AWS TLV naming {@code vpce}. */
    private static byte[] v2WithAws(String vpce) {
        byte[] id = vpce.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.write(0x21);
        b.write(0x11);
        int tlv = 3 + 1 + id.length;
        int len = 12 + tlv;
        b.write(len >> 8);
        b.write(len & 0xFF);
        b.writeBytes(new byte[] {(byte) 198, 51, 100, 1, 127, 0, 0, 1, (byte) 0x9C, 0x41, 0x69, (byte) 0x89});
        b.write(0xEA);
        b.write((1 + id.length) >> 8);
        b.write((1 + id.length) & 0xFF);
        b.write(0x01);
        b.writeBytes(id);
        return b.toByteArray();
    }

    private static void authenticate(byte[] header, String user) throws Exception {
        try (RawScramClient c = new RawScramClient("127.0.0.1", server.loadBalancerPort(), header, "app", user, "pw")) {
            BsonDocument reply = c.run(new BsonDocument("find", new BsonString("c")).append("$db",
                    new BsonString("app")));
            assertThat(reply.getNumber("ok").intValue()).as(reply.toJson()).isEqualTo(1);
        }
    }

    @Test
    void clientSourceIsTheProxiedAddress() throws Exception {
        authenticate(v1("203.0.113.7"), "office");
        try (ErrorLogCapture log = new ErrorLogCapture()) {
            assertThatThrownBy(() -> authenticate(v1("198.51.100.9"), "office"))
                    .isInstanceOf(IOException.class).hasMessageContaining("\"code\": 18")
                    .hasMessageContaining("Authentication failed.");
            assertThat(ErrorLogCapture.describe(log.withMessage("Authentication failed")))
                    .contains("Client source address 198.51.100.9 not allowed")
                    .contains("remote=\"198.51.100.9:40001\"");
        }
        // The main port: the peer (127.0.0.1) is the client, outside the range.
        assertThatThrownBy(() -> {
            try (RawScramClient c = new RawScramClient("127.0.0.1", server.mainPort(), "app", "office", "pw")) {
                c.run(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("app")));
            }
        }).hasMessageContaining("\"code\": 18");
    }

    @Test
    void vpcEndpointFromTheAwsTlv() throws Exception {
        authenticate(v2WithAws("vpce-0abc"), "linked");
        assertThatThrownBy(() -> authenticate(v2WithAws("vpce-0xyz"), "linked"))
                .hasMessageContaining("\"code\": 18");
    }

    @Test
    void badRestrictionsAreRefused() {
        try (MongoClient root = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + server.mainPort()))
                .credential(MongoCredential.createScramSha256Credential("root", "admin", "pw".toCharArray()))
                .build())) {
            assertThatThrownBy(() -> root.getDatabase("app").runCommand(new Document("createUser", "x")
                    .append("pwd", "pw").append("roles", List.of()).append("authenticationRestrictions",
                            List.of(new Document("clientSource", List.of("not-an-address"))))))
                    .hasMessageContaining("is not an IP address or CIDR range");
        }
    }

    @Test
    void untrustedBalancerIsRefused() throws Exception {
        try (ErrorLogCapture log = new ErrorLogCapture();
             JmongosServer s = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1",
                     "--setParameter", "loadBalancerPort=" + FreePorts.next(),
                     "--setParameter", "proxyProtocolTrustedSources=10.9.9.0/24"));
             Socket socket = new Socket("127.0.0.1", s.loadBalancerPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(v1("203.0.113.7"));
            InputStream in = socket.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (IOException reset) {
                first = -1;
            }
            assertThat(first).isEqualTo(-1);
            assertThat(log.withMessage("Connection to the load balancer port from an address not in "
                    + "proxyProtocolTrustedSources")).hasSize(1);
            assertThat(log.withMessage("PROXY headers accepted only from")).hasSize(1);
        }
    }

    @Test
    void anySourceWarnsAtStartup() {
        try (ErrorLogCapture log = new ErrorLogCapture();
             JmongosServer s = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1",
                     "--setParameter", "loadBalancerPort=" + FreePorts.next()))) {
            assertThat(ErrorLogCapture.describe(log.atLeast(ch.qos.logback.classic.Level.WARN)))
                    .contains("firewall it so only the balancers reach it");
        }
    }
}
