package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.MongoException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;

import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientOptions;

/**
 * Processes that die (SIGKILL) in a cluster of their own: a router's orphaned shard cursors and transactions are
 * reaped by the shard's own limits (small here) or superseded by the client's retry through another router; a
 * killed shard server gives clients MongoDB's errors and labels at once, and serves again when restarted on its
 * port and dbpath, the routers untouched. Every case restarts what it killed.
 */
class ClusterFailuresTest {
    /** The shard servers' limits, small so the reapers act within the case: 1 s idle cursors, 3 s transactions. */
    static final List<String> SHARD_LIMITS = List.of("cursorTimeoutMillis=1000",
            "clientCursorMonitorFrequencySecs=1", "transactionLifetimeLimitSeconds=3");
    @RegisterExtension
    static final ClusterProcessesExtension CLUSTER = ClusterProcessesExtension.own(
            new ClusterOptions(2, false, true, SHARD_LIMITS));
    /** Bound on the reapers (a few of their periods) and on a restarted shard being used again (the backoff). */
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Documents of the database on the killed shard: createOn's seed and 9 more. */
    static final int DOCUMENTS = 10;
    /** The shard's log ids for its reapers' passes (ShardServerReapers). */
    static final String CURSORS_REAPED = "\"id\":9000500";
    static final String TRANSACTIONS_REAPED = "\"id\":9000501";

