package io.jmongos.it.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.jmongos.it.cluster.InJvmCluster;
import io.jmongos.server.JmongosServer;

/**
 * shardCollection through the routers of an in-JVM cluster (a config server, two shard servers, two routers),
 * driven by the official Java driver: MongoDB's refusals, the config.collections and config.chunks documents in
 * MongoDB's schema, the initial chunks of hashed and ranged keys, and the collection with its shard key index on
 * every shard that received a chunk, checked on each shard directly.
 */
class ShardCollectionTest {
    private static InJvmCluster cluster;
    private static MongoClient router;
    private static MongoClient otherRouter;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
        router = InJvmCluster.client(cluster.routerOne);
        otherRouter = InJvmCluster.client(cluster.routerTwo);
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        if (otherRouter != null) {
            otherRouter.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Document shard(String ns, Document key, Object... options) {
        Document cmd = new Document("shardCollection", ns).append("key", key);
        for (int i = 0; i < options.length; i += 2) {
            cmd.append((String) options[i], options[i + 1]);
        }
        return router.getDatabase("admin").runCommand(cmd);
    }

    private static String refusal(String ns, Document key, Object... options) {
        try {
            shard(ns, key, options);
            return "accepted";
        } catch (MongoCommandException e) {
            return e.getErrorCode() + " " + e.getErrorMessage();
        }
    }

    private static Document collectionEntry(MongoClient c, String ns) {
        return c.getDatabase("config").getCollection("collections").find(new Document("_id", ns)).first();
    }

    private static List<Document> chunks(MongoClient c, Document entry) {
        return c.getDatabase("config").getCollection("chunks").find(new Document("uuid", entry.get("uuid")))
                .sort(new Document("lastmod", 1)).into(new ArrayList<>());
    }

    private static List<String> indexNames(JmongosServer shard, String db, String coll) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            List<String> names = new ArrayList<>();
            c.getDatabase(db).getCollection(coll).listIndexes().forEach(i -> names.add(i.getString("name")));
            return names;
        }
    }

    private static Binary uuidOn(JmongosServer shard, String db, String coll) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            Document info = c.getDatabase(db).listCollections().filter(new Document("name", coll)).first();
            return info == null ? null : info.get("info", Document.class).get("uuid", Binary.class);
        }
    }

    private static String primaryOf(String db) {
        return router.getDatabase("config").getCollection("databases").find(new Document("_id", db)).first()
                .getString("primary");
    }

    @Test
    void hashedKeyOnANewCollectionSpreadsTwoChunksPerShardInMongoDbsSchema() {
        Document reply = shard("hashdb.users", new Document("email", "hashed"));
        assertThat(reply.getString("collectionsharded")).isEqualTo("hashdb.users");
        Document entry = collectionEntry(router, "hashdb.users");
        assertThat(entry.keySet()).containsExactly("_id", "lastmodEpoch", "lastmod", "timestamp", "uuid", "key",
                "unique", "noBalance");
        assertThat(entry.get("lastmodEpoch")).isInstanceOf(ObjectId.class);
        assertThat(entry.get("timestamp")).isInstanceOf(BsonTimestamp.class);
        assertThat(entry.get("key", Document.class)).isEqualTo(new Document("email", "hashed"));
        assertThat(entry.getBoolean("unique")).isFalse();
        assertThat(entry.getBoolean("noBalance")).isFalse();
        Binary uuid = entry.get("uuid", Binary.class);
        assertThat(uuid.getType()).isEqualTo((byte) 4);
        assertThat(reply.get("collectionUUID", Binary.class).getData()).isEqualTo(uuid.getData());
        String primary = primaryOf("hashdb");
        assertThat(uuidOn(cluster.shard(primary), "hashdb", "users").getData()).isEqualTo(uuid.getData());

        List<Document> chunks = chunks(router, entry);
        assertThat(chunks).extracting(c -> c.getString("shard")).containsExactly(InJvmCluster.SHARD_A,
                InJvmCluster.SHARD_A, InJvmCluster.SHARD_B, InJvmCluster.SHARD_B);
        assertThat(chunks.get(0).keySet()).containsExactly("_id", "uuid", "min", "max", "shard", "lastmod",
                "onCurrentShardSince", "history");
        assertThat(chunks.get(0).get("min", Document.class).get("email")).isInstanceOf(MinKey.class);
        assertThat(chunks.get(1).get("min", Document.class).get("email")).isEqualTo(-4611686018427387902L);
        assertThat(chunks.get(2).get("min", Document.class).get("email")).isEqualTo(0L);
        assertThat(chunks.get(3).get("max", Document.class).get("email")).isInstanceOf(MaxKey.class);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).get("lastmod")).isEqualTo(new BsonTimestamp(1, i));
            assertThat(chunks.get(i).get("onCurrentShardSince")).isEqualTo(entry.get("timestamp"));
            assertThat(chunks.get(i).getList("history", Document.class)).containsExactly(new Document("validAfter",
                    entry.get("timestamp")).append("shard", chunks.get(i).getString("shard")));
        }
        for (JmongosServer s : cluster.shards()) {
            assertThat(indexNames(s, "hashdb", "users")).containsExactlyInAnyOrder("_id_", "email_hashed");
        }
        // the other router sees the same metadata, as mongosh's sh.status() reads it
        assertThat(collectionEntry(otherRouter, "hashdb.users")).isEqualTo(entry);
        List<Document> perShard = otherRouter.getDatabase("config").getCollection("chunks").aggregate(List.of(
                new Document("$match", new Document("$or", List.of(new Document("uuid", entry.get("uuid")),
                        new Document("ns", "hashdb.users")))),
                new Document("$group", new Document("_id", "$shard").append("cnt", new Document("$sum", 1))),
                new Document("$project", new Document("_id", 0).append("shard", "$_id").append("nChunks", "$cnt")),
                new Document("$sort", new Document("shard", 1)))).into(new ArrayList<>());
        assertThat(perShard).containsExactly(new Document("shard", InJvmCluster.SHARD_A).append("nChunks", 2),
                new Document("shard", InJvmCluster.SHARD_B).append("nChunks", 2));
    }

    @Test
    void repeatingWithTheSameOptionsSucceedsAndOtherOptionsAre23() {
        shard("again.c", new Document("a", 1));
        Document first = collectionEntry(router, "again.c");
        Document second = otherRouter.getDatabase("admin").runCommand(new Document("shardcollection", "again.c")
                .append("key", new Document("a", 1)));
        assertThat(second.getString("collectionsharded")).isEqualTo("again.c");
        assertThat(collectionEntry(router, "again.c")).isEqualTo(first);
        assertThat(refusal("again.c", new Document("b", 1))).startsWith("23 sharding already enabled for collection "
                + "again.c with options { key: { a: 1 }, unique: false, uuid: UUID(");
        assertThat(chunks(router, first)).hasSize(1);
    }

    @Test
    void rangedAndCompoundKeysStartWithOneChunkOnThePrimary() {
        shard("ranged.orders", new Document("customer", 1).append("date", 1));
        Document entry = collectionEntry(router, "ranged.orders");
        String primary = primaryOf("ranged");
        List<Document> chunks = chunks(router, entry);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).getString("shard")).isEqualTo(primary);
        assertThat(chunks.get(0).get("min", Document.class).keySet()).containsExactly("customer", "date");
        assertThat(indexNames(cluster.shard(primary), "ranged", "orders")).contains("customer_1_date_1");
        String other = primary.equals(InJvmCluster.SHARD_A) ? InJvmCluster.SHARD_B : InJvmCluster.SHARD_A;
        assertThat(uuidOn(cluster.shard(other), "ranged", "orders")).isNull();
    }

    @Test
    void numInitialChunksSplitsTheHashRange() {
        shard("many.c", new Document("h", "hashed"), "numInitialChunks", 6);
        List<Document> chunks = chunks(router, collectionEntry(router, "many.c"));
        Map<String, Integer> counts = new TreeMap<>();
        chunks.forEach(c -> counts.merge(c.getString("shard"), 1, Integer::sum));
        assertThat(counts).containsEntry(InJvmCluster.SHARD_A, 3).containsEntry(InJvmCluster.SHARD_B, 3);
        assertThat(refusal("many.d", new Document("r", 1), "numInitialChunks", 4)).isEqualTo("72 numInitialChunks "
                + "is only supported when the collection is empty and has a hashed field in the shard key pattern");
        assertThat(refusal("many.e", new Document("h", "hashed"), "numInitialChunks", 100_000)).isEqualTo(
                "72 numInitialChunks cannot be more than either: 16384, 8192 * number of shards; or 1000000");
        assertThat(refusal("many.f", new Document("h", "hashed"), "presplitHashedZones", true)).startsWith(
                "31387 'presplitHashedZones' is only supported when the collection is empty, zones are set up");
    }

    @Test
    void anExistingCollectionWithDataNeedsAnIndexOnTheKey() {
        MongoDatabase db = router.getDatabase("existing");
        db.getCollection("c").insertMany(List.of(new Document("_id", 1).append("k", 5),
                new Document("_id", 2).append("k", 7)));
        assertThat(refusal("existing.c", new Document("k", 1))).isEqualTo("72 Please create an index that starts "
                + "with the proposed shard key before sharding the collection. ");
        db.getCollection("c").createIndex(Indexes.ascending("k"), new IndexOptions().sparse(true).name("k_sparse"));
        assertThat(refusal("existing.c", new Document("k", 1))).isEqualTo("72 Please create an index that starts "
                + "with the proposed shard key before sharding the collection.  Index k_sparse cannot be used for "
                + "sharding because [ Index key is sparse. ]");
        db.getCollection("c").createIndex(Indexes.compoundIndex(Indexes.ascending("k"), Indexes.ascending("z")));
        shard("existing.c", new Document("k", 1));
        Document entry = collectionEntry(router, "existing.c");
        assertThat(chunks(router, entry)).hasSize(1);
        assertThat(indexNames(cluster.shard(primaryOf("existing")), "existing", "c")).doesNotContain("k_1");
        assertThat(db.getCollection("c").countDocuments()).isEqualTo(2);
        // a hashed key of a collection with data gets one chunk too
        db.getCollection("h").insertOne(new Document("x", 1));
        db.getCollection("h").createIndex(Indexes.hashed("x"));
        shard("existing.h", new Document("x", "hashed"));
        assertThat(chunks(router, collectionEntry(router, "existing.h"))).hasSize(1);
    }

    @Test
    void uniqueRules() {
        assertThat(refusal("uniq.h", new Document("a", "hashed"), "unique", true)).isEqualTo("72 Hashed shard keys "
                + "cannot be declared unique. It's possible to ensure uniqueness on the hashed field by declaring an "
                + "additional (non-hashed) unique index on the field.");
        router.getDatabase("uniq").getCollection("other").createIndex(Indexes.ascending("email"),
                new IndexOptions().unique(true));
        assertThat(refusal("uniq.other", new Document("tenant", 1))).isEqualTo("72 can't shard collection "
                + "'uniq.other' with unique index on { email: 1 } and proposed shard key { tenant: 1 }. Uniqueness "
                + "can't be maintained unless shard key is a prefix");
        router.getDatabase("uniq").getCollection("plain").createIndex(Indexes.ascending("p"));
        router.getDatabase("uniq").getCollection("plain").insertOne(new Document("p", 1));
        assertThat(refusal("uniq.plain", new Document("p", 1), "unique", true)).isEqualTo("72 can't shard "
                + "collection uniq.plain, { p: 1 } index not unique, and unique index explicitly specified");
        shard("uniq.u", new Document("u", 1), "unique", true);
        assertThat(collectionEntry(router, "uniq.u").getBoolean("unique")).isTrue();
        try (MongoClient c = InJvmCluster.client(cluster.shard(primaryOf("uniq")))) {
            Document idx = c.getDatabase("uniq").getCollection("u").listIndexes().into(new ArrayList<>()).stream()
                    .filter(i -> "u_1".equals(i.getString("name"))).findFirst().orElse(null);
            assertThat(idx).isNotNull();
            assertThat(idx.getBoolean("unique")).isTrue();
        }
    }

    @Test
    void invalidKeysNamespacesAndCollations() {
        assertThat(refusal("bad.c", new Document("a", -1))).isEqualTo("2 Shard key { a: -1 }numerical fields must "
                + "be set to a value of 1 (ascending). Failed to parse field a");
        assertThat(refusal("bad.c", new Document("a", "hashed").append("b", "hashed"))).startsWith("2 Shard key "
                + "{ a: \"hashed\", b: \"hashed\" } can contain at most one 'hashed' field");
        assertThat(refusal("bad.c", new Document())).isEqualTo("2 Shard key is empty");
        assertThat(refusal("nodot", new Document("a", 1))).isEqualTo("73 Invalid namespace specified 'nodot'");
        assertThat(refusal("config.x", new Document("a", 1))).isEqualTo("20 only special collections in the config "
                + "db may be sharded");
        assertThat(refusal("bad.system.x", new Document("a", 1))).isEqualTo("20 can't shard system namespaces");
        assertThat(refusal("bad.c", new Document("a", 1), "collation", new Document("locale", "fr")))
                .isEqualTo("2 The collation for shardCollection must be {locale: 'simple'}, but found: "
                        + "{ locale: \"fr\" }");
        // (a collection with a default collation cannot be made here: the embedded engine has only the simple one)
        shard("bad.simple", new Document("a", 1), "collation", new Document("locale", "simple"));
        try {
            router.getDatabase("bad").runCommand(new Document("shardCollection", "bad.y").append("key",
                    new Document("a", 1)));
        } catch (MongoCommandException e) {
            assertThat(e.getErrorCode()).isEqualTo(13);
            assertThat(e.getErrorMessage()).isEqualTo("shardCollection may only be run against the admin database.");
        }
    }
}
