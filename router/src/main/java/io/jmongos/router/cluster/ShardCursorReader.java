package io.jmongos.router.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.shard.Shard;

/**
 * Reads every batch of a cursor-opening command the router sends a shard for its own work (listCollections,
 * listIndexes, find during movePrimary): the first batch, then getMore until the shard's cursor is exhausted.
 * Unversioned: a movePrimary critical section never holds these reads.
 */
final class ShardCursorReader {
    private ShardCursorReader() {
    }

    /** Hand each batch (never empty) to {@code batches}; a shard error is raised and the cursor killed. */
    static void forEachBatch(Shard shard, String db, BsonDocument command, Consumer<List<BsonDocument>> batches) {
        BsonDocument cursor = shard.run(db, command).bodyOrThrow().getDocument("cursor");
        String collection = collectionOf(cursor.getString("ns").getValue());
        long id = cursor.getNumber("id").longValue();
        List<BsonDocument> batch = documents(cursor.getArray("firstBatch"));
        try {
            while (true) {
                if (!batch.isEmpty()) {
                    batches.accept(batch);
                }
                if (id == 0) {
                    return;
                }
                cursor = shard.run(db, new BsonDocument("getMore", new BsonInt64(id))
                        .append("collection", new BsonString(collection))).bodyOrThrow().getDocument("cursor");
                id = cursor.getNumber("id").longValue();
                batch = documents(cursor.getArray("nextBatch"));
            }
        } catch (RuntimeException e) {
            if (id != 0) {
                killQuietly(shard, db, collection, id, e);
            }
            throw e;
        }
    }

    private static void killQuietly(Shard shard, String db, String collection, long id, RuntimeException cause) {
        try {
            shard.run(db, new BsonDocument("killCursors", new BsonString(collection))
                    .append("cursors", new BsonArray(List.of(new BsonInt64(id)))));
        } catch (RuntimeException e) {
            cause.addSuppressed(e); // the shard's reaper frees it after cursorTimeoutMillis
        }
    }

    /** Every document of the cursor, in order. */
    static List<BsonDocument> readAll(Shard shard, String db, BsonDocument command) {
        List<BsonDocument> out = new ArrayList<>();
        forEachBatch(shard, db, command, out::addAll);
        return out;
    }

    private static List<BsonDocument> documents(List<BsonValue> values) {
        List<BsonDocument> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(v.asDocument()));
        return out;
    }

    /** The collection part of a cursor namespace ({@code db.coll}, {@code db.$cmd.listCollections}). */
    private static String collectionOf(String ns) {
        int dot = ns.indexOf('.');
        return dot < 0 ? ns : ns.substring(dot + 1);
    }
}
