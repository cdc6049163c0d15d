package io.jmongos.it.spec;

import org.bson.BsonDocument;

import com.mongodb.client.MongoCursor;

/** A cursor entity backed by a driver cursor (find, aggregate, listCollections, change stream). */
final class DriverCursor implements CursorEntity {
    private final MongoCursor<BsonDocument> cursor;

    DriverCursor(MongoCursor<BsonDocument> cursor) {
        this.cursor = cursor;
    }

    @Override
    public BsonDocument next() {
        return cursor.next();
    }

    @Override
    public BsonDocument tryNext() {
        try {
            return cursor.tryNext();
        } catch (UnsupportedOperationException notTailable) {
            return cursor.hasNext() ? cursor.next() : null;
        }
    }

    @Override
    public void close() {
        cursor.close();
    }
}
