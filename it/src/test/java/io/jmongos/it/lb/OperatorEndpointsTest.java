package io.jmongos.it.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.ClientSession;

import io.jmongos.server.JmongosServer;
import io.jmongos.wire.client.BlockingWireClient;

/**
 * The operators' listeners of a real jmongos: the HTTP endpoint (health, readiness, Prometheus metrics checked by
 * {@code promtool} and moving with the operations that feed them), the agent's line, the graceful drain (readiness
 * 503, agent {@code drain}, idle load-balanced connections closed, a connection with a cursor served until its
 * cursor ends, the listeners closed) and reverse-proxy mode on the LB port.
 */
class OperatorEndpointsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})?) (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    private static JmongosServer start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--httpPort", "0", "--setParameter",
                "agentCheckPort=" + FreePorts.next()));
        args.addAll(List.of(extra));
        return Jmongos.startWithLoadBalancerPort(args.toArray(new String[0]));
    }

    /** Every sample of a scrape: {@code name{labels}} to value. */
    static Map<String, Double> samples(String text) {
        Map<String, Double> out = new HashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(3)));
        }
        return out;
    }

    private static double value(Map<String, Double> s, String key) {
        Assertions.assertThat(s).as("sample " + key).containsKey(key);
        return s.get(key);
    }

    @Test
    void healthAndReadinessAndRoot() throws Exception {
        try (JmongosServer s = start()) {
            assertThat(s.httpPort()).isPositive();
            HttpResponse<String> live = OperatorHttp.get(s.httpPort(), "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            HttpResponse<String> ready = OperatorHttp.get(s.httpPort(), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\": \"ready\"");
            assertThat(OperatorHttp.get(s.httpPort(), "/").body()).contains("/metrics");
            assertThat(OperatorHttp.get(s.httpPort(), "/nope").statusCode()).isEqualTo(404);
            assertThat(OperatorHttp.agentLine(s.agentCheckPort())).isEqualTo("up ready 100%\n");
        }
    }

    @Test
    void metricsPassPromtoolAndMoveWithOperations() throws Exception {
        HaproxyProcess.assumeInstalled();
        try (JmongosServer s = start();
             HaproxyProcess haproxy = HaproxyProcess.start(dir, List.of(s.loadBalancerPort()),
                     "send-proxy-v2 check inter 200ms")) {
            Map<String, Double> before = samples(OperatorHttp.get(s.httpPort(), "/metrics").body());
            try (MongoClient c = MongoClients.create("mongodb://127.0.0.1:" + haproxy.port()
                    + "/?loadBalanced=true")) {
                MongoCollection<Document> coll = c.getDatabase("ops").getCollection("m");
                for (int i = 0; i < 10; i++) {
                    coll.insertOne(new Document("i", i));
                }
                try (MongoCursor<Document> cur = coll.find().batchSize(2).iterator()) {
                    cur.next();
                    cur.next();
                    cur.next(); // a getMore
                }
                try (ClientSession session = c.startSession()) {
                    session.withTransaction(() -> coll.insertOne(session, new Document("t", 1)));
                    session.startTransaction();
                    coll.insertOne(session, new Document("t", 2));
                    session.abortTransaction();
                }
            }
            try (BlockingWireClient raw = ProxiedConnections.open(s.loadBalancerPort())) {
                raw.command("admin", new BsonDocument("hello", new BsonInt32(1)).append("loadBalanced",
                        BsonBoolean.TRUE));
                BsonDocument find = raw.command("ops", new BsonDocument("find", new BsonString("m"))
                        .append("batchSize", new BsonInt32(1)));
                assertThat(find.getDocument("cursor").getInt64("id").longValue()).isNotZero();
            } // closing the LB connection with its cursor open kills the cursor
            String localHeaders = "jmongos_proxy_protocol_headers_by_command_total{command=\"local\"}";
            double localBefore = before.getOrDefault(localHeaders, 0.0);
            // HAProxy's health checks (LOCAL headers) come on its own timer: poll until one more has arrived
            HttpResponse<String> scrape = OperatorHttp.awaitGet(s.httpPort(), "/metrics", r -> {
                Map<String, Double> m = samples(r.body());
                return m.getOrDefault("jmongos_cursors_killed_total{reason=\"load_balancer_disconnect\"}", 0.0) >= 1
                        && m.getOrDefault(localHeaders, 0.0) > localBefore;
            });
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            if (OperatorHttp.promtoolInstalled()) {
                assertThat(OperatorHttp.promtoolProblems(scrape.body())).as("promtool check metrics").isNull();
            }
            Map<String, Double> after = samples(scrape.body());
            String[] moving = {
                "jmongos_connections_created_total",
                "jmongos_proxy_protocol_headers_accepted_total{version=\"2\"}",
                "jmongos_proxy_protocol_headers_by_command_total{command=\"local\"}",
                "jmongos_commands_total{command=\"insert\",outcome=\"ok\"}",
                "jmongos_commands_total{command=\"getMore\",outcome=\"ok\"}",
                "jmongos_command_duration_seconds_count{command=\"find\"}",
                "jmongos_opcounters_total{type=\"insert\"}",
                "jmongos_cursors_opened_total",
                "jmongos_cursors_killed_total{reason=\"load_balancer_disconnect\"}",
                "jmongos_transactions_started_total",
                "jmongos_transactions_committed_total",
                "jmongos_transactions_aborted_total{cause=\"abort\"}",
                "jmongos_load_balancer_cleanup_duration_seconds_count",
                "jmongos_network_in_bytes_total",
            };
            for (String k : moving) {
                assertThat(value(after, k)).as(k + " moved").isGreaterThan(before.getOrDefault(k, 0.0));
            }
            for (String k : List.of("jmongos_connections{port=\"main\"}", "jmongos_connections{port=\"load_balanced\"}",
                    "jmongos_proxy_protocol_headers_rejected_total{reason=\"timeout\"}", "jmongos_cursors_open",
                    "jmongos_transactions_open", "jmongos_ready", "jmongos_uptime_seconds",
                    "jmongos_command_duration_seconds_bucket{command=\"find\",le=\"+Inf\"}")) {
                value(after, k);
            }
            assertThat(scrape.body()).contains("jvm_memory_used_bytes").contains("jvm_gc_collection_seconds");
            assertThat(value(after, "jmongos_ready")).isEqualTo(1.0);
        }
    }

    @Test
    void drainWaitsForACursorThenCloses() throws Exception {
        JmongosServer s = start();
        try (BlockingWireClient idle = ProxiedConnections.open(s.loadBalancerPort());
             BlockingWireClient busy = ProxiedConnections.open(s.loadBalancerPort())) {
            BsonDocument hello = new BsonDocument("hello", new BsonInt32(1)).append("loadBalanced", BsonBoolean.TRUE);
            assertThat(idle.command("admin", hello).getNumber("ok").intValue()).isEqualTo(1);
            assertThat(busy.command("admin", hello).getNumber("ok").intValue()).isEqualTo(1);
            for (int i = 0; i < 3; i++) {
                busy.command("ops", new BsonDocument("insert", new BsonString("d")).append("documents",
                        new org.bson.BsonArray(List.of(new BsonDocument("i", new BsonInt32(i))))));
            }
            BsonDocument first = busy.command("ops", new BsonDocument("find", new BsonString("d"))
                    .append("batchSize", new BsonInt32(1)));
            long cursorId = first.getDocument("cursor").getInt64("id").longValue();
            assertThat(cursorId).isNotZero();

            s.shutdownInBackground(60_000);
            HttpResponse<String> ready = OperatorHttp.awaitGet(s.httpPort(), "/health/ready",
                    r -> r.statusCode() == 503);
            assertThat(ready.body()).contains("\"status\": \"draining\"");
            assertThat(OperatorHttp.agentLine(s.agentCheckPort())).isEqualTo("drain\n");
            assertThat(idle.closedByServer(Duration.ofSeconds(10))).as("idle LB connection closed")
                    .isTrue();
            Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", s.loadBalancerPort()).close())
                    .isInstanceOf(ConnectException.class);
            // batchSize 1 leaves the third document behind, so the cursor (the connection's work) stays open:
            // without it the getMore would exhaust the cursor and the drain could close the connection at once.
            BsonDocument more = busy.command("ops", new BsonDocument("getMore", new org.bson.BsonInt64(cursorId))
                    .append("collection", new BsonString("d")).append("batchSize", new BsonInt32(1)));
            assertThat(more.getNumber("ok").intValue()).as(more.toJson()).isEqualTo(1);
            assertThat(more.getDocument("cursor").getInt64("id").longValue()).isEqualTo(cursorId);
            assertThat(s.draining()).isTrue();
            busy.command("ops", new BsonDocument("killCursors", new BsonString("d")).append("cursors",
                    new org.bson.BsonArray(List.of(new org.bson.BsonInt64(cursorId)))));
            s.awaitClosed();
            assertThat(busy.closedByServer(Duration.ofSeconds(10))).isTrue();
        } finally {
            s.close();
        }
    }

    @Test
    void shutdownCommandDrains() throws Exception {
        JmongosServer s = start();
        try (MongoClient c = Jmongos.mainPortClient(s)) {
            Document r = c.getDatabase("admin").runCommand(new Document("shutdown", 1).append("timeoutSecs", 5));
            assertThat(r.get("ok")).isEqualTo(1.0);
            s.awaitClosed();
            assertThat(s.draining()).isTrue();
        } finally {
            s.close();
        }
    }

    @Test
    void reverseProxyModeServesPlainClientsOnTheLbPort() throws Exception {
        BsonDocument plainHello = new BsonDocument("hello", new BsonInt32(1));
        try (JmongosServer strict = start();
             BlockingWireClient c = ProxiedConnections.open(strict.loadBalancerPort())) {
            assertThat(c.command("admin", plainHello).getNumber("code").intValue()).isEqualTo(354);
        }
        try (JmongosServer s = start("--setParameter", "loadBalancerRequireLoadBalancedClients=false")) {
            try (BlockingWireClient c = ProxiedConnections.open(s.loadBalancerPort())) {
                BsonDocument reply = c.command("admin", plainHello);
                assertThat(reply.getNumber("ok").intValue()).isEqualTo(1);
                assertThat(reply.containsKey("serviceId")).isFalse();
                for (int i = 0; i < 3; i++) {
                    c.command("ops", new BsonDocument("insert", new BsonString("p")).append("documents",
                            new org.bson.BsonArray(List.of(new BsonDocument("i", new BsonInt32(i))))));
                }
                BsonDocument find = c.command("ops", new BsonDocument("find", new BsonString("p"))
                        .append("batchSize", new BsonInt32(1)));
                assertThat(find.getDocument("cursor").getInt64("id").longValue()).isNotZero();
                BsonDocument lb = c.command("admin", new BsonDocument("hello", new BsonInt32(1))
                        .append("loadBalanced", BsonBoolean.TRUE));
                assertThat(lb.containsKey("serviceId")).as("only the first hello decides").isFalse();
            }
            try (MongoClient direct = Jmongos.mainPortClient(s)) {
                BsonDocument status = Jmongos.serverStatus(direct);
                assertThat(status.getDocument("metrics").getDocument("cursor").getDocument("open")
                        .getNumber("total").longValue()).as("an ordinary connection's cursor outlives it")
                        .isEqualTo(1);
                assertThat(status.getDocument("metrics").getDocument("cursor")
                        .getNumber("killedByLoadBalancerDisconnect").longValue()).isZero();
            }
            try (BlockingWireClient c = ProxiedConnections.open(s.loadBalancerPort())) {
                assertThat(c.command("admin", new BsonDocument("hello", new BsonInt32(1))
                        .append("loadBalanced", BsonBoolean.TRUE)).containsKey("serviceId"))
                        .as("load-balanced drivers still get a serviceId").isTrue();
            }
        }
    }

    static void assumePromtool() {
        assumeTrue(OperatorHttp.promtoolInstalled(), "promtool not installed (apt-get install prometheus)");
    }
}
