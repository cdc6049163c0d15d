package io.jmongos.engine.agg;

import java.util.Iterator;
import java.util.NoSuchElementException;

import io.jmongos.engine.query.QueryMatcher;

import org.bson.BsonDocument;

/** The documents of an iterator that a matcher accepts, lazily. */
final class FilteringIterator implements Iterator<BsonDocument> {
    private final Iterator<BsonDocument> source;
    private final QueryMatcher matcher;
    private BsonDocument next;

    FilteringIterator(Iterator<BsonDocument> source, QueryMatcher matcher) {
        this.source = source;
        this.matcher = matcher;
    }

    @Override
    public boolean hasNext() {
        while (next == null && source.hasNext()) {
            BsonDocument d = source.next();
            if (matcher.matches(d)) {
                next = d;
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
