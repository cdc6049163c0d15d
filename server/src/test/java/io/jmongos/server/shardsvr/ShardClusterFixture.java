package io.jmongos.server.shardsvr;

import java.util.UUID;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.ObjectId;

import com.mongodb.client.MongoClient;

import io.jmongos.router.shard.Shard;
import io.jmongos.server.JmongosServer;

/**
 * A config server and a shard server in this process; the shard reaches the config server through its in-process
 * shard (the shard server's ConfigServerConnector), with the driver for the tests' own reads and writes.
 */
final class ShardClusterFixture implements AutoCloseable {
    final JmongosServer config;
    final JmongosServer shard;
    final MongoClient configClient;
    final MongoClient shardClient;
    final ObjectId clusterId = new ObjectId();

    ShardClusterFixture(String... shardArgs) {
        config = ShardServerRoleTest.start("--configsvr");
        JmongosServer s = null;
        MongoClient cc = null;
        try {
            s = ShardServerRoleTest.start(concat(shardArgs, "--shardsvr"));
            s.shardServer().useConfigServer(cs -> nonClosing(config.services().shards().all().get(0)));
            cc = ShardServerRoleTest.client(config);
        } catch (RuntimeException e) {
            if (s != null) {
                s.close();
            }
            config.close();
            throw e;
        }
        shard = s;
        configClient = cc;
        shardClient = ShardServerRoleTest.client(shard);
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }

    /** Sends _shardsvrAddShard to the shard as addShard would. */
    Document addShard(String name) {
        return ShardServerRoleTest.admin(shardClient, identityCommand(name, clusterId));
    }

    static Document identityCommand(String name, ObjectId cluster) {
        return new Document("_shardsvrAddShard", 1).append("shardIdentity", new Document("shardName", name)
                .append("clusterId", cluster).append("configsvrConnectionString", "cfg/127.0.0.1:27019"));
    }

    /** A database version as the config server holds it. */
    static BsonDocument version(UUID uuid, int lastMod) {
        return new BsonDocument("uuid", new BsonBinary(uuid, UuidRepresentation.STANDARD))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 1)).append("lastMod", new BsonInt32(lastMod));
    }

    /** Writes config.databases {_id: db, primary, version} on the config server (replacing any entry). */
    void placeDatabase(String db, String primary, BsonDocument version) {
        BsonDocument entry = new BsonDocument("_id", new BsonString(db)).append("primary", new BsonString(primary))
                .append("version", version);
        configClient.getDatabase("config").getCollection("databases", BsonDocument.class)
                .replaceOne(new Document("_id", db), entry, new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    static Shard nonClosing(Shard s) {
        return new Shard() {
            @Override
            public String name() {
                return s.name();
            }

            @Override
            public BsonDocument runCommand(String db, BsonDocument command) {
                return s.runCommand(db, command);
            }

            @Override
            public void close() {
                // the config server's own store: closed with the config server
            }
        };
    }


    @Override
    public void close() {
        shardClient.close();
        configClient.close();
        shard.close();
        config.close();
    }
}
