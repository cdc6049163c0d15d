package io.jmongos.it.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Indexes;

import io.jmongos.it.cluster.InJvmCluster;
import io.jmongos.server.JmongosServer;

/**
 * Indexes and drop of a sharded collection through the routers of an in-JVM cluster, by the official Java driver:
 * createIndexes and dropIndexes reach every shard holding chunks, drop removes the metadata and every shard's copy,
 * and a collection created again under the name is an ordinary unsharded one for both routers.
 */
class ShardedDdlTest {
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

    private static List<String> indexesOn(JmongosServer shard, String db, String coll) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            List<String> names = new ArrayList<>();
            c.getDatabase(db).getCollection(coll).listIndexes().forEach(i -> names.add(i.getString("name")));
            return names;
        }
    }

    private static List<String> collectionsOn(JmongosServer shard, String db) {
        try (MongoClient c = InJvmCluster.client(shard)) {
            return c.getDatabase(db).listCollectionNames().into(new ArrayList<>());
        }
    }

    @Test
    void indexesReachEveryShardAndDropRemovesEverything() {
        one.getDatabase("admin").runCommand(new Document("shardCollection", "ddl.c").append("key",
                new Document("h", "hashed")));
        for (int i = 0; i < 50; i++) {
            two.getDatabase("ddl").getCollection("c").insertOne(new Document("_id", i).append("h", i).append("v", i));
        }
        two.getDatabase("ddl").getCollection("c").createIndex(Indexes.ascending("v"));
        for (JmongosServer s : cluster.shards()) {
            assertThat(indexesOn(s, "ddl", "c")).contains("v_1", "h_hashed");
        }
        one.getDatabase("ddl").getCollection("c").dropIndex("v_1");
        for (JmongosServer s : cluster.shards()) {
            assertThat(indexesOn(s, "ddl", "c")).doesNotContain("v_1");
        }
        two.getDatabase("ddl").getCollection("c").drop();
        assertThat(one.getDatabase("config").getCollection("collections").countDocuments(new Document("_id", "ddl.c")))
                .isZero();
        for (JmongosServer s : cluster.shards()) {
            assertThat(collectionsOn(s, "ddl")).doesNotContain("c");
        }
        assertThat(one.getDatabase("ddl").getCollection("c").countDocuments()).isZero();
        one.getDatabase("ddl").getCollection("c").insertOne(new Document("_id", 1));
        assertThat(two.getDatabase("ddl").getCollection("c").find().into(new ArrayList<>()))
                .containsExactly(new Document("_id", 1));
        String primary = one.getDatabase("config").getCollection("databases").find(new Document("_id", "ddl")).first()
                .getString("primary");
        for (int s = 0; s < 2; s++) {
            assertThat(collectionsOn(cluster.shards().get(s), "ddl").contains("c"))
                    .isEqualTo(InJvmCluster.shardName(s).equals(primary));
        }
    }
}
