package io.jmongos.engine.agg;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The target collection of a {@code $merge}, seen through its {@code on} fields. */
public interface MergeTarget {
    /**
     * The target document whose {@code on} fields equal {@code key}'s (key holds exactly the on fields, in
     * order), or null when there is none.
     */
    BsonDocument find(BsonDocument key);

    /** Inserts a new document (it has an {@code _id}); 11000 DuplicateKey on a unique index violation. */
    void insert(BsonDocument doc);

    /** Replaces the document whose {@code _id} is {@code id} with {@code doc} (which has the same _id). */
    void replace(BsonValue id, BsonDocument doc);
}
