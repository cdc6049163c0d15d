package io.jmongos.server.shardsvr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;

import io.jmongos.server.JmongosServer;

/** Shard and config servers started in process, through the official driver: hello, commands, transactions. */
class ShardServerRoleTest {
    static MongoClient client(JmongosServer server) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + server.mainAddress()
                        + "/?directConnection=true"))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build());
    }

    static JmongosServer start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind_ip", "127.0.0.1"));
        args.addAll(List.of(extra));
        return JmongosServer.start(args);
    }

    static Document admin(MongoClient c, Document cmd) {
        return c.getDatabase("admin").runCommand(cmd);
    }

    @Test
    void shardServerHelloIsAMongodShardMember() {
        try (JmongosServer server = start("--shardsvr"); MongoClient c = client(server)) {
            Document hello = admin(c, new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello).doesNotContainKey("msg").doesNotContainKey("configsvr").doesNotContainKey("serviceId");
            assertThat(hello).containsKeys("topologyVersion", "minWireVersion", "maxWireVersion", "maxBsonObjectSize",
                    "logicalSessionTimeoutMinutes", "connectionId", "localTime");
            assertThat(server.loadBalancerPort()).isZero();
            Document opts = admin(c, new Document("getCmdLineOpts", 1));
            assertThat(opts.get("parsed", Document.class).get("sharding", Document.class).getString("clusterRole"))
                    .isEqualTo("shardsvr");
            assertThatThrownBy(() -> admin(c, new Document("isdbgrid", 1)))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(59));
        }
    }

    @Test
    void configServerHelloCarriesConfigsvr2() {
        try (JmongosServer server = start("--configsvr"); MongoClient c = client(server)) {
            Document hello = admin(c, new Document("isMaster", 1));
            assertThat(hello.getBoolean("ismaster")).isTrue();
            assertThat(hello.get("configsvr", Number.class).intValue()).isEqualTo(2);
            assertThat(hello).doesNotContainKey("msg");
            Document opts = admin(c, new Document("getCmdLineOpts", 1));
            assertThat(opts.get("parsed", Document.class).get("sharding", Document.class).getString("clusterRole"))
                    .isEqualTo("configsvr");
        }
    }

    @Test
    void routerHelloIsUnchanged() {
        try (JmongosServer server = start(); MongoClient c = client(server)) {
            assertThat(admin(c, new Document("hello", 1)).getString("msg")).isEqualTo("isdbgrid");
        }
    }

    @Test
    void crudAndCursorsReachTheEngine() {
        try (JmongosServer server = start("--shardsvr"); MongoClient c = client(server)) {
            MongoCollection<Document> coll = c.getDatabase("db").getCollection("c");
            for (int i = 0; i < 10; i++) {
                coll.insertOne(new Document("_id", i).append("v", i * 2));
            }
            assertThat(coll.countDocuments()).isEqualTo(10);
            assertThat(coll.find(new Document("_id", 3)).first().getInteger("v")).isEqualTo(6);
            int before = openCursors(c);
            try (MongoCursor<Document> cur = coll.find().batchSize(2).iterator()) {
                cur.next();
                assertThat(openCursors(c)).isEqualTo(before + 1);
            }
            assertThat(openCursors(c)).isEqualTo(before);
        }
    }

    @Test
    void transactionsRunInTheShardsEngine() {
        try (JmongosServer server = start("--shardsvr"); MongoClient c = client(server)) {
            MongoCollection<Document> coll = c.getDatabase("db").getCollection("t");
            coll.insertOne(new Document("_id", 0));
            try (ClientSession s = c.startSession()) {
                s.startTransaction();
                coll.insertOne(s, new Document("_id", 1));
                assertThat(currentOpen(c)).isEqualTo(1);
                assertThat(coll.countDocuments()).isEqualTo(1);
                s.commitTransaction();
            }
            assertThat(coll.countDocuments()).isEqualTo(2);
            assertThat(currentOpen(c)).isZero();
            Document tx = admin(c, new Document("serverStatus", 1)).get("transactions", Document.class);
            assertThat(tx.get("totalCommitted", Number.class).longValue()).isEqualTo(1);
            try (ClientSession s = c.startSession()) {
                s.startTransaction();
                coll.insertOne(s, new Document("_id", 2));
                s.abortTransaction();
            }
            assertThat(coll.countDocuments()).isEqualTo(2);
        }
    }

    static int openCursors(MongoClient c) {
        return admin(c, new Document("serverStatus", 1)).get("metrics", Document.class).get("cursor", Document.class)
                .get("open", Document.class).get("total", Number.class).intValue();
    }

    static int currentOpen(MongoClient c) {
        return admin(c, new Document("serverStatus", 1)).get("transactions", Document.class)
                .get("currentOpen", Number.class).intValue();
    }
}
