package io.jmongos.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.jmongos.server.JmongosServer;

/**
 * A cluster in one JVM over real TCP: a config server, two shard servers and two routers (`--configdb`), driven
 * through the official Java driver. Shards are added through one router; what is written through either router is
 * read through the other, and each database has one primary however many routers create it.
 */
class ClusterRoutersTest {
    private static final List<JmongosServer> SERVERS = new ArrayList<>();
    private static JmongosServer config;
    private static JmongosServer shardA;
    private static JmongosServer shardB;
    private static JmongosServer routerOne;
    private static JmongosServer routerTwo;

    @BeforeAll
    static void startCluster() {
        config = start("--configsvr", "--port", "0", "--bind_ip", "127.0.0.1");
        shardA = start("--shardsvr", "--port", "0", "--bind_ip", "127.0.0.1");
        shardB = start("--shardsvr", "--port", "0", "--bind_ip", "127.0.0.1");
        routerOne = start("--configdb", config.mainAddress(), "--port", "0", "--bind_ip", "127.0.0.1");
        routerTwo = start("--configdb", config.mainAddress(), "--port", "0", "--bind_ip", "127.0.0.1");
        try (MongoClient c = client(routerOne)) {
            Document a = c.getDatabase("admin").runCommand(new Document("addShard", shardA.mainAddress()));
            Document b = c.getDatabase("admin").runCommand(new Document("addShard", shardB.mainAddress()));
            assertThat(a.getString("shardAdded")).isEqualTo("shard0000");
            assertThat(b.getString("shardAdded")).isEqualTo("shard0001");
        }
    }

    private static JmongosServer start(String... args) {
        JmongosServer s = JmongosServer.start(List.of(args));
        SERVERS.add(s);
        return s;
    }

    @AfterAll
    static void stopCluster() {
        for (int i = SERVERS.size() - 1; i >= 0; i--) {
            SERVERS.get(i).close();
        }
    }

    private static MongoClient client(JmongosServer router) {
        return MongoClients.create("mongodb://" + router.mainAddress() + "/?directConnection=true");
    }

    @Test
    void writesThroughOneRouterAreReadThroughTheOther() {
        try (MongoClient one = client(routerOne); MongoClient two = client(routerTwo)) {
            MongoCollection<Document> written = one.getDatabase("shop").getCollection("items");
            for (int i = 0; i < 10; i++) {
                written.insertOne(new Document("_id", i).append("n", i));
            }
            MongoCollection<Document> read = two.getDatabase("shop").getCollection("items");
            assertThat(read.countDocuments()).isEqualTo(10);
            assertThat(read.find(new Document("_id", 7)).first()).containsEntry("n", 7);
            read.updateOne(new Document("_id", 7), new Document("$set", new Document("n", 70)));
            assertThat(written.find(new Document("_id", 7)).first()).containsEntry("n", 70);
        }
    }

    @Test
    void everyRouterListsTheSameShardsAndPrimaries() {
        try (MongoClient one = client(routerOne); MongoClient two = client(routerTwo)) {
            one.getDatabase("first").getCollection("c").insertOne(new Document("x", 1));
            two.getDatabase("second").getCollection("c").insertOne(new Document("x", 2));
            List<Document> shards = two.getDatabase("admin").runCommand(new Document("listShards", 1))
                    .getList("shards", Document.class);
            assertThat(shards).extracting(d -> d.getString("_id")).containsExactly("shard0000", "shard0001");
            List<Document> dbs = new ArrayList<>();
            one.getDatabase("config").getCollection("databases").find().into(dbs);
            assertThat(dbs).extracting(d -> d.getString("_id")).contains("first", "second");
            for (Document d : dbs) {
                assertThat(d.getString("primary")).isIn("shard0000", "shard0001");
                assertThat(d.get("version", Document.class)).containsKeys("uuid", "timestamp", "lastMod");
            }
        }
    }

    @Test
    void aMongosIsNotAShard() {
        try (MongoClient one = client(routerOne)) {
            Document reply;
            try {
                reply = one.getDatabase("admin").runCommand(new Document("addShard", routerTwo.mainAddress()));
            } catch (com.mongodb.MongoCommandException e) {
                reply = e.getResponse().isEmpty() ? null : Document.parse(e.getResponse().toJson());
            }
            assertThat(reply).isNotNull();
            assertThat(reply.getString("errmsg")).isEqualTo("can't add a mongos process as a shard");
        }
    }
}
