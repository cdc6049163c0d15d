package io.jmongos.engine.exec;

import java.util.Iterator;

import org.bson.BsonDocument;

/** A stream over documents already in memory or produced by an iterator (listCollections, aggregate). */
public final class ListStream implements DocumentStream {
    private final Iterator<? extends BsonDocument> it;
    private final AutoCloseable onClose;

    public ListStream(Iterable<? extends BsonDocument> docs) {
        this(docs.iterator(), null);
    }

    public ListStream(Iterator<? extends BsonDocument> it, AutoCloseable onClose) {
        this.it = it;
        this.onClose = onClose;
    }

    @Override
    public BsonDocument next() {
        return it.hasNext() ? it.next() : null;
    }

    @Override
    public void close() {
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
