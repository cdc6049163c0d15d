package io.jmongos.router.cursor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Results computed by the router itself (e.g. {@code $currentOp}) served in batches. */
public final class LocalCursorSource implements CursorSource {
    private final Deque<BsonDocument> remaining;

    public LocalCursorSource(List<BsonDocument> documents) {
        this.remaining = new ArrayDeque<>(documents);
    }

    @Override
    public synchronized CursorBatch next(int batchSize, BsonValue maxTimeMS, BsonDocument sessionFields) {
        BsonArray out = new BsonArray();
        while (!remaining.isEmpty() && (batchSize == 0 || out.size() < batchSize)) {
            out.add(remaining.poll());
        }
        return new CursorBatch(out, remaining.isEmpty(), new BsonDocument());
    }

    @Override
    public synchronized void kill() {
        remaining.clear();
    }
}
