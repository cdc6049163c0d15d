package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Indexes;

import io.jmongos.server.JmongosServer;

/**
 * listDatabases and dbStats through the routers of an in-JVM cluster (config server, two shard servers, two routers),
 * driven by the official Java driver, checked against what each shard server reports about itself: every database of
 * every shard with its size summed and broken down per shard, admin and config from the config server; dbStats with
 * each shard's own answer under its host in {@code raw} and the sums beside it.
 */
class ClusterDatabaseStatsTest {
    /** Tries at reading a shard's sizes before and after the router's, until no background work moved them between. */
    private static final int STABLE_READ_TRIES = 20;

    private static InJvmCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            placeOn(one, "stats_a", InJvmCluster.SHARD_A, 5);
            placeOn(one, "stats_b", InJvmCluster.SHARD_B, 7);
            // a database with collections on both shards: its primary's through the router, the other's written on
            // that shard server itself (what a sharded collection's chunks would leave there)
            placeOn(one, "stats_both", InJvmCluster.SHARD_A, 4);
            one.getDatabase("stats_both").getCollection("c").createIndex(Indexes.ascending("n"));
            // admin lives on the config server (users); a shard's own admin database is not the cluster's
            one.getDatabase("admin").runCommand(new Document("createUser", "statsReader").append("pwd", "secret")
                    .append("roles", List.of()));
            try (MongoClient b = InJvmCluster.client(cluster.shardB)) {
                b.getDatabase("admin").getCollection("shardLocal").insertOne(new Document("_id", 1));
                for (int i = 0; i < 9; i++) {
                    b.getDatabase("stats_both").getCollection("elsewhere").insertOne(new Document("_id", i)
                            .append("payload", "x".repeat(100 + i)));
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

    /** Create {@code db} with {@code docs} documents in {@code c} and make {@code shard} its primary. */
    private static void placeOn(MongoClient router, String db, String shard, int docs) {
        for (int i = 0; i < docs; i++) {
            router.getDatabase(db).getCollection("c").insertOne(new Document("_id", i).append("n", i)
                    .append("payload", "y".repeat(50 * (i + 1))));
        }
        String primary = router.getDatabase("config").getCollection("databases").find(new Document("_id", db))
                .first().getString("primary");
        if (!primary.equals(shard)) {
            router.getDatabase("admin").runCommand(new Document("movePrimary", db).append("to", shard));
        }
    }

    private static BsonDocument run(JmongosServer server, String db, BsonDocument command) {
        try (MongoClient c = InJvmCluster.client(server)) {
            return c.getDatabase(db).runCommand(command, BsonDocument.class);
        }
    }

    private static BsonDocument listDatabases(JmongosServer server) {
        return run(server, "admin", new BsonDocument("listDatabases", new org.bson.BsonInt32(1)));
    }

    /** Each database's sizeOnDisk on one server, by name. */
    private static BsonDocument sizes(BsonDocument listDatabases) {
        BsonDocument out = new BsonDocument();
        for (BsonValue v : listDatabases.getArray("databases")) {
            out.put(v.asDocument().getString("name").getValue(), v.asDocument().get("sizeOnDisk"));
        }
        return out;
    }

    /**
     * Reads {@code shardSide} before and after {@code routerSide} and gives both once the shard's figures did not
     * change in between (the stores' size estimates move when background work flushes a memtable).
     */
    private static <T> List<T> stableRead(Supplier<T> shardSide, Supplier<T> routerSide) {
        for (int i = 0; i < STABLE_READ_TRIES; i++) {
            T before = shardSide.get();
            T viaRouter = routerSide.get();
            if (before.equals(shardSide.get())) {
                return List.of(before, viaRouter);
            }
        }
        return fail("the shards' figures kept changing");
    }

    @Test
    void listDatabasesSumsEveryShardAndBreaksTheSizeDownPerShard() {
        List<BsonDocument> read = stableRead(
                () -> new BsonDocument("a", sizes(listDatabases(cluster.shardA)))
                        .append("b", sizes(listDatabases(cluster.shardB)))
                        .append("config", sizes(listDatabases(cluster.config))),
                () -> listDatabases(cluster.routerTwo));
        BsonDocument a = read.get(0).getDocument("a");
        BsonDocument b = read.get(0).getDocument("b");
        BsonDocument config = read.get(0).getDocument("config");
        BsonDocument reply = read.get(1);

        Set<String> expected = new TreeSet<>(a.keySet());
        expected.addAll(b.keySet());
        expected.remove("admin");
        expected.remove("config");
        config.keySet().stream().filter(n -> n.equals("admin") || n.equals("config")).forEach(expected::add);
        assertThat(expected).as("the config server holds config.shards and config.databases").contains("config");
        List<String> names = new ArrayList<>();
        long total = 0;
        for (BsonValue v : reply.getArray("databases")) {
            BsonDocument db = v.asDocument();
            String name = db.getString("name").getValue();
            names.add(name);
            BsonDocument shards = db.getDocument("shards");
            BsonDocument want = new BsonDocument();
            if (name.equals("admin") || name.equals("config")) {
                want.put("config", config.get(name));
            }
            if (!name.equals("admin") && a.containsKey(name)) {
                want.put(InJvmCluster.SHARD_A, a.get(name));
            }
            if (!name.equals("admin") && b.containsKey(name)) {
                want.put(InJvmCluster.SHARD_B, b.get(name));
            }
            assertThat(new TreeSet<>(shards.keySet())).as(name).isEqualTo(new TreeSet<>(want.keySet()));
            long sum = 0;
            for (String shard : want.keySet()) {
                assertThat(shards.get(shard)).as(name + " on " + shard).isEqualTo(want.get(shard));
                sum += want.getNumber(shard).longValue();
            }
            assertThat(db.getInt64("sizeOnDisk").getValue()).as(name).isEqualTo(sum);
            total += sum;
        }
        assertThat(names).isEqualTo(new ArrayList<>(expected))
                .contains("admin", "config", "stats_a", "stats_b", "stats_both");
        assertThat(b.containsKey("admin")).as("shard B has an admin database of its own").isTrue();
        assertThat(reply.getArray("databases").stream().filter(v -> v.asDocument().getString("name").getValue()
                .equals("stats_both")).findFirst().orElseThrow().asDocument().getDocument("shards").keySet())
                .containsExactly(InJvmCluster.SHARD_A, InJvmCluster.SHARD_B);
        assertThat(reply.getInt64("totalSize").getValue()).isEqualTo(total);
        assertThat(reply.getInt64("totalSizeMb").getValue()).isEqualTo(total / (1024 * 1024));
    }

    @Test
    void nameOnlyAndFilterAreTheShardsOwnAndBothRoutersAgree() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo)) {
            List<String> viaOne = one.listDatabaseNames().into(new ArrayList<>());
            List<String> viaTwo = two.listDatabaseNames().into(new ArrayList<>());
            assertThat(viaOne).isEqualTo(viaTwo).contains("admin", "config", "stats_a", "stats_b", "stats_both");
            BsonDocument nameOnly = one.getDatabase("admin").runCommand(new BsonDocument("listDatabases",
                    new org.bson.BsonInt32(1)).append("nameOnly", org.bson.BsonBoolean.TRUE), BsonDocument.class);
            assertThat(nameOnly.getArray("databases").get(0).asDocument().keySet()).containsExactly("name");
            assertThat(nameOnly.containsKey("totalSize")).isFalse();
            List<String> filtered = new ArrayList<>();
            two.listDatabases().filter(new Document("name", new Document("$regex", "^stats_[ab]$")))
                    .forEach(d -> filtered.add(d.getString("name")));
            assertThat(filtered).containsExactly("stats_a", "stats_b");
        }
    }

    @Test
    void listDatabasesRunsOnAdminOnly() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            try {
                one.getDatabase("stats_a").runCommand(new Document("listDatabases", 1));
                fail("listDatabases ran on stats_a");
            } catch (MongoCommandException e) {
                assertThat(e.getErrorCode()).isEqualTo(13);
            }
        }
    }

    @Test
    void dbStatsKeepsEachShardsAnswerUnderItsHostAndSumsThem() {
        for (int scale : new int[] {1, 1024}) {
            BsonDocument command = new BsonDocument("dbStats", new org.bson.BsonInt32(1))
                    .append("scale", new org.bson.BsonInt32(scale));
            List<BsonDocument> read = stableRead(
                    () -> new BsonDocument("a", withoutOk(run(cluster.shardA, "stats_both", command)))
                            .append("b", withoutOk(run(cluster.shardB, "stats_both", command))),
                    () -> run(cluster.routerOne, "stats_both", command));
            BsonDocument a = read.get(0).getDocument("a");
            BsonDocument b = read.get(0).getDocument("b");
            BsonDocument reply = read.get(1);
            BsonDocument raw = reply.getDocument("raw");
            assertThat(raw.keySet()).containsExactlyInAnyOrder(cluster.shardA.mainAddress(),
                    cluster.shardB.mainAddress());
            assertThat(withoutOk(raw.getDocument(cluster.shardA.mainAddress()))).isEqualTo(a);
            assertThat(withoutOk(raw.getDocument(cluster.shardB.mainAddress()))).isEqualTo(b);
            assertThat(reply.getString("db").getValue()).isEqualTo("stats_both");
            assertThat(reply.getInt32("collections").getValue()).isEqualTo(2);
            assertThat(reply.getInt32("objects").getValue()).isEqualTo(4 + 9);
            assertThat(reply.getInt32("indexes").getValue())
                    .isEqualTo(a.getNumber("indexes").intValue() + b.getNumber("indexes").intValue()).isEqualTo(3);
            for (String size : new String[] {"dataSize", "storageSize", "indexSize", "totalSize"}) {
                assertThat(reply.getDouble(size).getValue()).as(size + " at scale " + scale)
                        .isEqualTo(a.getNumber(size).doubleValue() + b.getNumber(size).doubleValue());
            }
            double weighted = (a.getNumber("avgObjSize").doubleValue() * 4
                    + b.getNumber("avgObjSize").doubleValue() * 9) / 13;
            assertThat(reply.getDouble("avgObjSize").getValue()).isEqualTo(weighted).isGreaterThan(100);
            assertThat(reply.getInt32("scaleFactor").getValue()).isEqualTo(scale);
        }
    }

    @Test
    void dbStatsRefusesAScaleBelowOne() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            try {
                one.getDatabase("stats_a").runCommand(new Document("dbStats", 1).append("scale", 0));
                fail("scale 0 accepted");
            } catch (MongoCommandException e) {
                assertThat(e.getErrorCode()).isEqualTo(2);
                assertThat(e.getErrorMessage()).isEqualTo("Scale must be greater than zero");
            }
        }
    }

    private static BsonDocument withoutOk(BsonDocument reply) {
        BsonDocument out = reply.clone();
        for (String f : new String[] {"ok", "$clusterTime", "operationTime"}) {
            out.remove(f);
        }
        return out;
    }
}
