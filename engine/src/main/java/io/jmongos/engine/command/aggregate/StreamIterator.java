package io.jmongos.engine.command.aggregate;

import java.util.Iterator;
import java.util.NoSuchElementException;

import io.jmongos.engine.exec.DocumentStream;
import io.jmongos.engine.storage.BsonBytes;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * A document stream as the iterator a pipeline reads; stored documents are decoded into mutable documents.
 * The stream is closed once exhausted.
 */
final class StreamIterator implements Iterator<BsonDocument> {
    private final DocumentStream stream;
    private final Runnable onEnd;
    private BsonDocument next;
    private boolean done;

    StreamIterator(DocumentStream stream, Runnable onEnd) {
        this.stream = stream;
        this.onEnd = onEnd;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            BsonDocument d = stream.next();
            if (d == null) {
                done = true;
                stream.close();
                onEnd.run();
            } else {
                next = d instanceof RawBsonDocument ? BsonBytes.toDocument(BsonBytes.toBytes(d)) : d;
            }
        }
        return next != null;
    }

    @Override
    public BsonDocument next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BsonDocument d = next;
        next = null;
        return d;
    }
}
