package io.jmongos.router.sharding.merge;

import java.util.Iterator;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import io.jmongos.router.cursor.CursorBatch;
import io.jmongos.router.cursor.CursorSource;

/**
 * The router's part of a split aggregation as a cursor: documents from the engine's pipeline running over the merged
 * shard cursors, in batches; killing it kills the shard cursors under it.
 */
final class IteratorCursorSource implements CursorSource {
    private final Iterator<BsonDocument> docs;
    private final CursorSource under;

    IteratorCursorSource(Iterator<BsonDocument> docs, CursorSource under) {
        this.docs = docs;
        this.under = under;
    }

    @Override
    public CursorBatch next(int batchSize, BsonValue maxTimeMS, BsonDocument sessionFields) {
        BsonArray out = new BsonArray();
        long bytes = 0;
        while ((batchSize == 0 || out.size() < batchSize) && docs.hasNext()) {
            BsonDocument d = docs.next();
            bytes += new RawBsonDocument(d, new BsonDocumentCodec()).getByteBuffer().remaining();
            out.add(d);
            if (bytes >= MergingCursorSource.MAX_BATCH_BYTES) {
                break;
            }
        }
        boolean done = !docs.hasNext();
        if (done) {
            under.kill();
        }
        return new CursorBatch(out, done, new BsonDocument());
    }

    @Override
    public void kill() {
        under.kill();
    }
}
