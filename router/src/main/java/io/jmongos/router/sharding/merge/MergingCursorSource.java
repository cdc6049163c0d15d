package io.jmongos.router.sharding.merge;

import java.util.Comparator;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import io.jmongos.engine.query.Projection;
import io.jmongos.router.cursor.CursorBatch;
import io.jmongos.router.cursor.CursorSource;

/**
 * A router cursor over the cursors of several shards (MongoDB's {@code AsyncResultsMerger} and
 * {@code RouterStageSkip}/{@code RouterStageLimit}): with a sort, documents come out merged on the sort key while
 * streaming (each shard already returns its documents sorted; the smallest head wins, and a shard whose buffer ran
 * dry is asked for its next batch before choosing), without one shard after shard. The router then skips
 * {@code skip} documents and stops after {@code limit} (the shards were asked for {@code limit + skip}), and applies
 * the projection when the shards could not (it would have hidden the sort key). Killing it kills every shard cursor
 * still open, on every path that kills a router cursor.
 */
public final class MergingCursorSource implements CursorSource {
    /**
     * Most bytes of documents in one batch: 16 MiB (MongoDB's BSONObjMaxUserSize, the limit a mongod's batches keep
     * to), so the reply stays within maxMessageSizeBytes.
     */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;
    /** The first batch's size when the client gives none: 101, MongoDB's default. */
    public static final int DEFAULT_FIRST_BATCH = 101;

    private final List<ShardCursor> remotes;
    private final Comparator<BsonDocument> sort;
    private final Projection projection;
    private long skip;
    private long remaining;
    private int next;

    /**
     * @param sort       the sort's comparator, or null (shard after shard)
     * @param projection applied by the router, or null
     * @param limit      documents to return at most (0: no limit)
     */
    MergingCursorSource(List<ShardCursor> remotes, Comparator<BsonDocument> sort, Projection projection,
                        long skip, long limit) {
        this.remotes = remotes;
        this.sort = sort;
        this.projection = projection;
        this.skip = skip;
        this.remaining = limit == 0 ? Long.MAX_VALUE : limit;
    }

    @Override
    public CursorBatch next(int batchSize, BsonValue maxTimeMS, BsonDocument sessionFields) {
        BsonArray out = new BsonArray();
        long bytes = 0;
        while (remaining > 0 && (batchSize == 0 || out.size() < batchSize)) {
            BsonDocument doc = take(batchSize, maxTimeMS, sessionFields);
            if (doc == null) {
                break;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            BsonDocument shown = projection == null ? doc : projection.apply(doc, null);
            long size = new RawBsonDocument(shown, new BsonDocumentCodec()).getByteBuffer().remaining();
            if (!out.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                pushBack(doc);
                break;
            }
            bytes += size;
            out.add(shown);
            remaining--;
        }
        boolean done = remaining == 0 || remotes.stream().allMatch(ShardCursor::exhausted);
        if (done) {
            kill();
        }
        return new CursorBatch(out, done, new BsonDocument());
    }

    /** The document taken last goes back (the batch was full by bytes): kept in a one-slot stash. */
    private BsonDocument stash;

    private void pushBack(BsonDocument doc) {
        stash = doc;
    }

    /** The next document in merge order, fetching from shards as needed; null when all are exhausted. */
    private BsonDocument take(int batchSize, BsonValue maxTimeMS, BsonDocument sessionFields) {
        if (stash != null) {
            BsonDocument d = stash;
            stash = null;
            return d;
        }
        if (sort == null) {
            while (next < remotes.size()) {
                ShardCursor r = remotes.get(next);
                if (!r.hasBuffered() && r.open()) {
                    r.fetch(batchSize, maxTimeMS, sessionFields);
                }
                if (r.hasBuffered()) {
                    return r.poll();
                }
                if (!r.open()) {
                    next++;
                }
            }
            return null;
        }
        ShardCursor best = null;
        for (ShardCursor r : remotes) {
            while (!r.hasBuffered() && r.open()) {
                r.fetch(batchSize, maxTimeMS, sessionFields);
            }
            if (r.hasBuffered() && (best == null || sort.compare(r.peek(), best.peek()) < 0)) {
                best = r;
            }
        }
        return best == null ? null : best.poll();
    }

    @Override
    public void kill() {
        for (ShardCursor r : remotes) {
            r.kill();
        }
    }
}
