package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.jmongos.server.JmongosServer;

/**
 * serverStatus and connPoolStats on the routers of an in-JVM cluster, driven by the official Java driver: a router
 * reports itself as mongos (its own connections and cursors, not its shards'), the sharding sections with its config
 * server, and its pools to the config server and each shard.
 */
class ClusterServerStatusTest {
    private static InJvmCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster();
        try (MongoClient one = InJvmCluster.client(cluster.routerOne)) {
            for (int i = 0; i < 10; i++) {
                one.getDatabase("status").getCollection("c").insertOne(new Document("_id", i));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static BsonDocument serverStatus(MongoClient c) {
        return c.getDatabase("admin").runCommand(new BsonDocument("serverStatus", new BsonInt32(1)),
                BsonDocument.class);
    }

    private static long openCursors(BsonDocument status) {
        return status.getDocument("metrics").getDocument("cursor").getDocument("open").getNumber("total")
                .longValue();
    }

    @Test
    void aRouterReportsItselfItsOwnConnectionsAndCursorsAndItsConfigServer() {
        try (MongoClient router = InJvmCluster.client(cluster.routerOne);
             MongoClient shard = InJvmCluster.client(primaryOf("status"))) {
            BsonDocument before = serverStatus(router);
            assertThat(before.getString("process").getValue()).isEqualTo("mongos");
            assertThat(before.getDocument("sharding").getString("configsvrConnectionString").getValue())
                    .isEqualTo(cluster.config.mainAddress());
            assertThat(before.getDocument("sharding").getNumber("maxChunkSizeInBytes").longValue())
                    .isEqualTo(128L * 1024 * 1024);
            long shardCursors = openCursors(serverStatus(shard));

            long id = router.getDatabase("status").runCommand(new BsonDocument("find", new BsonString("c"))
                    .append("batchSize", new BsonInt32(1)), BsonDocument.class).getDocument("cursor")
                    .getInt64("id").getValue();
            assertThat(openCursors(serverStatus(router))).isEqualTo(openCursors(before) + 1);
            assertThat(openCursors(serverStatus(shard))).isEqualTo(shardCursors + 1);
            shard.getDatabase("status").runCommand(new BsonDocument("find", new BsonString("c"))
                    .append("batchSize", new BsonInt32(1)));
            assertThat(openCursors(serverStatus(shard))).isEqualTo(shardCursors + 2);
            assertThat(openCursors(serverStatus(router))).as("a cursor opened on the shard itself is not the router's")
                    .isEqualTo(openCursors(before) + 1);
            assertThat(serverStatus(router).getDocument("shardingStatistics").getDocument("catalogCache")
                    .getNumber("numDatabaseEntries").longValue()).as("status is cached").isGreaterThanOrEqualTo(1);

            int routerConnections = serverStatus(router).getDocument("connections").getInt32("current").getValue();
            try (MongoClient other = InJvmCluster.client(primaryOf("status"))) {
                other.getDatabase("admin").runCommand(new Document("ping", 1));
                assertThat(serverStatus(router).getDocument("connections").getInt32("current").getValue())
                        .as("a client of the shard is not the router's").isEqualTo(routerConnections);
            }
            try (MongoClient more = InJvmCluster.client(cluster.routerOne)) {
                more.getDatabase("admin").runCommand(new Document("ping", 1));
                assertThat(serverStatus(router).getDocument("connections").getInt32("current").getValue())
                        .isGreaterThan(routerConnections);
            }
            router.getDatabase("status").runCommand(new Document("killCursors", "c")
                    .append("cursors", java.util.List.of(id)));
        }
    }

    @Test
    void connPoolStatsListsThePoolsToTheConfigServerAndEveryShard() {
        try (MongoClient router = InJvmCluster.client(cluster.routerOne)) {
            router.getDatabase("status").getCollection("c").countDocuments();
            BsonDocument stats = router.getDatabase("admin").runCommand(new BsonDocument("connPoolStats",
                    new BsonInt32(1)), BsonDocument.class);
            BsonDocument hosts = stats.getDocument("hosts");
            assertThat(hosts.keySet()).containsExactlyInAnyOrder(cluster.config.mainAddress(),
                    cluster.shardA.mainAddress(), cluster.shardB.mainAddress());
            long created = 0;
            long inUse = 0;
            long available = 0;
            for (String host : hosts.keySet()) {
                BsonDocument h = hosts.getDocument(host);
                assertThat(h.getInt64("created").getValue()).as(host).isPositive();
                created += h.getInt64("created").getValue();
                inUse += h.getInt64("inUse").getValue();
                available += h.getInt64("available").getValue();
            }
            assertThat(stats.getInt64("totalCreated").getValue()).isEqualTo(created);
            assertThat(stats.getInt64("totalInUse").getValue()).isEqualTo(inUse);
            assertThat(stats.getInt64("totalAvailable").getValue()).isEqualTo(available);
            BsonDocument pool = stats.getDocument("pools").getDocument("jmongos-RemoteShard");
            assertThat(pool.getInt64("poolCreated").getValue()).isEqualTo(created);
            assertThat(pool.getDocument(cluster.shardA.mainAddress())).isEqualTo(hosts.getDocument(
                    cluster.shardA.mainAddress()));
        }
    }

    private static JmongosServer primaryOf(String db) {
        try (MongoClient router = InJvmCluster.client(cluster.routerOne)) {
            return cluster.shard(router.getDatabase("config").getCollection("databases")
                    .find(new Document("_id", db)).first().getString("primary"));
        }
    }
}
