package io.jmongos.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.router.log.RamLog;

/** The programmatic entry point with the real driver: ports, parameters, getCmdLineOpts, JSON log lines. */
class JmongosServerTest {
    static MongoClient client(String address) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + address))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build());
    }

    @Test
    void startsOnFreePortsAndReportsItsOptions() throws IOException {
        int lb;
        try (ServerSocket s = new ServerSocket(0)) {
            lb = s.getLocalPort();
        }
        try (JmongosServer server = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1",
                "--setParameter", "loadBalancerPort=" + lb));
             MongoClient c = client(server.mainAddress())) {
            assertThat(server.mainPort()).isPositive().isNotEqualTo(lb);
            assertThat(server.loadBalancerPort()).isEqualTo(lb);
            Document ping = c.getDatabase("admin").runCommand(new Document("ping", 1));
            assertThat(ping.get("ok", Number.class).intValue()).isEqualTo(1);
            Document param = c.getDatabase("admin").runCommand(new Document("getParameter", 1)
                    .append("loadBalancerPort", 1));
            assertThat(param.get("loadBalancerPort", Number.class).intValue()).isEqualTo(lb);
            Document opts = c.getDatabase("admin").runCommand(new Document("getCmdLineOpts", 1));
            assertThat(opts.getList("argv", String.class)).containsExactly("jmongos", "--port", "0", "--bind_ip",
                    "127.0.0.1", "--setParameter", "loadBalancerPort=" + lb);
            assertThat(opts.get("parsed", Document.class).get("setParameter", Document.class)
                    .getString("loadBalancerPort")).isEqualTo(String.valueOf(lb));
            Document status = c.getDatabase("admin").runCommand(new Document("serverStatus", 1));
            assertThat(status.get("connections", Document.class).get("loadBalanced", Number.class).intValue())
                    .isZero();
        }
    }

    @Test
    void logPathWritesJsonLinesToTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path log = dir.resolve("jmongos.log");
        try (JmongosServer server = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1",
                "--logpath", log.toString()))) {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(BsonDocument.parse(l).keySet())
                    .contains("t", "s", "c", "id", "ctx", "msg"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"Waiting for connections\"")
                    .contains("\"port\":" + server.mainPort()));
        } finally {
            io.jmongos.server.log.LoggingSetup.configure(null, false, 0, false);
        }
    }

    @Test
    void logLinesAreMongoDbLogV2Json() {
        try (JmongosServer server = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
             MongoClient c = client(server.mainAddress())) {
            c.getDatabase("admin").runCommand(new Document("ping", 1));
            List<String> lines = RamLog.global().lines();
            String waiting = lines.stream().filter(l -> l.contains("\"Waiting for connections\"")).reduce((a, b) -> b)
                    .orElseThrow();
            BsonDocument w = BsonDocument.parse(waiting);
            assertThat(w.isDateTime("t")).isTrue();
            assertThat(w.getString("s").getValue()).isEqualTo("I");
            assertThat(w.getString("c").getValue()).isEqualTo("NETWORK");
            assertThat(w.getInt32("id").getValue()).isEqualTo(23016);
            assertThat(w.getDocument("attr").getInt32("port").getValue()).isEqualTo(server.mainPort());
            BsonDocument accepted = lines.stream().filter(l -> l.contains("\"Connection accepted\""))
                    .map(BsonDocument::parse).reduce((a, b) -> b).orElseThrow();
            assertThat(accepted.getInt32("id").getValue()).isEqualTo(22943);
            assertThat(accepted.getString("ctx").getValue()).startsWith("conn");
            assertThat(accepted.getDocument("attr").keySet())
                    .contains("remote", "connectionId", "connectionCount");
            assertThat(accepted.getDocument("attr").getString("remote").getValue()).startsWith("127.0.0.1:");
        }
    }
}
