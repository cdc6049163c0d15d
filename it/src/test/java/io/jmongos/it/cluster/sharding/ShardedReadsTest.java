package io.jmongos.it.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.jmongos.it.cluster.InJvmCluster;
import io.jmongos.server.JmongosServer;

/**
 * Sharded collections read and written through both routers of an in-JVM cluster with three shard servers, by the
 * official Java driver: documents land on the shards their chunks name (checked on each shard directly), every read
 * returns exactly what the same operation returns on an unsharded copy of the data, targeted reads reach one shard
 * (explain's SINGLE_SHARD) and the others merge (SHARD_MERGE, SHARD_MERGE_SORT), shard cursors are killed with the
 * router's cursor, and a chunk layout changed through the config server (as a migration of an empty range changes
 * it) is picked up by both routers through StaleConfig.
 */
class ShardedReadsTest {
    private static final int DOCS = 300;
    private static InJvmCluster cluster;
    private static MongoClient one;
    private static MongoClient two;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster(3);
        one = InJvmCluster.client(cluster.routerOne);
        two = InJvmCluster.client(cluster.routerTwo);
        one.getDatabase("admin").runCommand(new Document("shardCollection", "shop.users")
                .append("key", new Document("uid", "hashed")));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            docs.add(new Document("_id", i).append("uid", i).append("group", i % 7).append("score", (i * 37) % 101)
                    .append("name", "user" + i));
        }
        two.getDatabase("shop").getCollection("users").insertMany(docs);
        one.getDatabase("shop").getCollection("plain").insertMany(docs);
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

    private static MongoCollection<Document> sharded(MongoClient c) {
        return c.getDatabase("shop").getCollection("users");
    }

    private static MongoCollection<Document> plain() {
        return one.getDatabase("shop").getCollection("plain");
    }

    private static long onShard(JmongosServer shard, String db, String coll, Bson filter) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            return c.getDatabase(db).getCollection(coll).countDocuments(filter);
        }
    }

    @Test
    void documentsLandWhereTheirChunksAre() {
        List<Document> chunks = one.getDatabase("config").getCollection("chunks").find().into(new ArrayList<>());
        Document entry = one.getDatabase("config").getCollection("collections").find(new Document("_id",
                "shop.users")).first();
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < DOCS; i++) {
            long h = hashOf(i);
            for (Document c : chunks) {
                if (!c.get("uuid").equals(entry.get("uuid"))) {
                    continue;
                }
                Object min = c.get("min", Document.class).get("uid");
                Object max = c.get("max", Document.class).get("uid");
                boolean aboveMin = !(min instanceof Long) || h >= (Long) min;
                boolean belowMax = !(max instanceof Long) || h < (Long) max;
                if (aboveMin && belowMax) {
                    expected.merge(c.getString("shard"), 1L, Long::sum);
                }
            }
        }
        long total = 0;
        for (int s = 0; s < 3; s++) {
            long n = onShard(cluster.shards().get(s), "shop", "users", new Document());
            assertThat(n).as("documents on " + InJvmCluster.shardName(s))
                    .isEqualTo(expected.getOrDefault(InJvmCluster.shardName(s), 0L));
            assertThat(n).isGreaterThan(0);
            total += n;
        }
        assertThat(total).isEqualTo(DOCS);
    }

    /** The hashed value of an int shard key, asked of the router's own $toHashedIndexKey-free path: the chunk. */
    private static long hashOf(int v) {
        return io.jmongos.engine.index.BsonElementHasher.hash64(new org.bson.BsonInt32(v));
    }

    @Test
    void readsThroughEitherRouterMatchTheUnshardedAnswer() {
        for (MongoClient router : List.of(one, two)) {
            MongoCollection<Document> s = sharded(router);
            assertThat(s.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                    .isEqualTo(plain().find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
            assertThat(s.find(Filters.gt("score", 50)).sort(Sorts.orderBy(Sorts.descending("score"),
                    Sorts.ascending("_id"))).skip(7).limit(25).projection(Projections.include("name"))
                    .into(new ArrayList<>())).isEqualTo(plain().find(Filters.gt("score", 50)).sort(Sorts.orderBy(
                    Sorts.descending("score"), Sorts.ascending("_id"))).skip(7).limit(25)
                    .projection(Projections.include("name")).into(new ArrayList<>()));
            assertThat(s.find(Filters.eq("uid", 42)).into(new ArrayList<>()))
                    .isEqualTo(plain().find(Filters.eq("uid", 42)).into(new ArrayList<>()));
            assertThat(s.find(Filters.in("uid", 1, 2, 3, 250)).sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                    .isEqualTo(plain().find(Filters.in("uid", 1, 2, 3, 250)).sort(Sorts.ascending("_id"))
                            .into(new ArrayList<>()));
            assertThat(s.countDocuments(Filters.lt("score", 30))).isEqualTo(plain().countDocuments(
                    Filters.lt("score", 30)));
            assertThat(s.estimatedDocumentCount()).isEqualTo(DOCS);
            assertThat(s.distinct("group", Integer.class).into(new ArrayList<>()))
                    .isEqualTo(plain().distinct("group", Integer.class).into(new ArrayList<>()));
            List<Bson> pipeline = List.of(Aggregates.match(Filters.gte("score", 10)),
                    Aggregates.group("$group", Accumulators.sum("n", 1), Accumulators.avg("avg", "$score"),
                            Accumulators.max("top", "$score")), Aggregates.sort(Sorts.ascending("_id")));
            assertThat(s.aggregate(pipeline).into(new ArrayList<>())).isEqualTo(plain().aggregate(pipeline)
                    .into(new ArrayList<>()));
            List<Bson> topTen = List.of(Aggregates.sort(Sorts.orderBy(Sorts.descending("score"),
                    Sorts.ascending("_id"))), Aggregates.limit(10), Aggregates.skip(2),
                    Aggregates.project(Projections.include("score")));
            assertThat(s.aggregate(topTen).into(new ArrayList<>())).isEqualTo(plain().aggregate(topTen)
                    .into(new ArrayList<>()));
        }
    }

    @Test
    void batchesAndGetMoreDrawFromEveryShardAndKillsReachTheShards() {
        List<Document> all = new ArrayList<>();
        try (MongoCursor<Document> c = sharded(one).find().sort(Sorts.ascending("score", "_id")).batchSize(7)
                .iterator()) {
            c.forEachRemaining(all::add);
        }
        assertThat(all).isEqualTo(plain().find().sort(Sorts.ascending("score", "_id")).into(new ArrayList<>()));
        try (MongoCursor<Document> c = sharded(two).find().batchSize(5).iterator()) {
            for (int i = 0; i < 12; i++) {
                c.next();
            }
            assertThat(openShardCursors()).isGreaterThan(0);
        }
        assertThat(openShardCursors()).isZero();
    }

    private static long openShardCursors() {
        long n = 0;
        for (JmongosServer s : cluster.shards()) {
            try (MongoClient c = InJvmCluster.client(s)) {
                Document status = c.getDatabase("admin").runCommand(new Document("serverStatus", 1));
                n += ((Number) status.get("metrics", Document.class).get("cursor", Document.class)
                        .get("open", Document.class).get("total")).longValue();
            }
        }
        return n;
    }

    @Test
    void explainShowsTheRoutersStage() {
        Document single = sharded(one).find(Filters.eq("uid", 5)).explain();
        assertThat(single.get("queryPlanner", Document.class).get("winningPlan", Document.class)
                .getString("stage")).isEqualTo("SINGLE_SHARD");
        Document merge = sharded(one).find(Filters.gt("score", 5)).explain();
        Document plan = merge.get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertThat(plan.getString("stage")).isEqualTo("SHARD_MERGE");
        assertThat(plan.getList("shards", Document.class)).hasSize(3);
        assertThat(plan.getList("shards", Document.class).get(0).getString("shardName")).isEqualTo("shard0000");
        Document sorted = sharded(one).find().sort(Sorts.ascending("score")).explain();
        assertThat(sorted.get("queryPlanner", Document.class).get("winningPlan", Document.class)
                .getString("stage")).isEqualTo("SHARD_MERGE_SORT");
    }

    @Test
    void targetedWritesMatchTheUnshardedAnswer() {
        one.getDatabase("admin").runCommand(new Document("shardCollection", "shop.w")
                .append("key", new Document("uid", "hashed")));
        MongoCollection<Document> w = two.getDatabase("shop").getCollection("w");
        MongoCollection<Document> wplain = one.getDatabase("shop").getCollection("wplain");
        List<Document> docs = plain().find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        w.insertMany(docs);
        wplain.insertMany(docs);
        for (MongoCollection<Document> c : List.of(w, wplain)) {
            assertThat(c.updateMany(Filters.eq("group", 3), Updates.inc("score", 1000)).getModifiedCount())
                    .isEqualTo(43);
            assertThat(c.updateOne(Filters.eq("uid", 10), Updates.set("name", "ten")).getModifiedCount())
                    .isEqualTo(1);
            assertThat(c.deleteMany(Filters.eq("group", 6)).getDeletedCount()).isEqualTo(42);
            assertThat(c.deleteOne(Filters.eq("uid", 11)).getDeletedCount()).isEqualTo(1);
        }
        assertThat(one.getDatabase("shop").getCollection("w").find().sort(Sorts.ascending("_id"))
                .into(new ArrayList<>())).isEqualTo(wplain.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
    }

    @Test
    void aChunkLayoutChangedBehindBothRoutersIsPickedUpThroughStaleConfig() {
        one.getDatabase("admin").runCommand(new Document("shardCollection", "shop.ranged")
                .append("key", new Document("k", 1)));
        sharded(one).find().first();
        two.getDatabase("shop").getCollection("ranged").find().first();
        Document entry = one.getDatabase("config").getCollection("collections").find(new Document("_id",
                "shop.ranged")).first();
        Document chunk = one.getDatabase("config").getCollection("chunks").find(new Document("uuid",
                entry.get("uuid"))).first();
        String owner = chunk.getString("shard");
        String other = owner.equals(InJvmCluster.SHARD_A) ? InJvmCluster.SHARD_B : InJvmCluster.SHARD_A;
        try (MongoClient c = InJvmCluster.client(cluster.shard(other))) {
            c.getDatabase("shop").createCollection("ranged");
            c.getDatabase("shop").getCollection("ranged").createIndex(new Document("k", 1));
        }
        // split at k: 0 and give [0, MaxKey) to the other shard, as a split and a migration of an empty range would
        one.getDatabase("config").getCollection("chunks").updateOne(new Document("_id", chunk.get("_id")),
                Updates.combine(Updates.set("max", new Document("k", 0)),
                        Updates.set("lastmod", new BsonTimestamp(1, 1))));
        one.getDatabase("config").getCollection("chunks").insertOne(new Document("_id", new org.bson.types.ObjectId())
                .append("uuid", entry.get("uuid")).append("min", new Document("k", 0))
                .append("max", new Document("k", new org.bson.types.MaxKey())).append("shard", other)
                .append("lastmod", new BsonTimestamp(2, 0)).append("onCurrentShardSince", entry.get("timestamp"))
                .append("history", List.of()));
        for (JmongosServer s : cluster.shards()) {
            try (MongoClient c = InJvmCluster.client(s)) {
                c.getDatabase("admin").runCommand(new Document("_flushRoutingTableCacheUpdates", "shop.ranged"));
            }
        }
        MongoCollection<Document> viaTwo = two.getDatabase("shop").getCollection("ranged");
        for (int k = -20; k < 20; k++) {
            viaTwo.insertOne(new Document("_id", k).append("k", k));
        }
        assertThat(onShard(cluster.shard(owner), "shop", "ranged", new Document())).isEqualTo(20);
        assertThat(onShard(cluster.shard(other), "shop", "ranged", new Document())).isEqualTo(20);
        MongoCollection<Document> viaOne = one.getDatabase("shop").getCollection("ranged");
        assertThat(viaOne.countDocuments()).isEqualTo(40);
        assertThat(viaOne.find(Filters.gte("k", 5)).sort(Sorts.ascending("k")).into(new ArrayList<>()))
                .hasSize(15).first().isEqualTo(new Document("_id", 5).append("k", 5));
        Document explain = viaOne.find(Filters.lt("k", -3)).explain();
        assertThat(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class)
                .getString("stage")).isEqualTo("SINGLE_SHARD");
    }
}
