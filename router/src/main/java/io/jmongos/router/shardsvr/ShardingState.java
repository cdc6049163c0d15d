package io.jmongos.router.shardsvr;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.shard.Shard;

/**
 * A shard server's membership of a cluster (MongoDB's ShardingState): the shard identity, loaded from
 * {@code admin.system.version} at start and set by {@code _shardsvrAddShard}. Writes go through the engine as
 * commands, so the identity is as durable as the data ({@code --dbpath}).
 */
public final class ShardingState {
    /** MongoDB's codes: addShard on a process started without --shardsvr; a different identity already stored. */
    static final int NOT_A_SHARD_SERVER = 50876;
    static final int INCONSISTENT_SHARD_IDENTITY = 154;
    /** A versioned command before the shard has an identity (ErrorCodes::ShardingStateNotInitialized). */
    static final int SHARDING_STATE_NOT_INITIALIZED = 62;
    static final int LOG_IDENTITY_SET = LogIds.JMONGOS_BASE + 510;
    private static final Logger LOG = LoggerFactory.getLogger(ShardingState.class);
    private static final String ADMIN = "admin";
    private static final String SYSTEM_VERSION = "system.version";

    private final Shard engine;
    private volatile ShardIdentity identity;

    ShardingState(Shard engine) {
        this.engine = engine;
        this.identity = load();
    }

    /** The identity, or null while the shard is in no cluster. */
    public ShardIdentity identity() {
        return identity;
    }

    /** The identity, or 62 ShardingStateNotInitialized (MongoDB's assertCanAcceptShardedCommands). */
    ShardIdentity requireIdentity() {
        ShardIdentity id = identity;
        if (id == null) {
            throw new CommandFailedException(SHARDING_STATE_NOT_INITIALIZED, "ShardingStateNotInitialized",
                    "Cannot accept sharding commands if sharding state has not been initialized with a "
                            + "shardIdentity document");
        }
        return id;
    }

    private ShardIdentity load() {
        BsonDocument reply = engine.runCommand(ADMIN, new BsonDocument("find", new BsonString(SYSTEM_VERSION))
                .append("filter", new BsonDocument("_id", new BsonString(ShardIdentity.DOCUMENT_ID)))
                .append("limit", new BsonInt32(1)).append("singleBatch", BsonBoolean.TRUE));
        check(reply);
        BsonArray batch = reply.getDocument("cursor").getArray("firstBatch");
        return batch.isEmpty() ? null : ShardIdentity.parse(batch.get(0));
    }

    /**
     * {@code _shardsvrAddShard}: take {@code given} as this shard's identity. The same shard name and cluster again
     * only refreshes the config server's connection string; a different name or cluster is 154
     * InconsistentShardIdentity, as mongod's.
     */
    synchronized void accept(ShardIdentity given) {
        ShardIdentity current = identity;
        if (current != null) {
            if (!current.shardName().equals(given.shardName())) {
                throw new CommandFailedException(INCONSISTENT_SHARD_IDENTITY, "InconsistentShardIdentity",
                        "shard name previously set as " + current.shardName() + " is different from stored: "
                                + given.shardName());
            }
            if (!current.clusterId().equals(given.clusterId())) {
                throw new CommandFailedException(INCONSISTENT_SHARD_IDENTITY, "InconsistentShardIdentity",
                        "cluster id previously set as " + current.clusterId() + " is different from stored: "
                                + given.clusterId());
            }
        }
        BsonDocument update = new BsonDocument("update", new BsonString(SYSTEM_VERSION))
                .append("updates", new BsonArray(java.util.List.of(new BsonDocument("q",
                        new BsonDocument("_id", new BsonString(ShardIdentity.DOCUMENT_ID)))
                        .append("u", given.toDocument()).append("upsert", BsonBoolean.TRUE))))
                .append("writeConcern", new BsonDocument("w", new BsonString("majority"))
                        .append("j", BsonBoolean.TRUE));
        check(engine.runCommand(ADMIN, update));
        identity = given;
        StructuredLog.info(LOG, LOG_IDENTITY_SET, LogComponent.SHARDING, "Shard identity set")
                .addKeyValue("shardName", given.shardName())
                .addKeyValue("clusterId", given.clusterId().toHexString())
                .addKeyValue("configsvrConnectionString", given.configsvrConnectionString()).log();
    }

    private static void check(BsonDocument reply) {
        BsonValue ok = reply.get("ok");
        if (ok == null || !ok.isNumber() || ok.asNumber().doubleValue() != 1) {
            throw CommandFailedException.fromReply(reply);
        }
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            BsonDocument e = reply.getArray("writeErrors").get(0).asDocument();
            throw new CommandFailedException(e.getInt32("code").getValue(),
                    ErrorCode.nameOf(e.getInt32("code").getValue()), e.getString("errmsg").getValue());
        }
    }
}
