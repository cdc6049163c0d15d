package io.jmongos.server.shardsvr;

import static io.jmongos.server.shardsvr.ShardServerRoleTest.admin;
import static io.jmongos.server.shardsvr.ShardServerRoleTest.client;
import static io.jmongos.server.shardsvr.ShardServerRoleTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;

import io.jmongos.server.JmongosServer;

/** _shardsvrAddShard: the identity document in admin.system.version, its refusals, and restart on --dbpath. */
class ShardIdentityTest {
    @TempDir
    Path dir;

    @Test
    void identityIsStoredAsMongodStoresItAndSurvivesARestart() {
        ObjectId cluster = new ObjectId();
        try (JmongosServer s = start("--shardsvr", "--dbpath", dir.toString()); MongoClient c = client(s)) {
            assertThat(s.shardServer().identity()).isNull();
            admin(c, ShardClusterFixture.identityCommand("shard0000", cluster));
            Document stored = c.getDatabase("admin").getCollection("system.version")
                    .find(new Document("_id", "shardIdentity")).first();
            assertThat(stored).isEqualTo(new Document("_id", "shardIdentity").append("shardName", "shard0000")
                    .append("clusterId", cluster).append("configsvrConnectionString", "cfg/127.0.0.1:27019"));
            admin(c, ShardClusterFixture.identityCommand("shard0000", cluster)); // the same again is fine
            assertThatThrownBy(() -> admin(c, ShardClusterFixture.identityCommand("shard0001", cluster)))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(154);
                        assertThat(e.getErrorCodeName()).isEqualTo("InconsistentShardIdentity");
                        assertThat(e.getErrorMessage()).isEqualTo(
                                "shard name previously set as shard0000 is different from stored: shard0001");
                    });
            assertThatThrownBy(() -> admin(c, ShardClusterFixture.identityCommand("shard0000", new ObjectId())))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(154));
        }
        try (JmongosServer s = start("--shardsvr", "--dbpath", dir.toString()); MongoClient c = client(s)) {
            assertThat(s.shardServer().identity().shardName()).isEqualTo("shard0000");
            assertThat(s.shardServer().identity().clusterId()).isEqualTo(cluster);
            assertThatThrownBy(() -> admin(c, ShardClusterFixture.identityCommand("other", cluster)))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(154));
        }
    }

    @Test
    void addShardIsRefusedOffAShardServerAndOffAdmin() {
        try (JmongosServer s = start("--configsvr"); MongoClient c = client(s)) {
            assertThatThrownBy(() -> admin(c, ShardClusterFixture.identityCommand("x", new ObjectId())))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(50876);
                        assertThat(e.getErrorMessage()).contains("without --shardsvr");
                    });
        }
        try (JmongosServer s = start("--shardsvr"); MongoClient c = client(s)) {
            assertThatThrownBy(() -> c.getDatabase("db").runCommand(
                    ShardClusterFixture.identityCommand("x", new ObjectId())))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(13));
            assertThatThrownBy(() -> admin(c, new Document("_shardsvrAddShard", 1)
                    .append("shardIdentity", new Document("shardName", "x"))))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(9));
        }
        try (JmongosServer s = start(); MongoClient c = client(s)) {
            assertThatThrownBy(() -> admin(c, ShardClusterFixture.identityCommand("x", new ObjectId())))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(59));
        }
    }
}
