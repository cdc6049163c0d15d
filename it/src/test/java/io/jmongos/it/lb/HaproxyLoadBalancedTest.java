package io.jmongos.it.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ch.qos.logback.classic.Level;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.server.JmongosServer;
import io.jmongos.wire.client.BlockingWireClient;

/**
 * A real HAProxy in front of two jmongos: the Java driver with {@code loadBalanced=true} runs CRUD, a cursor
 * and transactions through it, every connection carries a serviceId, both jmongos get traffic, and HAProxy's
 * health checks cause no error.
 */
class HaproxyLoadBalancedTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Fresh clients tried for one that reaches the second jmongos; round robin needs at most two. */
    private static final int MAX_CLIENT_ATTEMPTS = 10;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"send-proxy", "send-proxy-v2 check inter 500ms"})
    void driverThroughHaproxy(String serverOptions) throws Exception {
        HaproxyProcess.assumeInstalled();
        try (JmongosServer s1 = Jmongos.startWithLoadBalancerPort();
             JmongosServer s2 = Jmongos.startWithLoadBalancerPort();
             ErrorLogCapture log = new ErrorLogCapture();
             HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(s1.loadBalancerPort(), s2.loadBalancerPort()),
                     serverOptions)) {
            String uri = "mongodb://127.0.0.1:" + haproxy.port() + "/?loadBalanced=true";
            ServiceIdRecorder first = new ServiceIdRecorder();
            try (MongoClient a = client(uri, first)) {
                LoadBalancedWorkload.run(a, "lb");
            }
            // HAProxy's round robin sends the next connection to the other jmongos; how many connections the first
            // client opened (and so which jmongos is next) is the driver's business, so fresh clients are tried
            // until one reaches the other jmongos (round robin makes that the first or the second try).
            ServiceIdRecorder second = null;
            for (int attempt = 0; attempt < MAX_CLIENT_ATTEMPTS && second == null; attempt++) {
                ServiceIdRecorder candidate = new ServiceIdRecorder();
                try (MongoClient b = client(uri, candidate)) {
                    b.getDatabase("admin").runCommand(new org.bson.Document("ping", 1));
                    if (!candidate.all().get(0).equals(first.all().get(0))) {
                        LoadBalancedWorkload.run(b, "lb");
                        second = candidate;
                    }
                }
            }
            assertThat(second).as("a client reached the second jmongos within %d tries", MAX_CLIENT_ATTEMPTS)
                    .isNotNull();
            assertThat(first.all()).isNotEmpty().doesNotContainNull();
            assertThat(second.all()).isNotEmpty().doesNotContainNull();
            assertThat(first.distinct()).as("one connection, one jmongos per client").hasSize(1);
            assertThat(second.distinct()).hasSize(1);
            ObjectId idA = first.all().get(0);
            ObjectId idB = second.all().get(0);
            assertThat(idA).as("the two clients reached different jmongos").isNotEqualTo(idB);
            assertThat(List.of(idA, idB)).containsExactlyInAnyOrder(s1.services().processId(),
                    s2.services().processId());

            for (JmongosServer s : List.of(s1, s2)) {
                try (MongoClient direct = Jmongos.mainPortClient(s)) {
                    BsonDocument status = Jmongos.serverStatus(direct);
                    assertThat(status.getDocument("proxyProtocol").getDocument("accepted").getNumber("proxy")
                            .longValue()).as("PROXY headers accepted").isGreaterThanOrEqualTo(1);
                    assertThat(status.getDocument("connections").getNumber("totalCreated").longValue())
                            .isGreaterThanOrEqualTo(2);
                    assertThat(status.getDocument("connections").containsKey("loadBalanced")).isTrue();
                }
                if (serverOptions.contains("check")) {
                    awaitHealthChecks(s, 2);
                }
                assertThat(s.frontend().proxyMetrics().rejectedTotal()).as("rejected PROXY headers").isZero();
            }
            assertThat(log.atLeast(Level.ERROR)).as(ErrorLogCapture.describe(log.atLeast(Level.ERROR))).isEmpty();
        }
    }

    /** The client address jmongos reports is the one HAProxy saw (from the header), the balancer's beside it. */
    @Test
    void clientAddressIsTheHeaderSource() throws Exception {
        HaproxyProcess.assumeInstalled();
        try (JmongosServer s = Jmongos.startWithLoadBalancerPort();
             HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(s.loadBalancerPort()), "send-proxy-v2");
             BlockingWireClient c = BlockingWireClient.open(haproxy.port())) {
            String me = "127.0.0.1:" + c.localPort();
            c.command("admin", new BsonDocument("hello", new BsonInt32(1)).append("loadBalanced", BsonBoolean.TRUE));
            assertThat(c.command("admin", new BsonDocument("whatsmyuri", new BsonInt32(1))).getString("you").getValue())
                    .isEqualTo(me);
            BsonDocument reply = c.command("admin", new BsonDocument("aggregate", new BsonInt32(1))
                    .append("pipeline", new BsonArray(List.of(
                            new BsonDocument("$currentOp", new BsonDocument("allUsers", BsonBoolean.TRUE)),
                            new BsonDocument("$match", new BsonDocument("client", new BsonString(me))))))
                    .append("cursor", new BsonDocument()));
            List<BsonValue> ops = reply.getDocument("cursor").getArray("firstBatch").getValues();
            assertThat(ops).as(reply.toJson()).hasSize(1);
            String balancer = ops.get(0).asDocument().getString("proxyAddress").getValue();
            assertThat(balancer).startsWith("127.0.0.1:").isNotEqualTo(me);
        }
    }

    static MongoClient client(String uri, ServiceIdRecorder recorder) {
        return MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .addCommandListener(recorder).build());
    }

    private static void awaitHealthChecks(JmongosServer s, long n) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (s.frontend().proxyMetrics().acceptedLocal() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(s.frontend().proxyMetrics().acceptedLocal()).as("LOCAL headers of HAProxy's health checks")
                .isGreaterThanOrEqualTo(n);
    }
}
