package io.jmongos.engine.write;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The storage nesting limit: a stored document may nest {@link Limits#MAX_STORAGE_DEPTH} (180) levels, counting its
 * top level as 1; empty sub-documents and arrays do not count (MongoDB's insert path, {@code validateDepth} in
 * ops/insert.cpp, and the update path, {@code storageValid} in storage_validation.cpp). Deeper writes fail with
 * Overflow (15) in a write error.
 */
final class DocumentDepth {
    private DocumentDepth() {
    }

    /** Insert (and upsert): "cannot insert document because it exceeds 180 levels of nesting". */
    static void checkInsert(BsonDocument doc) {
        if (exceeds(doc, 1)) {
            throw new CommandFailedException(ErrorCode.OVERFLOW, "cannot insert document because it exceeds "
                    + Limits.MAX_STORAGE_DEPTH + " levels of nesting");
        }
    }

    /** Update or replacement: "Document exceeds maximum nesting depth of 180". */
    static void checkUpdate(BsonDocument doc) {
        if (exceeds(doc, 1)) {
            throw new CommandFailedException(ErrorCode.OVERFLOW,
                    "Document exceeds maximum nesting depth of " + Limits.MAX_STORAGE_DEPTH);
        }
    }

    /** Whether a container at {@code depth} has a non-empty container below the storage limit. */
    private static boolean exceeds(BsonValue container, int depth) {
        Iterable<BsonValue> values = container.isDocument() ? ((BsonDocument) container).values()
                : (BsonArray) container;
        for (BsonValue v : values) {
            if (v.isDocument() || v.isArray()) {
                boolean empty = v.isDocument() ? v.asDocument().isEmpty() : v.asArray().isEmpty();
                if (!empty && (depth == Limits.MAX_STORAGE_DEPTH || exceeds(v, depth + 1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
