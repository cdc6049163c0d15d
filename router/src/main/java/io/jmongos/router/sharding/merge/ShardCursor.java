package io.jmongos.router.sharding.merge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.routing.ShardRequestSender;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;

/**
 * One shard's cursor under a merging router cursor (MongoDB's {@code AsyncResultsMerger} remote): the documents it
 * has sent and the router has not yet returned, its cursor id (0 once exhausted), and a {@code getMore} that fills the
 * buffer again. Not thread-safe: the owning cursor is used by one getMore at a time.
 */
final class ShardCursor {
    private final ShardRequestSender sender;
    private final Shard shard;
    private final String db;
    private final String collection;
    private final Deque<BsonDocument> buffer = new ArrayDeque<>();
    private long cursorId;

    ShardCursor(ShardRequestSender sender, Shard shard, String db, String collection, BsonDocument cursorReply) {
        this.sender = sender;
        this.shard = shard;
        this.db = db;
        this.collection = collection;
        this.cursorId = cursorReply.getNumber("id").longValue();
        BsonArray first = cursorReply.isArray("firstBatch") ? cursorReply.getArray("firstBatch") : new BsonArray();
        first.forEach(v -> buffer.add(v.asDocument()));
    }

    Shard shard() {
        return shard;
    }

    /** No document is buffered and the shard has no more. */
    boolean exhausted() {
        return buffer.isEmpty() && cursorId == 0;
    }

    /** A document is buffered (otherwise the caller fetches when the shard still has some). */
    boolean hasBuffered() {
        return !buffer.isEmpty();
    }

    boolean open() {
        return cursorId != 0;
    }

    BsonDocument peek() {
        return buffer.peekFirst();
    }

    BsonDocument poll() {
        return buffer.pollFirst();
    }

    /** Fetch the next batch into the buffer ({@code batchSize} 0: the shard's default). */
    void fetch(int batchSize, BsonValue maxTimeMS, BsonDocument sessionFields) {
        BsonDocument cmd = new BsonDocument("getMore", new BsonInt64(cursorId))
                .append("collection", new BsonString(collection));
        if (batchSize > 0) {
            cmd.append("batchSize", new BsonInt32(batchSize));
        }
        if (maxTimeMS != null) {
            cmd.append("maxTimeMS", maxTimeMS);
        }
        sessionFields.forEach(cmd::append);
        ShardReply reply = sender.toShard(shard, db, cmd);
        if (!reply.ok()) {
            cursorId = 0; // a failed getMore leaves the shard cursor dead
            throw reply.error();
        }
        BsonDocument cursor = reply.cursor();
        cursorId = cursor.getNumber("id").longValue();
        if (cursor.isArray("nextBatch")) {
            cursor.getArray("nextBatch").forEach(v -> buffer.add(v.asDocument()));
        }
    }

    /** Kill the shard cursor if it is still open; failures are ignored (the shard reaps it). */
    void kill() {
        if (cursorId == 0) {
            return;
        }
        long id = cursorId;
        cursorId = 0;
        buffer.clear();
        BsonArray ids = new BsonArray(List.of(new BsonInt64(id)));
        try {
            shard.run(db, new BsonDocument("killCursors", new BsonString(collection)).append("cursors", ids));
        } catch (RuntimeException e) {
            // the shard's own cursor timeout frees it
        }
    }
}
