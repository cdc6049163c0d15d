package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;

import io.jmongos.server.JmongosServer;

/**
 * killCursors, killSessions, killAllSessions, killAllSessionsByPattern and endSessions through the routers of an
 * in-JVM cluster, checked against each shard server's own counts (serverStatus {@code metrics.cursor.open.total},
 * {@code transactions.currentOpen}): a router cursor's kill reaches its shard cursor; the session kills reach every
 * shard whatever router the sessions ran on (mongos's killSessionsRemote); endSessions, as mongos's, ends what the
 * router itself holds and is not sent to the shards.
 */
class ClusterSessionKillTest {
    private static final String ON_A = "kill_a";
    private static final String ON_B = "kill_b";

    private static InJvmCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            for (String[] p : new String[][] {{ON_A, InJvmCluster.SHARD_A}, {ON_B, InJvmCluster.SHARD_B}}) {
                for (int i = 0; i < 10; i++) {
                    one.getDatabase(p[0]).getCollection("c").insertOne(new Document("_id", i));
                }
                one.getDatabase(p[0]).createCollection("t");
                Document entry = one.getDatabase("config").getCollection("databases")
                        .find(new Document("_id", p[0])).first();
                if (!entry.getString("primary").equals(p[1])) {
                    one.getDatabase("admin").runCommand(new Document("movePrimary", p[0]).append("to", p[1]));
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static BsonDocument serverStatus(JmongosServer shard) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            return c.getDatabase("admin").runCommand(new BsonDocument("serverStatus", new BsonInt32(1)),
                    BsonDocument.class);
        }
    }

    /** The shard server's own count of open cursors. */
    private static long openCursors(JmongosServer shard) {
        return serverStatus(shard).getDocument("metrics").getDocument("cursor").getDocument("open")
                .getNumber("total").longValue();
    }

    /** The shard server's own count of open transactions. */
    private static long openTransactions(JmongosServer shard) {
        return serverStatus(shard).getDocument("transactions").getNumber("currentOpen").longValue();
    }

    /** A cursor left open on {@code db}'s shard in {@code session}, its first document read. */
    private static MongoCursor<Document> openCursor(MongoClient router, ClientSession session, String db) {
        MongoCursor<Document> c = router.getDatabase(db).getCollection("c").find(session).batchSize(1).iterator();
        c.next();
        return c;
    }

    private static BsonDocument lsid(ClientSession s) {
        return s.getServerSession().getIdentifier();
    }

