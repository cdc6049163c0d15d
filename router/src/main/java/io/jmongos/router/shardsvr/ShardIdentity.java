package io.jmongos.router.shardsvr;

import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * A shard's identity in its cluster, MongoDB's {@code ShardIdentity} ({@code src/mongo/s/shard_identity.idl}),
 * given by {@code _shardsvrAddShard} and stored as {@code admin.system.version {_id: "shardIdentity", shardName,
 * clusterId, configsvrConnectionString}}.
 */
public record ShardIdentity(String shardName, ObjectId clusterId, String configsvrConnectionString) {
    /** The {@code _id} of the identity document in admin.system.version (MongoDB's kShardIdentityDocumentId). */
    public static final String DOCUMENT_ID = "shardIdentity";

    /** Parse {@code {shardName, clusterId, configsvrConnectionString}} (extra fields such as {@code _id} ignored). */
    public static ShardIdentity parse(BsonValue value) {
        if (value == null || !value.isDocument()) {
            throw bad("shardIdentity", "must be an object {shardName, clusterId, configsvrConnectionString}");
        }
        BsonDocument d = value.asDocument();
        BsonValue name = d.get("shardName");
        if (name == null || !name.isString() || name.asString().getValue().isEmpty()) {
            throw bad("shardIdentity.shardName", "must be a non-empty string");
        }
        BsonValue cluster = d.get("clusterId");
        if (cluster == null || !cluster.isObjectId()) {
            throw bad("shardIdentity.clusterId", "must be an ObjectId");
        }
        BsonValue cs = d.get("configsvrConnectionString");
        if (cs == null || !cs.isString() || cs.asString().getValue().isEmpty()) {
            throw bad("shardIdentity.configsvrConnectionString", "must be a non-empty string");
        }
        return new ShardIdentity(name.asString().getValue(), cluster.asObjectId().getValue(),
                cs.asString().getValue());
    }

    private static CommandFailedException bad(String field, String why) {
        return new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "BSON field '" + field + "' " + why);
    }

    /** The stored document: {@code {_id: "shardIdentity", shardName, clusterId, configsvrConnectionString}}. */
    public BsonDocument toDocument() {
        return new BsonDocument("_id", new BsonString(DOCUMENT_ID))
                .append("shardName", new BsonString(shardName))
                .append("clusterId", new BsonObjectId(clusterId))
                .append("configsvrConnectionString", new BsonString(configsvrConnectionString));
    }
}