    @Test
    void aKilledRoutersShardCursorAndTransactionAreReapedByTheShard() {
        ClusterProcesses cluster = CLUSTER.cluster();
        try (MongoClient survivor = ClusterProcesses.direct(cluster.router(0))) {
            Databases.createOn(survivor, "orphans", "docs", ClusterProcesses.SHARD_A);
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                docs.add(new Document("_id", i));
            }
            survivor.getDatabase("orphans").getCollection("docs").insertMany(docs);
        }
        JmongosProcess doomed = cluster.router(1);
        JmongosProcess shard = cluster.shard(ClusterProcesses.SHARD_A);
        try (ShardStatus status = new ShardStatus(shard)) {
            long cursors = status.openCursors();
            long open = status.openTransactions();
            long aborted = status.abortedTransactions();
            long logFrom = shard.logSize();
            try (MongoClient client = ClusterProcesses.direct(doomed)) {
                MongoCursor<Document> cursor = client.getDatabase("orphans").getCollection("docs").find()
                        .batchSize(2).iterator();
                cursor.next();
                ClientSession session = client.startSession();
                session.startTransaction();
                client.getDatabase("orphans").getCollection("docs").insertOne(session, new Document("_id", "orphan"));
                assertThat(status.openCursors()).isEqualTo(cursors + 1);
                assertThat(status.openTransactions()).isEqualTo(open + 1);
                doomed.kill();
            } catch (MongoException e) {
                // closing a client whose router is gone may complain; the router is what this case is about
            } finally {
                doomed.kill();
            }
            Poll.until("the shard reaped the dead router's cursor and transaction", DEADLINE,
                    () -> status.openCursors() == cursors && status.openTransactions() == open
                            && status.abortedTransactions() == aborted + 1, status::describe);
            String log = shard.logSince(logFrom);
            assertThat(log).as("the cursor reaper's log line").contains(CURSORS_REAPED);
            assertThat(log).as("the transaction reaper's log line").contains(TRANSACTIONS_REAPED);
        } finally {
            doomed.restart();
        }
        try (MongoClient survivor = ClusterProcesses.direct(cluster.router(0))) {
            assertThat(survivor.getDatabase("orphans").getCollection("docs").countDocuments(new Document("_id",
                    "orphan"))).as("nothing of the orphan committed").isZero();
        }
    }

    @Test
    void aTransactionRetriedOnAnotherRouterWithAHigherTxnNumberSupersedesTheOrphan() {
        ClusterProcesses cluster = CLUSTER.cluster();
        try (MongoClient survivor = ClusterProcesses.direct(cluster.router(0))) {
            Databases.createOn(survivor, "superseded", "c", ClusterProcesses.SHARD_B);
            survivor.getDatabase("superseded").getCollection("c").insertOne(new Document("_id", "x").append("v", 0));
        }
        JmongosProcess doomed = cluster.router(1);
        JmongosProcess shard = cluster.shard(ClusterProcesses.SHARD_B);
        // The orphan must outlive this case's checks: the reaper's limit goes up for it, and back after.
        setLifetimeLimit(shard, 600);
        BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID()));
        try (ShardStatus status = new ShardStatus(shard)) {
            long open = status.openTransactions();
            try (BlockingWireClient c = BlockingWireClient.open(doomed.port(), WireClientOptions.defaults())) {
                BsonDocument r = c.run(setV(lsid, 1, 1).append("startTransaction", BsonBoolean.TRUE));
                assertThat(r.getNumber("ok").intValue()).as(r.toJson()).isEqualTo(1);
                assertThat(status.openTransactions()).isEqualTo(open + 1);
                doomed.kill();
            } finally {
                doomed.kill();
            }
            try (MongoClient survivor = ClusterProcesses.direct(cluster.router(0));
                 ClientSession other = survivor.startSession()) {
                other.startTransaction();
                MongoException conflict = catchThrowableOfType(MongoException.class, () -> survivor
                        .getDatabase("superseded").getCollection("c")
                        .updateOne(other, new Document("_id", "x"), new Document("$set", new Document("v", -1))));
                assertThat(conflict).as("another session meets the orphan's write").isNotNull();
                assertThat(conflict.getCode()).as(conflict.toString()).isEqualTo(112);
                other.abortTransaction();
            }
            try (BlockingWireClient c = BlockingWireClient.open(cluster.router(0).port(),
                    WireClientOptions.defaults())) {
                BsonDocument r = c.run(setV(lsid, 2, 2).append("startTransaction", BsonBoolean.TRUE));
                assertThat(r.getNumber("ok").intValue()).as("the retry is not blocked by the orphan: " + r.toJson())
                        .isEqualTo(1);
                BsonDocument commit = c.run(new BsonDocument("commitTransaction", new BsonInt32(1))
                        .append("$db", new BsonString("admin")).append("lsid", lsid)
                        .append("txnNumber", new BsonInt64(2)).append("autocommit", BsonBoolean.FALSE));
                assertThat(commit.getNumber("ok").intValue()).as(commit.toJson()).isEqualTo(1);
            }
            assertThat(status.openTransactions()).as("the orphan is gone with the retry").isEqualTo(open);
        } finally {
            setLifetimeLimit(shard, 3);
            doomed.restart();
        }
        try (MongoClient survivor = ClusterProcesses.direct(cluster.router(0))) {
            assertThat(survivor.getDatabase("superseded").getCollection("c").find(new Document("_id", "x")).first())
                    .containsEntry("v", 2);
        }
    }

    @Test
    void aKilledShardGivesHostUnreachableWithLabelsAndServesAgainWhenRestarted() {
        ClusterProcesses cluster = CLUSTER.cluster();
        try (MongoClient router = ClusterProcesses.direct(cluster.router(0))) {
            Databases.createOn(router, "survivor", "c", ClusterProcesses.SHARD_B);
            for (int i = 1; i < DOCUMENTS; i++) {
                router.getDatabase("survivor").getCollection("c").insertOne(new Document("_id", i));
            }
        }
        JmongosProcess shard = cluster.shard(ClusterProcesses.SHARD_B);
        try (MongoClient one = ClusterProcesses.direct(cluster.router(0));
             MongoClient two = ClusterProcesses.direct(cluster.router(1))) {
            shard.kill();
            try {
                MongoException read = catchThrowableOfType(MongoException.class,
                        () -> one.getDatabase("survivor").getCollection("c").countDocuments());
                assertUnreachable(read);
                MongoException write = catchThrowableOfType(MongoException.class,
                        () -> two.getDatabase("survivor").getCollection("c").insertOne(new Document("_id", "w")));
                assertUnreachable(write);
                assertThat(write.hasErrorLabel("RetryableWriteError")).as(write.toString()).isTrue();
                try (ClientSession session = one.startSession()) {
                    session.startTransaction();
                    MongoException inTxn = catchThrowableOfType(MongoException.class, () -> one.getDatabase("survivor")
                            .getCollection("c").insertOne(session, new Document("_id", "t")));
                    assertUnreachable(inTxn);
                    assertThat(inTxn.hasErrorLabel("TransientTransactionError")).as(inTxn.toString()).isTrue();
                }
            } finally {
                shard.restart();
            }
            for (MongoClient c : List.of(one, two)) {
                Poll.until("the routers use the restarted shard", DEADLINE,
                        () -> c.getDatabase("survivor").getCollection("c").countDocuments() == DOCUMENTS,
                        () -> "count " + c.getDatabase("survivor").getCollection("c").countDocuments()
                                + ", on the shard itself " + countOn(shard));
            }
            two.getDatabase("survivor").getCollection("c").insertOne(new Document("_id", "after"));
            assertThat(one.getDatabase("survivor").getCollection("c").countDocuments()).isEqualTo(DOCUMENTS + 1);
        }
    }

    private static String countOn(JmongosProcess shard) {
        try (MongoClient c = ClusterProcesses.direct(shard)) {
            return String.valueOf(c.getDatabase("survivor").getCollection("c").countDocuments());
        }
    }

    private static void assertUnreachable(MongoException e) {
        assertThat(e).as("an error, not a hang").isNotNull();
        assertThat(e.getCode()).as(e.toString()).isIn(6, 70);
    }

    /** {@code update superseded.c {_id: x} {$set: {v}}} in the transaction {@code lsid}/{@code txnNumber}. */
    private static BsonDocument setV(BsonDocument lsid, long txnNumber, int v) {
        return new BsonDocument("update", new BsonString("c")).append("$db", new BsonString("superseded"))
                .append("updates", new BsonArray(List.of(new BsonDocument("q", new BsonDocument("_id",
                        new BsonString("x"))).append("u", new BsonDocument("$set",
                        new BsonDocument("v", new BsonInt32(v)))))))
                .append("lsid", lsid).append("txnNumber", new BsonInt64(txnNumber))
                .append("autocommit", BsonBoolean.FALSE);
    }

    private static void setLifetimeLimit(JmongosProcess shard, int seconds) {
        try (MongoClient c = ClusterProcesses.direct(shard)) {
            c.getDatabase("admin").runCommand(new Document("setParameter", 1)
                    .append("transactionLifetimeLimitSeconds", seconds));
        }
    }
}
