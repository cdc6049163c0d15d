package io.jmongos.router.shardsvr;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.shard.Shard;

/**
 * The config server's metadata schema, created at its first start (and checked at every start), in MongoDB's shape:
 * <ul>
 *   <li>{@code config.version}: {@code {_id: 1, clusterId: ObjectId}} (MongoDB 5.0+ keeps only these two; the
 *       cluster id is made once and never changes);</li>
 *   <li>{@code config.shards}: {@code {_id: <name>, host, state: 1, topologyTime}} written by routers' addShard,
 *       with MongoDB's unique index {@code host_1};</li>
 *   <li>{@code config.databases}: {@code {_id: <db>, primary, version: {uuid, timestamp, lastMod}}}; {@code _id}
 *       is unique, so of two routers inserting the same database the second gets 11000 DuplicateKey;</li>
 *   <li>{@code config.collections} and {@code config.chunks} for sharded collections (see
 *       {@code router.sharding.catalog}), the chunks with MongoDB's three unique indexes.</li>
 * </ul>
 * Everything goes through the engine as commands, so the documents are as durable as the data.
 */
final class ConfigServerBootstrap {
    static final int LOG_CONFIG_INITIALIZED = LogIds.JMONGOS_BASE + 520;
    private static final Logger LOG = LoggerFactory.getLogger(ConfigServerBootstrap.class);
    static final String CONFIG = "config";
    /** The collections a config server holds from its first start (MongoDB's names). */
    static final List<String> COLLECTIONS = List.of("version", "shards", "databases", "collections", "chunks");
    /** MongoDB's unique indexes of config.chunks (ShardingCatalogManager::_initConfigIndexes). */
    static final List<String> CHUNK_INDEXES = List.of("uuid_1_min_1", "uuid_1_shard_1_min_1", "uuid_1_lastmod_1");
    /** MongoDB's NamespaceExists: create of a collection that is already there. */
    private static final int NAMESPACE_EXISTS = 48;

    private ConfigServerBootstrap() {
    }

    /** Create what is missing; returns the cluster id. */
    static ObjectId run(Shard engine) {
        for (String c : COLLECTIONS) {
            BsonDocument r = engine.runCommand(CONFIG, new BsonDocument("create", new BsonString(c)));
            if (!ok(r) && r.getInt32("code", new BsonInt32(0)).getValue() != NAMESPACE_EXISTS) {
                throw CommandFailedException.fromReply(r);
            }
        }
        check(engine.runCommand(CONFIG, new BsonDocument("createIndexes", new BsonString("shards"))
                .append("indexes", new BsonArray(List.of(new BsonDocument("key", new BsonDocument("host",
                        new BsonInt32(1))).append("name", new BsonString("host_1"))
                        .append("unique", BsonBoolean.TRUE))))));
        BsonArray chunkIndexes = new BsonArray();
        for (String name : CHUNK_INDEXES) {
            BsonDocument key = new BsonDocument();
            String[] parts = name.split("_");
            for (int i = 0; i < parts.length; i += 2) {
                key.append(parts[i], new BsonInt32(1));
            }
            chunkIndexes.add(new BsonDocument("key", key).append("name", new BsonString(name))
                    .append("unique", BsonBoolean.TRUE));
        }
        check(engine.runCommand(CONFIG, new BsonDocument("createIndexes", new BsonString("chunks"))
                .append("indexes", chunkIndexes)));
        ObjectId existing = clusterId(engine);
        if (existing != null) {
            return existing;
        }
        ObjectId id = new ObjectId();
        check(engine.runCommand(CONFIG, new BsonDocument("insert", new BsonString("version"))
                .append("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(1))
                        .append("clusterId", new BsonObjectId(id)))))));
        StructuredLog.info(LOG, LOG_CONFIG_INITIALIZED, LogComponent.SHARDING, "Initialized the config server")
                .addKeyValue("clusterId", id.toHexString()).log();
        return id;
    }

    private static ObjectId clusterId(Shard engine) {
        BsonDocument r = engine.runCommand(CONFIG, new BsonDocument("find", new BsonString("version"))
                .append("filter", new BsonDocument("_id", new BsonInt32(1))).append("limit", new BsonInt32(1))
                .append("singleBatch", BsonBoolean.TRUE));
        check(r);
        BsonArray batch = r.getDocument("cursor").getArray("firstBatch");
        if (batch.isEmpty()) {
            return null;
        }
        BsonValue id = batch.get(0).asDocument().get("clusterId");
        if (id == null || !id.isObjectId()) {
            throw new IllegalStateException("config.version {_id: 1} has no clusterId ObjectId: " + batch.get(0));
        }
        return id.asObjectId().getValue();
    }

    private static boolean ok(BsonDocument r) {
        BsonValue ok = r.get("ok");
        return ok != null && ok.isNumber() && ok.asNumber().doubleValue() == 1;
    }

    private static void check(BsonDocument r) {
        if (!ok(r)) {
            throw CommandFailedException.fromReply(r);
        }
        if (r.isArray("writeErrors") && !r.getArray("writeErrors").isEmpty()) {
            throw CommandFailedException.fromReply(r.getArray("writeErrors").get(0).asDocument()
                    .append("ok", new BsonInt32(0)));
        }
    }
}
