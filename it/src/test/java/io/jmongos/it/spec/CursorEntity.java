package io.jmongos.it.spec;

import org.bson.BsonDocument;

/** A cursor entity (find, aggregate, command or change stream cursor) that tests iterate one document at a time. */
interface CursorEntity extends AutoCloseable {
    /** The next document, getting more batches as needed; NoSuchElementException when exhausted. */
    BsonDocument next();

    /** One iteration: the next document of the current or one further batch, or null. */
    BsonDocument tryNext();

    @Override
    void close();
}
