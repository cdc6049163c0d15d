package io.jmongos.router.sharding.chunks;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;

/**
 * A migration's reads and writes of one collection's documents on one shard, with the router's own unversioned
 * commands (they pass the collection's critical section): read them all, insert a list, delete by {@code _id}.
 */
final class ShardDocuments {
    /** Documents per insert or ids per delete: 1000, far under maxWriteBatchSize and 16 MiB for small documents. */
    static final int BATCH = 1000;
    /** Documents per find/getMore batch while reading: 1000. */
    static final int READ_BATCH = 1000;

    private ShardDocuments() {
    }

    static List<BsonDocument> readAll(Shard shard, String db, String coll) {
        List<BsonDocument> out = new ArrayList<>();
        BsonDocument reply = shard.run(db, new BsonDocument("find", new BsonString(coll))
                .append("batchSize", new BsonInt32(READ_BATCH))).bodyOrThrow();
        BsonDocument cursor = reply.getDocument("cursor");
        cursor.getArray("firstBatch").forEach(v -> out.add(v.asDocument()));
        long id = cursor.getNumber("id").longValue();
        while (id != 0) {
            BsonDocument more = shard.run(db, new BsonDocument("getMore", new BsonInt64(id))
                    .append("collection", new BsonString(coll)).append("batchSize", new BsonInt32(READ_BATCH)))
                    .bodyOrThrow().getDocument("cursor");
            more.getArray("nextBatch").forEach(v -> out.add(v.asDocument()));
            id = more.getNumber("id").longValue();
        }
        return out;
    }

    static void insert(Shard shard, String db, String coll, List<BsonDocument> docs) {
        for (int from = 0; from < docs.size(); from += BATCH) {
            BsonArray batch = new BsonArray();
            docs.subList(from, Math.min(docs.size(), from + BATCH)).forEach(batch::add);
            BsonDocument r = shard.run(db, new BsonDocument("insert", new BsonString(coll)).append("documents", batch)
                    .append("bypassDocumentValidation", BsonBoolean.TRUE)).bodyOrThrow();
            failOnWriteErrors(r, shard);
        }
    }

    static void deleteIds(Shard shard, String db, String coll, List<BsonValue> ids) {
        for (int from = 0; from < ids.size(); from += BATCH) {
            BsonArray in = new BsonArray(new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + BATCH))));
            BsonDocument r = shard.run(db, new BsonDocument("delete", new BsonString(coll)).append("deletes",
                    new BsonArray(List.of(new BsonDocument("q", new BsonDocument("_id", new BsonDocument("$in", in)))
                            .append("limit", new BsonInt32(0)))))).bodyOrThrow();
            failOnWriteErrors(r, shard);
        }
    }

    private static void failOnWriteErrors(BsonDocument reply, Shard shard) {
        if (reply.isArray("writeErrors") && !reply.getArray("writeErrors").isEmpty()) {
            BsonDocument e = reply.getArray("writeErrors").get(0).asDocument();
            throw new CommandFailedException(ErrorCode.OPERATION_FAILED, "migration write on shard " + shard.name()
                    + " failed: " + e.getString("errmsg", new BsonString("")).getValue());
        }
    }
}
