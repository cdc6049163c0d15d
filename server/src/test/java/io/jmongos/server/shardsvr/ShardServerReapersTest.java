package io.jmongos.server.shardsvr;

import static io.jmongos.server.shardsvr.ShardServerRoleTest.admin;
import static io.jmongos.server.shardsvr.ShardServerRoleTest.client;
import static io.jmongos.server.shardsvr.ShardServerRoleTest.currentOpen;
import static io.jmongos.server.shardsvr.ShardServerRoleTest.openCursors;
import static io.jmongos.server.shardsvr.ShardServerRoleTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BooleanSupplier;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;

import io.jmongos.server.JmongosServer;

/**
 * The shard server's own reapers, driven by runtime setParameter as an operator would after a router died:
 * the shard's cursor count and open-transaction count go back to where they were.
 */
class ShardServerReapersTest {
    /** Upper bound of a poll for the reaper; the reapers run every second here, so this is never the pace. */
    private static final long POLL_LIMIT_MILLIS = 30_000;

    private static void pollUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + POLL_LIMIT_MILLIS * 1_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("reaper did not act within the poll limit").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void idleCursorsAreKilledAfterCursorTimeoutMillisSetAtRuntime() throws InterruptedException {
        try (JmongosServer server = start("--shardsvr", "--setParameter", "clientCursorMonitorFrequencySecs=1");
             MongoClient c = client(server)) {
            MongoCollection<Document> coll = c.getDatabase("db").getCollection("c");
            for (int i = 0; i < 5; i++) {
                coll.insertOne(new Document("_id", i));
            }
            int before = openCursors(c);
            MongoCursor<Document> cur = coll.find().batchSize(1).iterator();
            cur.next();
            assertThat(openCursors(c)).isEqualTo(before + 1);
            admin(c, new Document("setParameter", 1).append("cursorTimeoutMillis", 1));
            pollUntil(() -> openCursors(c) == before);
            Document metrics = admin(c, new Document("serverStatus", 1)).get("metrics", Document.class)
                    .get("cursor", Document.class);
            assertThat(metrics.get("timedOut", Number.class).longValue()).isEqualTo(1);
            assertThatThrownBy(() -> {
                cur.next();
                cur.next();
            }).isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(43));
        }
    }

    @Test
    void transactionsOlderThanTheLifetimeLimitAreAborted() throws InterruptedException {
        try (JmongosServer server = start("--shardsvr"); MongoClient c = client(server)) {
            MongoCollection<Document> coll = c.getDatabase("db").getCollection("t");
            coll.insertOne(new Document("_id", 0));
            try (ClientSession s = c.startSession()) {
                s.startTransaction();
                coll.insertOne(s, new Document("_id", 1));
                assertThat(currentOpen(c)).isEqualTo(1);
                admin(c, new Document("setParameter", 1).append("transactionLifetimeLimitSeconds", 1));
                pollUntil(() -> currentOpen(c) == 0);
                assertThatThrownBy(s::commitTransaction).isInstanceOfSatisfying(MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(251));
            }
            assertThat(coll.countDocuments()).isEqualTo(1);
        }
    }
}
