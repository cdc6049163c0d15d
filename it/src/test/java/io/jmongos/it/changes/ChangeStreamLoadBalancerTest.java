package io.jmongos.it.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.server.JmongosServer;
import io.jmongos.wire.client.BlockingWireClient;
import java.nio.charset.StandardCharsets;

/**
 * A change stream getMore waiting for changes on a load-balanced connection: when the connection closes, the
 * cursor is killed at once (the wait is interrupted), not when the getMore's await time runs out.
 */
class ChangeStreamLoadBalancerTest {
    /** The waiting getMore's await time: far longer than the test waits for the cleanup. */
    private static final long AWAIT_MILLIS = 300_000;
    /** How long the test waits for the cleanup: well under {@link #AWAIT_MILLIS}. */
    private static final long CLEANUP_WAIT_MILLIS = 30_000;

    private static JmongosServer server;
    private static MongoClient client;
    private static int lbPort;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            lbPort = s.getLocalPort();
        }
        server = JmongosServer.start(List.of("--port", "0", "--setParameter", "loadBalancerPort=" + lbPort));
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.mainPort())).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static BsonDocument cursorMetrics() {
        return client.getDatabase("admin").runCommand(new Document("serverStatus", 1), BsonDocument.class)
                .getDocument("metrics").getDocument("cursor");
    }

    private static long open() {
        return cursorMetrics().getDocument("open").getNumber("total").longValue();
    }

    private static long pinned() {
        return cursorMetrics().getDocument("open").getNumber("pinned").longValue();
    }

    private static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void closingTheConnectionEndsAWaitingGetMoreAtOnce() throws Exception {
        long before = open();
        long killedBefore = cursorMetrics().getNumber("killedByLoadBalancerDisconnect").longValue();
        String header = "PROXY TCP4 10.1.2.3 127.0.0.1 5555 " + lbPort + "\r\n";
        BlockingWireClient lb = BlockingWireClient.open(lbPort,
                (local, remote) -> header.getBytes(StandardCharsets.US_ASCII));
        try {
            BsonDocument hello = lb.run(new BsonDocument("hello", new BsonInt32(1))
                    .append("loadBalanced", BsonBoolean.TRUE).append("$db", new BsonString("admin")));
            assertThat(hello.containsKey("serviceId")).isTrue();
            BsonDocument agg = lb.run(new BsonDocument("aggregate", new BsonString("lb"))
                    .append("pipeline", new BsonArray(List.of(new BsonDocument("$changeStream", new BsonDocument()))))
                    .append("cursor", new BsonDocument()).append("$db", new BsonString("changes")));
            long id = agg.getDocument("cursor").getInt64("id").getValue();
            assertThat(id).isNotZero();
            lb.send(new BsonDocument("getMore", new BsonInt64(id)).append("collection", new BsonString("lb"))
                    .append("maxTimeMS", new BsonInt64(AWAIT_MILLIS)).append("$db", new BsonString("changes")));
            assertThat(await(CLEANUP_WAIT_MILLIS, () -> pinned() == 1)).as("getMore waiting").isTrue();
        } finally {
            lb.close();
        }
        assertThat(await(CLEANUP_WAIT_MILLIS, () -> open() == before)).as("cursor killed on disconnect").isTrue();
        assertThat(cursorMetrics().getNumber("killedByLoadBalancerDisconnect").longValue())
                .isEqualTo(killedBefore + 1);
    }
}
