package io.jmongos.router.cursor;

import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * One batch read from a cursor source.
 *
 * @param documents the documents
 * @param exhausted no more documents will come (the source has released its resources)
 * @param extra     other fields of the source's cursor reply to relay (e.g. postBatchResumeToken); never null
 */
public record CursorBatch(BsonArray documents, boolean exhausted, BsonDocument extra) {
}
