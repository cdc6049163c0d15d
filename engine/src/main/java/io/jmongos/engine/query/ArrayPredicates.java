package io.jmongos.engine.query;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $size} and the two forms of {@code $elemMatch}; all apply to arrays only. */
final class ArrayPredicates {
    private ArrayPredicates() {
    }

    static ValuePredicate size(int n) {
        return (value, details) -> value != null && value.isArray() && value.asArray().size() == n;
    }

    /** {@code {$elemMatch: {$gt: 1, $lt: 5}}}: one element satisfies every condition. */
    static ValuePredicate elemMatchValue(List<MatchNode> conditions) {
        return (value, details) -> {
            if (value == null || !value.isArray()) {
                return false;
            }
            BsonArray arr = value.asArray();
            for (int i = 0; i < arr.size(); i++) {
                BsonValue el = arr.get(i);
                boolean all = true;
                for (MatchNode c : conditions) {
                    if (!c.matchesValue(el, null)) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    if (details != null) {
                        details.setElemMatchKey(Integer.toString(i));
                    }
                    return true;
                }
            }
            return false;
        };
    }

    /** {@code {$elemMatch: {b: 1}}}: one element that is a document (or array) matches the filter. */
    static ValuePredicate elemMatchObject(MatchNode filter) {
        return (value, details) -> {
            if (value == null || !value.isArray()) {
                return false;
            }
            BsonArray arr = value.asArray();
            for (int i = 0; i < arr.size(); i++) {
                BsonDocument asDoc = asDocument(arr.get(i));
                if (asDoc != null && filter.matches(asDoc, null)) {
                    if (details != null) {
                        details.setElemMatchKey(Integer.toString(i));
                    }
                    return true;
                }
            }
            return false;
        };
    }

    /** A document, or an array seen as a document with fields "0", "1", ...; null for other values. */
    static BsonDocument asDocument(BsonValue v) {
        if (v.isDocument()) {
            return v.asDocument();
        }
        if (!v.isArray()) {
            return null;
        }
        BsonDocument d = new BsonDocument();
        BsonArray arr = v.asArray();
        for (int i = 0; i < arr.size(); i++) {
            d.put(Integer.toString(i), arr.get(i));
        }
        return d;
    }
}
