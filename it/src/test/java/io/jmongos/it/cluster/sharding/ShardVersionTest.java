package io.jmongos.it.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import io.jmongos.it.cluster.InJvmCluster;
import io.jmongos.server.JmongosServer;

/**
 * Collection versions in an in-JVM cluster, through the official Java driver: shard servers check the
 * {@code shardVersion} a command carries against their own placement of the collection (read from the config
 * server) and answer 13388 StaleConfig with MongoDB's extra fields when it differs, without running the command;
 * a router that cached a collection as unsharded, after the other router sharded it, gets StaleConfig from the
 * primary, refreshes and retries, and the client sees only its answer.
 */
class ShardVersionTest {
    private static final Document UNSHARDED = version(new ObjectId(new byte[12]), new BsonTimestamp(0, 0), 0, 0);
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

    private static Document version(ObjectId e, BsonTimestamp t, int major, int minor) {
        return new Document("e", e).append("t", t).append("v", new BsonTimestamp(major, minor));
    }

    private static JmongosServer primary(String db) {
        return cluster.shard(one.getDatabase("config").getCollection("databases").find(new Document("_id", db))
                .first().getString("primary"));
    }

    private static MongoCommandException refused(MongoDatabase db, Document cmd) {
        try {
            db.runCommand(cmd);
        } catch (MongoCommandException e) {
            return e;
        }
        throw new AssertionError("expected StaleConfig for " + cmd.toJson());
    }

    private static long staleConfigErrors(MongoClient router) {
        return router.getDatabase("admin").runCommand(new Document("serverStatus", 1))
                .get("shardingStatistics", Document.class).get("catalogCache", Document.class)
                .getLong("countStaleConfigErrors");
    }

    @Test
    void anUnshardedCollectionIsAtUnshardedAndAnyOtherVersionIsStale() {
        one.getDatabase("plain").getCollection("c").insertOne(new Document("_id", 1));
        try (MongoClient shard = InJvmCluster.client(primary("plain"))) {
            MongoDatabase db = shard.getDatabase("plain");
            Document ok = db.runCommand(new Document("find", "c").append("shardVersion", UNSHARDED));
            assertThat(ok.get("cursor", Document.class).getList("firstBatch", Document.class)).hasSize(1);
            Document wrong = version(new ObjectId(), new BsonTimestamp(5, 1), 1, 0);
            MongoCommandException e = refused(db, new Document("find", "c").append("shardVersion", wrong));
            assertThat(e.getErrorCode()).isEqualTo(13388);
            assertThat(e.getErrorCodeName()).isEqualTo("StaleConfig");
            assertThat(e.getErrorMessage()).isEqualTo("version mismatch detected for plain.c");
            Document reply = Document.parse(e.getResponse().toJson());
            assertThat(reply.getString("ns")).isEqualTo("plain.c");
            assertThat(reply.get("vReceived", Document.class).get("v")).isEqualTo(new BsonTimestamp(1, 0));
            assertThat(reply.get("vWanted", Document.class).get("e")).isEqualTo(new ObjectId(new byte[12]));
            assertThat(reply.getString("shardId")).isEqualTo(primary("plain") == cluster.shardA
                    ? InJvmCluster.SHARD_A : InJvmCluster.SHARD_B);
            // a stale write does not run
            MongoCommandException w = refused(db, new Document("insert", "c").append("documents",
                    List.of(new Document("_id", 2))).append("shardVersion", wrong));
            assertThat(w.getErrorCode()).isEqualTo(13388);
            assertThat(db.getCollection("c").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aShardedCollectionIsAtItsNewestChunkOnEachShard() {
        one.getDatabase("admin").runCommand(new Document("shardCollection", "ranged.c").append("key",
                new Document("k", 1)));
        Document entry = one.getDatabase("config").getCollection("collections").find(new Document("_id", "ranged.c"))
                .first();
        ObjectId epoch = entry.getObjectId("lastmodEpoch");
        BsonTimestamp ts = entry.get("timestamp", BsonTimestamp.class);
        JmongosServer owner = primary("ranged");
        JmongosServer other = owner == cluster.shardA ? cluster.shardB : cluster.shardA;
        try (MongoClient s = InJvmCluster.client(owner); MongoClient o = InJvmCluster.client(other)) {
            s.getDatabase("ranged").runCommand(new Document("find", "c").append("shardVersion",
                    version(epoch, ts, 1, 0)));
            o.getDatabase("ranged").runCommand(new Document("find", "c").append("shardVersion",
                    version(epoch, ts, 0, 0)));
            MongoCommandException e = refused(s.getDatabase("ranged"), new Document("find", "c")
                    .append("shardVersion", UNSHARDED));
            Document reply = Document.parse(e.getResponse().toJson());
            assertThat(reply.get("vWanted", Document.class)).isEqualTo(version(epoch, ts, 1, 0));
            assertThat(reply.get("vReceived", Document.class)).isEqualTo(UNSHARDED);
        }
    }

    @Test
    void aRouterThatCachedTheCollectionAsUnshardedRefreshesInvisibly() {
        MongoDatabase viaTwo = two.getDatabase("later");
        viaTwo.getCollection("c").insertMany(List.of(new Document("_id", 1).append("k", 1),
                new Document("_id", 2).append("k", 2)));
        assertThat(viaTwo.getCollection("c").find().into(new ArrayList<>())).hasSize(2); // cached: unsharded
        viaTwo.getCollection("h").insertOne(new Document("_id", 1));
        one.getDatabase("later").getCollection("c").createIndex(new Document("k", 1));
        one.getDatabase("admin").runCommand(new Document("shardCollection", "later.c").append("key",
                new Document("k", 1)));
        one.getDatabase("admin").runCommand(new Document("shardCollection", "later.e").append("key",
                new Document("x", "hashed")));
        long before = staleConfigErrors(two);
        assertThat(viaTwo.getCollection("c").find().into(new ArrayList<>())).hasSize(2);
        assertThat(staleConfigErrors(two)).isEqualTo(before + 1);
        viaTwo.getCollection("c").insertOne(new Document("_id", 3).append("k", 3));
        assertThat(viaTwo.getCollection("c").countDocuments()).isEqualTo(3);
        assertThat(staleConfigErrors(two)).isEqualTo(before + 1);
        // the other, unsharded collection of the database is not disturbed
        assertThat(viaTwo.getCollection("h").countDocuments()).isEqualTo(1);
        assertThat(staleConfigErrors(two)).isEqualTo(before + 1);
    }
}
