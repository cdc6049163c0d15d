package io.jmongos.engine.cursor;

import org.bson.BsonArray;

/** One batch of a cursor and whether the cursor is exhausted (then its id is 0). */
public record Batch(BsonArray documents, boolean exhausted) {
}
