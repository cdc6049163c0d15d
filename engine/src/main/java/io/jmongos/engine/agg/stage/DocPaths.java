package io.jmongos.engine.agg.stage;

import io.jmongos.engine.agg.expr.FieldPath;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Copy-on-write access to dotted paths through embedded documents only (no array traversal), as $unwind uses. */
public final class DocPaths {
    private DocPaths() {
    }

    /** The value at {@code path}, or null when missing or when an intermediate value is not a document. */
    public static BsonValue get(BsonDocument doc, FieldPath path) {
        BsonValue cur = doc;
        for (int i = 0; i < path.length(); i++) {
            if (cur == null || !cur.isDocument()) {
                return null;
            }
            cur = cur.asDocument().get(path.part(i));
        }
        return cur;
    }

    /**
     * A shallow copy of {@code doc} with {@code path} set to {@code value} (removed when value is null);
     * intermediate non-documents are replaced by documents, field order is kept.
     */
    public static BsonDocument with(BsonDocument doc, FieldPath path, BsonValue value) {
        return with(doc, path, 0, value);
    }

    private static BsonDocument with(BsonDocument doc, FieldPath path, int i, BsonValue value) {
        BsonDocument copy = copy(doc);
        String name = path.part(i);
        if (i == path.length() - 1) {
            if (value == null) {
                copy.remove(name);
            } else {
                copy.put(name, value);
            }
            return copy;
        }
        BsonValue child = copy.get(name);
        if (child == null || !child.isDocument()) {
            if (value == null) {
                return copy;
            }
            child = new BsonDocument();
        }
        copy.put(name, with(child.asDocument(), path, i + 1, value));
        return copy;
    }

    /** A shallow copy keeping field order. */
    public static BsonDocument copy(BsonDocument doc) {
        BsonDocument copy = new BsonDocument();
        for (String k : doc.keySet()) {
            copy.put(k, doc.get(k));
        }
        return copy;
    }
}
