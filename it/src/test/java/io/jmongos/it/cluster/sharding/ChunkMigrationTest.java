package io.jmongos.it.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.jmongos.it.cluster.InJvmCluster;
import io.jmongos.server.JmongosServer;

/**
 * split, moveChunk and moveRange through the routers of an in-JVM cluster, by the official Java driver: the chunk
 * metadata as MongoDB commits it (minor versions for a split, a new major for a move), the documents of a moved
 * chunk found on the recipient and gone from the donor (each shard checked directly), both routers answering
 * exactly after the move, and writers on both routers while a chunk moves back and forth: every acknowledged write
 * is found once, on the shard that owns its chunk.
 */
class ChunkMigrationTest {
    private static InJvmCluster cluster;
    private static MongoClient one;
    private static MongoClient two;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
        one = InJvmCluster.client(cluster.routerOne);
        two = InJvmCluster.client(cluster.routerTwo);
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Document admin(MongoClient c, Document cmd) {
        return c.getDatabase("admin").runCommand(cmd);
    }

    private static int code(MongoClient c, Document cmd) {
        try {
            admin(c, cmd);
            return 0;
        } catch (MongoCommandException e) {
            return e.getErrorCode();
        }
    }

    private static List<Document> chunks(String ns) {
        Document entry = one.getDatabase("config").getCollection("collections").find(new Document("_id", ns)).first();
        return one.getDatabase("config").getCollection("chunks").find(new Document("uuid", entry.get("uuid")))
                .sort(new Document("min", 1)).into(new ArrayList<>());
    }

