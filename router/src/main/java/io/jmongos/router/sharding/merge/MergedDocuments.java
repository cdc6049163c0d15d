package io.jmongos.router.sharding.merge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.cursor.CursorBatch;

/** The documents of a {@link MergingCursorSource} as an iterator, read batch by batch when the pipeline asks. */
final class MergedDocuments implements Iterator<BsonDocument> {
    private final MergingCursorSource source;
    private final Deque<BsonDocument> buffer = new ArrayDeque<>();
    private final BsonDocument sessionFields;
    private boolean exhausted;

    /** @param sessionFields {@code lsid}/{@code txnNumber}/{@code autocommit} of the aggregate, for the getMores */
    MergedDocuments(MergingCursorSource source, BsonDocument sessionFields) {
        this.source = source;
        this.sessionFields = sessionFields;
    }

    @Override
    public boolean hasNext() {
        while (buffer.isEmpty() && !exhausted) {
            CursorBatch b = source.next(0, null, sessionFields);
            for (BsonValue v : b.documents()) {
                buffer.add(v.asDocument());
            }
            exhausted = b.exhausted();
        }
        return !buffer.isEmpty();
    }

    @Override
    public BsonDocument next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffer.poll();
    }
}
