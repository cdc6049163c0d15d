package io.jmongos.engine.update;

import org.bson.BsonDocument;

/**
 * The result of applying an update to one document.
 *
 * @param document the new document (a fresh object; the input is never mutated)
 * @param modified whether it differs from the original (MongoDB's nModified counts only these)
 */
public record UpdateOutcome(BsonDocument document, boolean modified) {
}
