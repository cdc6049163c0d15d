package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import io.jmongos.server.JmongosServer;

/**
 * dropDatabase and drop through the routers of an in-JVM cluster, driven by the official Java driver: the database
 * leaves every shard and {@code config.databases}, a router whose cache still names the old primary recreates it
 * afresh on the shard with the least data (not on the old primary), MongoDB's refusals; drop of an unsharded
 * collection reaches its database's primary only.
 */
class ClusterDropTest {
    private static InJvmCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Document entry(MongoClient router, String db) {
        return router.getDatabase("config").getCollection("databases").find(new Document("_id", db)).first();
    }

    /** Create {@code db} through {@code router} and make {@code shard} its primary. */
    private static void placeOn(MongoClient router, String db, String shard) {
        router.getDatabase(db).getCollection("c").insertOne(new Document("_id", "first"));
        if (!entry(router, db).getString("primary").equals(shard)) {
            router.getDatabase("admin").runCommand(new Document("movePrimary", db).append("to", shard));
        }
    }

    private static List<String> databasesOn(JmongosServer shard) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            return c.listDatabaseNames().into(new ArrayList<>());
        }
    }

    private static List<String> collectionsOn(JmongosServer shard, String db) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            return c.getDatabase(db).listCollectionNames().into(new ArrayList<>());
        }
    }

    private static MongoCommandException refused(MongoDatabase db, Document command) {
        try {
            db.runCommand(command);
        } catch (MongoCommandException e) {
            return e;
        }
        throw new AssertionError(command.toJson() + " was not refused");
    }

    @Test
    void aDroppedDatabaseLeavesEveryShardAndTheConfigAndIsCreatedAfreshThroughAStaleRouter() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient two = InJvmCluster.client(cluster.routerTwo);
             MongoClient onB = InJvmCluster.client(cluster.shardB)) {
            // shard A holds more data than shard B, so a new database is placed on B
            for (int i = 0; i < 200; i++) {
                one.getDatabase("ballast").getCollection("c").insertOne(new Document("_id", i)
                        .append("payload", "z".repeat(2000)));
            }
            placeOn(one, "ballast", InJvmCluster.SHARD_A);
            placeOn(one, "dropme", InJvmCluster.SHARD_A);
            for (int i = 0; i < 5; i++) {
                one.getDatabase("dropme").getCollection("c").insertOne(new Document("_id", i));
            }
            onB.getDatabase("dropme").getCollection("stray").insertOne(new Document("_id", "left on B"));
            Document before = entry(one, "dropme");
            // router two caches the placement: primary A, the version before the drop
            assertThat(two.getDatabase("dropme").getCollection("c").countDocuments()).isEqualTo(6);

            one.getDatabase("dropme").drop();

            assertThat(entry(one, "dropme")).isNull();
            assertThat(databasesOn(cluster.shardA)).doesNotContain("dropme").contains("ballast");
            assertThat(databasesOn(cluster.shardB)).as("dropped on every shard").doesNotContain("dropme");
            assertThat(two.listDatabaseNames().into(new ArrayList<>())).doesNotContain("dropme");

            two.getDatabase("dropme").getCollection("c").insertOne(new Document("_id", "again"));
            Document after = entry(one, "dropme");
            assertThat(after.getString("primary")).as("chosen afresh: the shard with the least data")
                    .isEqualTo(InJvmCluster.SHARD_B);
            assertThat(after.get("version", Document.class).get("uuid"))
                    .isNotEqualTo(before.get("version", Document.class).get("uuid"));
            assertThat(collectionsOn(cluster.shardA, "dropme")).as("nothing landed on the old primary").isEmpty();
            assertThat(onB.getDatabase("dropme").getCollection("c").countDocuments()).isEqualTo(1);
            assertThat(one.getDatabase("dropme").getCollection("c").find().first())
                    .isEqualTo(new Document("_id", "again"));
        }
    }

    @Test
    void refusalsAreMongosAndAMissingDatabaseDropsFine() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            MongoCommandException admin = refused(one.getDatabase("admin"), new Document("dropDatabase", 1));
            assertThat(admin.getErrorCode()).isEqualTo(20);
            assertThat(admin.getErrorMessage()).isEqualTo("Cannot drop the admin database");
            MongoCommandException config = refused(one.getDatabase("config"), new Document("dropDatabase", 1));
            assertThat(config.getErrorCode()).isEqualTo(20);
            assertThat(config.getErrorMessage()).isEqualTo("Cannot drop the config database");
            placeOn(one, "notTwo", InJvmCluster.SHARD_B);
            MongoCommandException two = refused(one.getDatabase("notTwo"), new Document("dropDatabase", 2));
            assertThat(two.getErrorCode()).isEqualTo(2);
            assertThat(two.getErrorMessage()).isEqualTo("Must pass 1 as the 'dropDatabase' parameter");
            assertThat(entry(one, "notTwo")).isNotNull();
            Document ok = one.getDatabase("neverCreated").runCommand(new Document("dropDatabase", 1));
            assertThat(ok.get("ok", Number.class).intValue()).isEqualTo(1);
            assertThat(entry(one, "neverCreated")).isNull();
        }
    }

    @Test
    void dropOfAnUnshardedCollectionGoesToItsPrimaryOnly() {
        try (MongoClient one = InJvmCluster.client(cluster.routerOne);
             MongoClient onA = InJvmCluster.client(cluster.shardA)) {
            placeOn(one, "dropcoll", InJvmCluster.SHARD_B);
            one.getDatabase("dropcoll").getCollection("gone").insertOne(new Document("_id", 1));
            onA.getDatabase("dropcoll").getCollection("gone").insertOne(new Document("_id", "not the primary's"));
            one.getDatabase("dropcoll").getCollection("gone").drop();
            assertThat(collectionsOn(cluster.shardB, "dropcoll")).doesNotContain("gone").contains("c");
            assertThat(collectionsOn(cluster.shardA, "dropcoll")).as("another shard's copy is not the primary's")
                    .contains("gone");
        }
    }
}
