package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;

/**
 * A load-balanced client that disappears (its sockets closed, nothing said) through HAProxy: the router it reached
 * kills its cursor on the shard that holds it and aborts its transaction at every shard it touched. Checked at the
 * shard servers themselves (their serverStatus), not at the router.
 */
class BalancedClientDisconnectTest {
    @RegisterExtension
    static final ClusterProcessesExtension CLUSTER = ClusterProcessesExtension.shared();
    /** Bound on the router's cleanup after the close (it is immediate; the bound is against a hang only). */
    static final Duration CLEANUP = Duration.ofSeconds(15);

    @Test
    void aCursorIsKilledOnItsShardWhenTheBalancedClientDisconnects() {
        ClusterProcesses cluster = CLUSTER.cluster();
        String primary;
        try (MongoClient router = ClusterProcesses.direct(cluster.router(0))) {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                docs.add(new Document("_id", i));
            }
            router.getDatabase("lb_cursor").getCollection("docs").insertMany(docs);
            primary = Databases.primary(router, "lb_cursor");
        }
        try (ShardStatus shard = new ShardStatus(cluster.shard(primary));
             VanishingClient app = new VanishingClient(cluster.balancedUri())) {
            long before = shard.openCursors();
            MongoCursor<Document> cursor = app.client().getDatabase("lb_cursor").getCollection("docs").find()
                    .batchSize(2).iterator();
            assertThat(cursor.next()).containsEntry("_id", 0);
            assertThat(shard.openCursors()).as("the find's cursor is open on its shard " + primary)
                    .isEqualTo(before + 1);

            app.vanish();
            Poll.until("the shard's open cursors back to " + before, CLEANUP,
                    () -> shard.openCursors() == before, shard::describe);
        }
    }

    @Test
    void aTransactionOnBothShardsIsAbortedAtEachWhenTheBalancedClientDisconnects() {
        ClusterProcesses cluster = CLUSTER.cluster();
        try (MongoClient router = ClusterProcesses.direct(cluster.router(1))) {
            Databases.createOn(router, "lb_txn_a", "c", ClusterProcesses.SHARD_A);
            Databases.createOn(router, "lb_txn_b", "c", ClusterProcesses.SHARD_B);
        }
        try (ShardStatus a = new ShardStatus(cluster.shard(0)); ShardStatus b = new ShardStatus(cluster.shard(1));
             VanishingClient app = new VanishingClient(cluster.balancedUri())) {
            long openA = a.openTransactions();
            long openB = b.openTransactions();
            long abortedA = a.abortedTransactions();
            long abortedB = b.abortedTransactions();
            ClientSession session = app.client().startSession();
            session.startTransaction();
            app.client().getDatabase("lb_txn_a").getCollection("c").insertOne(session, new Document("_id", "t"));
            app.client().getDatabase("lb_txn_b").getCollection("c").insertOne(session, new Document("_id", "t"));
            assertThat(a.openTransactions()).as("open on shard0000").isEqualTo(openA + 1);
            assertThat(b.openTransactions()).as("open on shard0001").isEqualTo(openB + 1);

            app.vanish();
            Poll.until("the transaction aborted on both shards", CLEANUP,
                    () -> a.openTransactions() == openA && b.openTransactions() == openB
                            && a.abortedTransactions() == abortedA + 1 && b.abortedTransactions() == abortedB + 1,
                    () -> a.describe() + "; " + b.describe());
        }
        try (MongoClient other = ClusterProcesses.direct(cluster.router(2))) {
            for (String db : List.of("lb_txn_a", "lb_txn_b")) {
                var c = other.getDatabase(db).getCollection("c");
                assertThat(c.countDocuments(new Document("_id", "t"))).as("nothing of it committed in " + db)
                        .isZero();
                c.insertOne(new Document("_id", "t"));
            }
        }
    }
}
