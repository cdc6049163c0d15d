package io.jmongos.router.sharding.catalog;

import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.types.ObjectId;

/**
 * One {@code config.chunks} document in MongoDB's schema (ChunkType, MongoDB 5.0+): {@code _id} ObjectId, the
 * collection's {@code uuid}, the range {@code [min, max)}, the owning {@code shard}, {@code lastmod} as
 * {@code Timestamp(major, minor)}, {@code onCurrentShardSince} and {@code history: [{validAfter, shard}]}.
 */
public record ChunkEntry(ObjectId id, UUID uuid, BsonDocument min, BsonDocument max, String shard, int major,
                         int minor, BsonTimestamp onCurrentShardSince, BsonArray history) {
    public BsonDocument toBson() {
        return new BsonDocument("_id", new BsonObjectId(id))
                .append("uuid", new BsonBinary(uuid, UuidRepresentation.STANDARD))
                .append("min", min).append("max", max).append("shard", new BsonString(shard))
                .append("lastmod", new BsonTimestamp(major, minor))
                .append("onCurrentShardSince", onCurrentShardSince)
                .append("history", history);
    }

    /** The first history entry of a chunk placed on {@code shard} at {@code validAfter}. */
    public static BsonArray firstHistory(BsonTimestamp validAfter, String shard) {
        BsonArray h = new BsonArray();
        h.add(new BsonDocument("validAfter", validAfter).append("shard", new BsonString(shard)));
        return h;
    }

    public static ChunkEntry parse(BsonDocument d) {
        BsonTimestamp lastmod = d.getTimestamp("lastmod");
        BsonValue since = d.get("onCurrentShardSince");
        return new ChunkEntry(d.getObjectId("_id").getValue(), d.getBinary("uuid").asUuid(UuidRepresentation.STANDARD),
                d.getDocument("min"), d.getDocument("max"), d.getString("shard").getValue(), lastmod.getTime(),
                lastmod.getInc(), since != null && since.isTimestamp() ? since.asTimestamp() : new BsonTimestamp(0, 0),
                d.isArray("history") ? d.getArray("history") : new BsonArray());
    }
}
