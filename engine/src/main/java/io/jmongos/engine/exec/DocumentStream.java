package io.jmongos.engine.exec;

import org.bson.BsonDocument;

/**
 * A pull-based stream of documents (the engine's cursors read from one). Streams over storage hold a
 * RocksDB iterator only while pulling: {@link #suspend()} releases it between batches, the next
 * {@link #next()} re-seeks after the last key.
 */
public interface DocumentStream extends AutoCloseable {
    /** The next document, or null at the end. */
    BsonDocument next();

    /** Releases storage iterators until the next call to {@link #next()}. */
    default void suspend() {
    }

    /** The deadline of the command now pulling (each getMore brings its own maxTimeMS). */
    default void setDeadline(Deadline deadline) {
    }

    @Override
    void close();
}
