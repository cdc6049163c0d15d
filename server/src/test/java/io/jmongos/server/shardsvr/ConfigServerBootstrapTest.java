package io.jmongos.server.shardsvr;

import static io.jmongos.server.shardsvr.ShardServerRoleTest.client;
import static io.jmongos.server.shardsvr.ShardServerRoleTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import io.jmongos.server.JmongosServer;

/** The config server's first-start documents and the plain-CRUD rules routers rely on. */
class ConfigServerBootstrapTest {
    @TempDir
    Path dir;

    @Test
    void firstStartCreatesTheSchemaAndTheClusterIdStaysAcrossRestarts() {
        ObjectId clusterId;
        try (JmongosServer s = start("--configsvr", "--dbpath", dir.toString()); MongoClient c = client(s)) {
            MongoDatabase config = c.getDatabase("config");
            Document version = config.getCollection("version").find().first();
            assertThat(version.keySet()).containsExactly("_id", "clusterId");
            assertThat(version.getInteger("_id")).isEqualTo(1);
            clusterId = version.getObjectId("clusterId");
            assertThat(s.shardServer().clusterId()).isEqualTo(clusterId);
            assertThat(config.listCollectionNames().into(new ArrayList<>()))
                    .contains("version", "shards", "databases");
            List<Document> indexes = config.getCollection("shards").listIndexes().into(new ArrayList<>());
            assertThat(indexes).anySatisfy(i -> {
                assertThat(i.getString("name")).isEqualTo("host_1");
                assertThat(i.get("key", Document.class)).isEqualTo(new Document("host", 1));
                assertThat(i.getBoolean("unique")).isTrue();
            });
        }
        try (JmongosServer s = start("--configsvr", "--dbpath", dir.toString()); MongoClient c = client(s)) {
            assertThat(c.getDatabase("config").getCollection("version").countDocuments()).isEqualTo(1);
            assertThat(c.getDatabase("config").getCollection("version").find().first().getObjectId("clusterId"))
                    .isEqualTo(clusterId);
        }
    }

    @Test
    void routersWriteShardsAndDatabasesWithPlainCrudAndTheLoserGetsDuplicateKey() {
        try (JmongosServer s = start("--configsvr"); MongoClient a = client(s); MongoClient b = client(s)) {
            MongoDatabase config = a.getDatabase("config");
            config.getCollection("shards").insertOne(new Document("_id", "shard0000").append("host", "h1:27018")
                    .append("state", 1).append("topologyTime", new BsonTimestamp(1_700_000_000, 1)));
            assertThatThrownBy(() -> b.getDatabase("config").getCollection("shards").insertOne(
                    new Document("_id", "shard0001").append("host", "h1:27018").append("state", 1)))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            Document db = new Document("_id", "app").append("primary", "shard0000")
                    .append("version", new Document("uuid", new org.bson.BsonBinary(java.util.UUID.randomUUID(),
                            org.bson.UuidRepresentation.STANDARD))
                            .append("timestamp", new BsonTimestamp(1_700_000_000, 2)).append("lastMod", 1));
            config.getCollection("databases").insertOne(db);
            assertThatThrownBy(() -> b.getDatabase("config").getCollection("databases").insertOne(
                    new Document(db).append("primary", "shard0001")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            assertThat(b.getDatabase("config").getCollection("databases").find(new Document("_id", "app")).first()
                    .getString("primary")).isEqualTo("shard0000");
        }
    }
}
