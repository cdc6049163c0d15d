package io.jmongos.it.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.router.frontend.proxy.ProxyProtocolRejection;
import io.jmongos.server.JmongosServer;
import io.jmongos.wire.client.BlockingWireClient;

/** Each misconfiguration between driver, balancer and jmongos fails with its own exact error. */
class LoadBalancerMisconfigurationTest {
    private static final String LB_MISMATCH = "The server is being accessed through a load balancer, but this driver "
            + "does not have load balancing enabled";
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

    private static JmongosServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = Jmongos.startWithLoadBalancerPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** loadBalanced=true straight to the main port: the reply has no serviceId, the driver refuses. */
    @Test
    void loadBalancedDriverOnTheMainPort() {
        try (ErrorLogCapture log = new ErrorLogCapture();
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.mainPort()
                     + "/?loadBalanced=true")) {
            Throwable t = catchThrowable(() -> client.getDatabase("admin")
                    .runCommand(new BsonDocument("ping", new BsonInt32(1))));
            assertThat(Jmongos.messages(t))
                    .contains("Driver attempted to initialize in load balancing mode, but the server does not support "
                            + "this mode");
            List<ILoggingEvent> warnings = log.atLeast(Level.WARN).stream()
                    .filter(e -> String.valueOf(attrs(e).get("loadBalancerPort"))
                            .equals(String.valueOf(server.loadBalancerPort())))
                    .toList();
            assertThat(warnings).as("a warning naming the LB port").isNotEmpty();
        }
    }

    /** A driver without loadBalanced through HAProxy: its hello gets 354 and the connection is closed. */
    @Test
    void driverWithoutLoadBalancedThroughHaproxy() throws Exception {
        try (HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(server.loadBalancerPort()), "send-proxy");
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + haproxy.port()
                     + "/?serverSelectionTimeoutMS=3000")) {
            Throwable t = catchThrowable(() -> client.getDatabase("admin")
                    .runCommand(new BsonDocument("ping", new BsonInt32(1))));
            assertThat(Jmongos.messages(t)).contains("354").contains("LoadBalancerSupportMismatch")
                    .contains(LB_MISMATCH);
        }
    }

    /** The same on the wire: the 354 reply, then the server closes the connection. */
    @Test
    void helloWithoutLoadBalancedOnTheLbPortGets354AndIsClosed() throws Exception {
        try (BlockingWireClient c = ProxiedConnections.open(server.loadBalancerPort())) {
            BsonDocument reply = c.command("admin", new BsonDocument("hello", new BsonInt32(1)));
            assertThat(reply.getNumber("ok").intValue()).isZero();
            assertThat(reply.getInt32("code").getValue()).isEqualTo(354);
            assertThat(reply.getString("codeName").getValue()).isEqualTo("LoadBalancerSupportMismatch");
            assertThat(reply.getString("errmsg").getValue()).isEqualTo(LB_MISMATCH);
            assertThat(c.closedByServer(CLOSE_WITHIN)).isTrue();
        }
        try (BlockingWireClient c = ProxiedConnections.open(server.loadBalancerPort())) {
            BsonDocument reply = c.command("admin", new BsonDocument("hello", new BsonInt32(1))
                    .append("loadBalanced", BsonBoolean.TRUE));
            assertThat(reply.getObjectId("serviceId").getValue()).isEqualTo(server.services().processId());
        }
    }

    /** A client that speaks the wire protocol straight to the LB port: closed at once, no reply, one error line. */
    @Test
    void plainTcpClientOnTheLbPort() throws Exception {
        long before = server.frontend().proxyMetrics().rejectedCount(ProxyProtocolRejection.NOT_PROXY);
        try (ErrorLogCapture log = new ErrorLogCapture();
             BlockingWireClient c = BlockingWireClient.open(server.loadBalancerPort())) {
            c.send(new BsonDocument("hello", new BsonInt32(1)).append("loadBalanced", BsonBoolean.TRUE)
                    .append("$db", new org.bson.BsonString("admin")));
            assertThat(c.closedByServer(CLOSE_WITHIN)).isTrue();
            List<ILoggingEvent> errors = awaitMessage(log, "Error while parsing proxy protocol header");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getLevel()).isEqualTo(Level.ERROR);
            assertThat(attrs(errors.get(0))).containsEntry("remote", "127.0.0.1:" + c.localPort())
                    .containsEntry("reason", "notProxy");
        }
        assertThat(server.frontend().proxyMetrics().rejectedCount(ProxyProtocolRejection.NOT_PROXY))
                .isEqualTo(before + 1);
    }

    /** A balancer pointed at the main port: the PROXY header is detected, logged, and the socket closed. */
    @Test
    void proxyHeaderOnTheMainPort() throws Exception {
        long before = server.frontend().proxyMetrics().mainPortDetections();
        try (ErrorLogCapture log = new ErrorLogCapture();
             BlockingWireClient c = BlockingWireClient.open(server.mainPort(), (local, remote) ->
                     ("PROXY TCP4 10.0.0.1 127.0.0.1 5000 " + server.mainPort() + "\r\n")
                             .getBytes(StandardCharsets.US_ASCII))) {
            // the header leaves in the same write as the hello, as a balancer's header and first bytes would
            c.send(new BsonDocument("hello", new BsonInt32(1)).append("$db", new org.bson.BsonString("admin")));
            assertThat(c.closedByServer(CLOSE_WITHIN)).isTrue();
            List<ILoggingEvent> lines = awaitMessage(log, "Error receiving request from client");
            assertThat(lines).hasSize(1);
            Map<String, Object> attrs = attrs(lines.get(0));
            assertThat(String.valueOf(attrs.get("error"))).contains("ProxyProtocol message detected on mongorpc port");
            assertThat(attrs).containsEntry("remote", "127.0.0.1:" + c.localPort());
        }
        assertThat(server.frontend().proxyMetrics().mainPortDetections()).isEqualTo(before + 1);
    }

    /** proxyProtocolTimeoutSecs set at runtime: a balancer that stalls inside the header is cut off. */
    @Test
    void stalledHeaderIsClosedAfterTheRuntimeTimeout() throws Exception {
        long before = server.frontend().proxyMetrics().rejectedCount(ProxyProtocolRejection.TIMEOUT);
        try (MongoClient admin = Jmongos.mainPortClient(server)) {
            BsonDocument set = admin.getDatabase("admin").runCommand(new BsonDocument("setParameter", new BsonInt32(1))
                    .append("proxyProtocolTimeoutSecs", new BsonInt32(1)), BsonDocument.class);
            assertThat(set.getNumber("ok").intValue()).isEqualTo(1);
            BsonDocument got = admin.getDatabase("admin").runCommand(new BsonDocument("getParameter", new BsonInt32(1))
                    .append("proxyProtocolTimeoutSecs", new BsonInt32(1)), BsonDocument.class);
            assertThat(got.getNumber("proxyProtocolTimeoutSecs").intValue()).isEqualTo(1);
            try (ErrorLogCapture log = new ErrorLogCapture();
                 BlockingWireClient c = BlockingWireClient.open(server.loadBalancerPort())) {
                c.writeRaw("PROXY TCP4 10.1.2.3".getBytes(StandardCharsets.US_ASCII));
                assertThat(c.closedByServer(CLOSE_WITHIN)).isTrue();
                List<ILoggingEvent> errors = awaitMessage(log, "Error while parsing proxy protocol header");
                assertThat(errors).hasSize(1);
                assertThat(attrs(errors.get(0))).containsEntry("reason", "timeout");
            } finally {
                admin.getDatabase("admin").runCommand(new BsonDocument("setParameter", new BsonInt32(1))
                        .append("proxyProtocolTimeoutSecs", new BsonInt32(10)));
            }
        }
        assertThat(server.frontend().proxyMetrics().rejectedCount(ProxyProtocolRejection.TIMEOUT)).isEqualTo(before + 1);
    }

    private static List<ILoggingEvent> awaitMessage(ErrorLogCapture log, String message) throws InterruptedException {
        long deadline = System.nanoTime() + CLOSE_WITHIN.toNanos();
        while (log.withMessage(message).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return log.withMessage(message);
    }

    static Map<String, Object> attrs(ILoggingEvent e) {
        return e.getKeyValuePairs() == null ? Map.of() : e.getKeyValuePairs().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b));
    }
}