    private static Set<Object> idsOn(JmongosServer shard, String db, String coll) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            Set<Object> ids = new HashSet<>();
            c.getDatabase(db).getCollection(coll).find().forEach(d -> ids.add(d.get("_id")));
            return ids;
        }
    }

    private static String primaryOf(String db) {
        return one.getDatabase("config").getCollection("databases").find(new Document("_id", db)).first()
                .getString("primary");
    }

    @Test
    void splitThenMoveAChunk() {
        admin(one, new Document("shardCollection", "mig.r").append("key", new Document("k", 1)));
        MongoCollection<Document> viaTwo = two.getDatabase("mig").getCollection("r");
        for (int k = 0; k < 100; k++) {
            viaTwo.insertOne(new Document("_id", k).append("k", k));
        }
        admin(one, new Document("split", "mig.r").append("middle", new Document("k", 50)));
        List<Document> split = chunks("mig.r");
        assertThat(split).hasSize(2);
        assertThat(split.get(0).get("lastmod")).isEqualTo(new BsonTimestamp(1, 1));
        assertThat(split.get(1).get("lastmod")).isEqualTo(new BsonTimestamp(1, 2));
        assertThat(code(one, new Document("split", "mig.r").append("middle", new Document("k", 50)))).isEqualTo(72);

        String primary = primaryOf("mig");
        String other = primary.equals(InJvmCluster.SHARD_A) ? InJvmCluster.SHARD_B : InJvmCluster.SHARD_A;
        admin(one, new Document("moveChunk", "mig.r").append("find", new Document("k", 70)).append("to", other));
        List<Document> moved = chunks("mig.r");
        assertThat(moved).extracting(c -> c.getString("shard")).containsExactly(primary, other);
        assertThat(moved.get(1).get("lastmod")).isEqualTo(new BsonTimestamp(2, 0));
        assertThat(moved.get(0).get("lastmod")).isEqualTo(new BsonTimestamp(2, 1));
        assertThat(moved.get(1).getList("history", Document.class).get(0).getString("shard")).isEqualTo(other);
        Set<Object> low = idsOn(cluster.shard(primary), "mig", "r");
        Set<Object> high = idsOn(cluster.shard(other), "mig", "r");
        assertThat(low).hasSize(50).allMatch(id -> (Integer) id < 50);
        assertThat(high).hasSize(50).allMatch(id -> (Integer) id >= 50);
        for (MongoClient router : List.of(two, one)) {
            MongoCollection<Document> c = router.getDatabase("mig").getCollection("r");
            assertThat(c.countDocuments()).isEqualTo(100);
            assertThat(c.find(Filters.gte("k", 45)).sort(Sorts.ascending("k")).into(new ArrayList<>()))
                    .extracting(d -> d.getInteger("k")).first().isEqualTo(45);
            Document plan = c.find(Filters.eq("k", 60)).explain().get("queryPlanner", Document.class)
                    .get("winningPlan", Document.class);
            assertThat(plan.getString("stage")).isEqualTo("SINGLE_SHARD");
            assertThat(plan.getList("shards", Document.class).get(0).getString("shardName")).isEqualTo(other);
        }
        admin(two, new Document("moveRange", "mig.r").append("min", new Document("k", 50)).append("toShard",
                primary));
        assertThat(idsOn(cluster.shard(primary), "mig", "r")).hasSize(100);
        assertThat(idsOn(cluster.shard(other), "mig", "r")).isEmpty();
        assertThat(viaTwo.countDocuments()).isEqualTo(100);
    }

    @Test
    void refusals() {
        one.getDatabase("mig").getCollection("plain").insertOne(new Document("x", 1));
        assertThat(code(one, new Document("moveChunk", "mig.plain").append("find", new Document("x", 1))
                .append("to", InJvmCluster.SHARD_A))).isEqualTo(118);
        admin(one, new Document("shardCollection", "mig.h").append("key", new Document("h", "hashed")));
        assertThat(code(one, new Document("moveChunk", "mig.h").append("find", new Document("h", 1))
                .append("to", "nowhere"))).isEqualTo(70);
        assertThat(code(one, new Document("moveRange", "mig.h").append("min", new Document("h", 5L))
                .append("toShard", InJvmCluster.SHARD_A))).isEqualTo(238);
    }

    @Test
    void writersOnBothRoutersLoseAndDoubleNothingWhileAChunkMovesBackAndForth() throws Exception {
        admin(one, new Document("shardCollection", "mig.w").append("key", new Document("h", "hashed")));
        List<Document> cs = chunks("mig.w");
        Document target = cs.get(0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            MongoCollection<Document> c = (t % 2 == 0 ? one : two).getDatabase("mig").getCollection("w");
            int thread = t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < 400 && !stop.get(); i++) {
                    String id = thread + "-" + i;
                    try {
                        c.insertOne(new Document("_id", id).append("h", i));
                        acknowledged.add(id);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            });
            writers.add(w);
            w.start();
        }
        String from = target.getString("shard");
        String to = from.equals(InJvmCluster.SHARD_A) ? InJvmCluster.SHARD_B : InJvmCluster.SHARD_A;
        for (int round = 0; round < 4; round++) {
            admin(round % 2 == 0 ? one : two, new Document("moveChunk", "mig.w").append("bounds", List.of(
                    target.get("min", Document.class), target.get("max", Document.class)))
                    .append("to", round % 2 == 0 ? to : from));
        }
        stop.set(true);
        for (Thread w : writers) {
            w.join();
        }
        assertThat(failure.get()).isNull();
        Set<Object> a = idsOn(cluster.shardA, "mig", "w");
        Set<Object> b = idsOn(cluster.shardB, "mig", "w");
        Set<Object> both = new HashSet<>(a);
        both.retainAll(b);
        assertThat(both).as("documents on both shards").isEmpty();
        Set<Object> all = new HashSet<>(a);
        all.addAll(b);
        assertThat(all).isEqualTo(new HashSet<>(acknowledged));
        assertThat(one.getDatabase("mig").getCollection("w").countDocuments()).isEqualTo(acknowledged.size());
        assertThat(two.getDatabase("mig").getCollection("w").countDocuments()).isEqualTo(acknowledged.size());
    }
}