    @Test
    void killCursorsOfARouterCursorKillsItsShardCursor() {
        long before = openCursors(cluster.shardA);
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            BsonDocument found = one.getDatabase(ON_A).runCommand(new BsonDocument("find", new BsonString("c"))
                    .append("batchSize", new BsonInt32(2)), BsonDocument.class);
            long id = found.getDocument("cursor").getInt64("id").getValue();
            assertThat(id).isNotZero();
            assertThat(openCursors(cluster.shardA)).isEqualTo(before + 1);
            BsonDocument killed = one.getDatabase(ON_A).runCommand(new BsonDocument("killCursors",
                    new BsonString("c")).append("cursors", new BsonArray(List.of(new BsonInt64(id)))),
                    BsonDocument.class);
            assertThat(killed.getArray("cursorsKilled")).containsExactly(new BsonInt64(id));
            assertThat(openCursors(cluster.shardA)).as("the shard's own cursor is gone").isEqualTo(before);
        }
    }

    @Test
    void killSessionsThroughAnotherRouterEndsTheirCursorsAndTransactionsOnEveryShard() {
        long cursorsA = openCursors(cluster.shardA);
        long cursorsB = openCursors(cluster.shardB);
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo);
             ClientSession reader = one.startSession();
             ClientSession writer = one.startSession()) {
            MongoCursor<Document> onA = openCursor(one, reader, ON_A);
            MongoCursor<Document> onB = openCursor(one, reader, ON_B);
            writer.startTransaction();
            one.getDatabase(ON_A).getCollection("t").insertOne(writer, new Document("_id", "in a transaction"));
            one.getDatabase(ON_B).getCollection("t").insertOne(writer, new Document("_id", "in a transaction"));
            assertThat(openCursors(cluster.shardA)).isEqualTo(cursorsA + 1);
            assertThat(openCursors(cluster.shardB)).isEqualTo(cursorsB + 1);
            assertThat(openTransactions(cluster.shardA)).isEqualTo(1);
            assertThat(openTransactions(cluster.shardB)).isEqualTo(1);

            two.getDatabase("admin").runCommand(new Document("killSessions", List.of(lsid(reader), lsid(writer))));

            assertThat(openCursors(cluster.shardA)).isEqualTo(cursorsA);
            assertThat(openCursors(cluster.shardB)).isEqualTo(cursorsB);
            assertThat(openTransactions(cluster.shardA)).isZero();
            assertThat(openTransactions(cluster.shardB)).isZero();
            assertThatThrownBy(onA::next).isInstanceOfSatisfying(MongoCommandException.class,
                    e -> assertThat(e.getErrorCode()).as("the shard cursor is gone").isEqualTo(43));
            assertThatThrownBy(writer::commitTransaction).isInstanceOf(MongoException.class);
            onB.close();
        }
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            assertThat(one.getDatabase(ON_A).getCollection("t").countDocuments()).as("the transaction was aborted")
                    .isZero();
        }
    }

    @Test
    void killAllSessionsThroughAnotherRouterEndsTheCursorsOnEveryShard() {
        long cursorsA = openCursors(cluster.shardA);
        long cursorsB = openCursors(cluster.shardB);
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo);
             ClientSession s = one.startSession()) {
            openCursor(one, s, ON_A);
            openCursor(one, s, ON_B);
            assertThat(openCursors(cluster.shardA) + openCursors(cluster.shardB)).isEqualTo(cursorsA + cursorsB + 2);
            two.getDatabase("admin").runCommand(new Document("killAllSessions", List.of()));
            assertThat(openCursors(cluster.shardA)).isEqualTo(cursorsA);
            assertThat(openCursors(cluster.shardB)).isEqualTo(cursorsB);
        }
    }

    @Test
    void killAllSessionsByPatternKillsOnlyTheNamedSession() {
        long cursorsA = openCursors(cluster.shardA);
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo);
             ClientSession killed = one.startSession();
             ClientSession kept = one.startSession()) {
            MongoCursor<Document> gone = openCursor(one, killed, ON_A);
            MongoCursor<Document> alive = openCursor(one, kept, ON_A);
            assertThat(openCursors(cluster.shardA)).isEqualTo(cursorsA + 2);
            two.getDatabase("admin").runCommand(new Document("killAllSessionsByPattern",
                    List.of(new Document("lsid", lsid(killed)))));
            assertThat(openCursors(cluster.shardA)).isEqualTo(cursorsA + 1);
            assertThat(alive.next()).isNotNull();
            assertThatThrownBy(gone::next).isInstanceOfSatisfying(MongoCommandException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(43));
            alive.close();
            assertThatThrownBy(() -> two.getDatabase("admin").runCommand(new Document("killAllSessionsByPattern",
                    List.of(new Document("nobody", 1))))).isInstanceOfSatisfying(MongoCommandException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(40415));
        }
    }

    @Test
    void endSessionsEndsWhatItsRouterHoldsAndIsNotSentToTheShards() {
        long cursorsB = openCursors(cluster.shardB);
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo);
             ClientSession s = one.startSession()) {
            MongoCursor<Document> onB = openCursor(one, s, ON_B);
            two.getDatabase("admin").runCommand(new Document("endSessions", List.of(lsid(s))));
            assertThat(openCursors(cluster.shardB)).as("router two holds nothing of the session")
                    .isEqualTo(cursorsB + 1);
            assertThat(onB.next()).isNotNull();
            one.getDatabase("admin").runCommand(new Document("endSessions", List.of(lsid(s))));
            assertThat(openCursors(cluster.shardB)).as("router one killed its cursor and so the shard's")
                    .isEqualTo(cursorsB);
        }
    }
}
