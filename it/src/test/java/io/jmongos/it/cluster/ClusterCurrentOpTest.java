package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;

import io.jmongos.server.JmongosServer;

/**
 * $currentOp, currentOp and killOp through the routers of an in-JVM cluster, driven by the official Java driver: the
 * shards' cursors and running operations are listed with their shard's name (opid "shard:opid", client_s) and match
 * what each shard server lists itself; localOps lists the router's own; killOp of a shard's opid reaches that shard.
 */
class ClusterCurrentOpTest {
    private static final String ON_A = "ops_a";
    private static final String ON_B = "ops_b";
    /** How long a change stream's getMore waits on its shard: long enough to be seen and killed while it waits. */
    private static final int AWAIT_MILLIS = 5000;
    /** Bound on waiting for a condition (an operation to show up, a getMore to end). */
    private static final long DEADLINE_MILLIS = 30_000;

    private static InJvmCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            for (String[] p : new String[][] {{ON_A, InJvmCluster.SHARD_A}, {ON_B, InJvmCluster.SHARD_B}}) {
                for (int i = 0; i < 10; i++) {
                    one.getDatabase(p[0]).getCollection("c").insertOne(new Document("_id", i));
                }
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

    /** The $currentOp entries {@code server} lists with {@code spec}, then the {@code match} stage. */
    private static List<BsonDocument> currentOp(JmongosServer server, BsonDocument spec, BsonDocument match) {
        try (MongoClient c = InJvmCluster.client(server)) {
            List<BsonDocument> out = new ArrayList<>();
            c.getDatabase("admin").aggregate(List.of(new BsonDocument("$currentOp", spec),
                    new BsonDocument("$match", match)), BsonDocument.class).forEach(out::add);
            return out;
        }
    }

    private static long openCursor(MongoClient router, String db) {
        return router.getDatabase(db).runCommand(new BsonDocument("find", new BsonString("c"))
                .append("batchSize", new BsonInt32(1)), BsonDocument.class).getDocument("cursor").getInt64("id")
                .getValue();
    }

    private static Set<Long> cursorIds(List<BsonDocument> entries) {
        Set<Long> out = new TreeSet<>();
        entries.forEach(e -> out.add(e.getDocument("cursor").getNumber("cursorId").longValue()));
        return out;
    }

    @Test
    void idleCursorsOfEveryShardCarryTheirShardNameAndLocalOpsListsTheRoutersOwn() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            long routerCursorA = openCursor(one, ON_A);
            long routerCursorB = openCursor(one, ON_B);
            BsonDocument idle = BsonDocument.parse("{idleCursors: true}");
            BsonDocument cursors = BsonDocument.parse("{type: 'idleCursor'}");
            List<BsonDocument> onA = currentOp(cluster.shardA, idle, cursors);
            List<BsonDocument> onB = currentOp(cluster.shardB, idle, cursors);
            List<BsonDocument> viaTwo = currentOp(cluster.routerTwo, idle, cursors);

            List<BsonDocument> labelledA = viaTwo.stream()
                    .filter(e -> e.getString("shard").getValue().equals(InJvmCluster.SHARD_A)).toList();
            List<BsonDocument> labelledB = viaTwo.stream()
                    .filter(e -> e.getString("shard").getValue().equals(InJvmCluster.SHARD_B)).toList();
            assertThat(labelledA.size() + labelledB.size()).as("every entry names its shard").isEqualTo(viaTwo.size());
            assertThat(cursorIds(labelledA)).isEqualTo(cursorIds(onA)).hasSize(1);
            assertThat(cursorIds(labelledB)).isEqualTo(cursorIds(onB)).hasSize(1);
            assertThat(labelledA.get(0).getString("ns").getValue()).isEqualTo(ON_A + ".c");
            assertThat(labelledB.get(0).getString("ns").getValue()).isEqualTo(ON_B + ".c");
            BsonDocument shardsOwn = onA.get(0).clone();
            BsonDocument labelled = labelledA.get(0).clone();
            labelled.remove("shard");
            assertThat(labelled).as("the shard's own entry, with its name in front").isEqualTo(shardsOwn);

            List<BsonDocument> local = currentOp(cluster.routerOne, BsonDocument.parse("{idleCursors: true,"
                    + " localOps: true}"), cursors);
            assertThat(local).allSatisfy(e -> assertThat(e.containsKey("shard")).isFalse());
            assertThat(cursorIds(local)).containsExactlyInAnyOrder(routerCursorA, routerCursorB);
            assertThat(currentOp(cluster.routerTwo, BsonDocument.parse("{idleCursors: true, localOps: true}"),
                    cursors)).as("router two holds no cursor").isEmpty();
            for (long id : new long[] {routerCursorA, routerCursorB}) {
                String db = id == routerCursorA ? ON_A : ON_B;
                one.getDatabase(db).runCommand(new BsonDocument("killCursors", new BsonString("c"))
                        .append("cursors", new org.bson.BsonArray(List.of(new BsonInt64(id)))));
            }
        }
    }

    @Test
    void aRunningShardOperationIsListedWithItsShardAndKilledByItsShardOpid() throws Exception {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo)) {
            long stream = one.getDatabase(ON_A).runCommand(new BsonDocument("aggregate", new BsonString("c"))
                    .append("pipeline", new org.bson.BsonArray(List.of(new BsonDocument("$changeStream",
                            new BsonDocument())))).append("cursor", new BsonDocument()), BsonDocument.class)
                    .getDocument("cursor").getInt64("id").getValue();
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    one.getDatabase(ON_A).runCommand(new BsonDocument("getMore", new BsonInt64(stream))
                            .append("collection", new BsonString("c"))
                            .append("maxTimeMS", new BsonInt32(AWAIT_MILLIS)));
                    return 0;
                } catch (MongoCommandException e) {
                    return e.getErrorCode();
                }
            });
            BsonDocument getMoreOnA = BsonDocument.parse("{shard: '" + InJvmCluster.SHARD_A + "', op: 'getmore',"
                    + " ns: '" + ON_A + ".c'}");
            List<BsonDocument> seen = List.of();
            long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
            while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                seen = currentOp(cluster.routerTwo, new BsonDocument(), getMoreOnA);
            }
            assertThat(seen).as("the shard's getMore shows up").hasSize(1);
            BsonDocument op = seen.get(0);
            String opid = op.getString("opid").getValue();
            assertThat(opid).startsWith(InJvmCluster.SHARD_A + ":");
            assertThat(op.containsKey("client_s")).isTrue();
            assertThat(op.containsKey("client")).isFalse();
            assertThat(op.getBoolean("active").getValue()).isTrue();

            Document killed = two.getDatabase("admin").runCommand(new Document("killOp", 1).append("op", opid));
            assertThat(killed.getString("shard")).isEqualTo(InJvmCluster.SHARD_A);
            assertThat(killed.getInteger("shardid")).isEqualTo(Integer.parseInt(opid.substring(opid.indexOf(':')
                    + 1)));
            assertThat(waiting.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).as("Interrupted").isEqualTo(11601);
        }
    }

    @Test
    void localOpsListsTheRoutersOwnOperationsWithoutAShard() {
        List<BsonDocument> own = currentOp(cluster.routerOne, BsonDocument.parse("{localOps: true}"),
                BsonDocument.parse("{'command.aggregate': 1}"));
        assertThat(own).hasSize(1);
        assertThat(own.get(0).containsKey("shard")).isFalse();
        assertThat(own.get(0).get("opid").isNumber()).isTrue();
        assertThat(own.get(0).containsKey("client")).isTrue();
        List<BsonDocument> shards = currentOp(cluster.routerOne, new BsonDocument(),
                BsonDocument.parse("{'command.aggregate': 1, 'command.pipeline.0.$currentOp': {$exists: true}}"));
        assertThat(shards).as("each shard runs the stage the router sent it")
                .extracting(e -> e.getString("shard").getValue())
                .containsExactlyInAnyOrder(InJvmCluster.SHARD_A, InJvmCluster.SHARD_B);
    }

    @Test
    void theCurrentOpCommandListsTheShardsSortedByShard() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            openCursor(one, ON_B);
            openCursor(one, ON_A);
            Document all = one.getDatabase("admin").runCommand(new Document("currentOp", 1).append("$all", true));
            List<String> shards = new ArrayList<>();
            for (Document d : all.getList("inprog", Document.class)) {
                shards.add(d.getString("shard"));
            }
            assertThat(shards).isSorted().contains(InJvmCluster.SHARD_A, InJvmCluster.SHARD_B);
            Document onB = one.getDatabase("admin").runCommand(new Document("currentOp", 1).append("$all", true)
                    .append("type", "idleCursor").append("ns", ON_B + ".c"));
            assertThat(onB.getList("inprog", Document.class)).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getString("shard")).isEqualTo(InJvmCluster.SHARD_B));
        }
    }

    @Test
    void killOpRefusesWhatMongosRefuses() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            assertThatThrownBy(() -> one.getDatabase("admin").runCommand(new Document("killOp", 1)
                    .append("op", "nocolon"))).isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(28625);
                        assertThat(e.getErrorMessage()).isEqualTo("The op argument to killOp must be of the format "
                                + "shardid:opid but found \"nocolon\"");
                    });
            assertThatThrownBy(() -> one.getDatabase("admin").runCommand(new Document("killOp", 1)
                    .append("op", "shard9999:1"))).isInstanceOfSatisfying(MongoCommandException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(70));
        }
    }
}
