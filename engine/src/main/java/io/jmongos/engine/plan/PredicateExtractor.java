package io.jmongos.engine.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Collects index-usable predicates from a filter: top-level (and {@code $and}-nested) equality,
 * {@code $eq}, {@code $in} and {@code $gt/$gte/$lt/$lte} on scalar values. Anything else is left to the
 * matcher: null, arrays, regexes, MinKey/MaxKey and operators such as $ne or $elemMatch add no bound.
 */
final class PredicateExtractor {
    private PredicateExtractor() {
    }

    static Map<String, FieldBounds> extract(BsonDocument filter) {
        Map<String, FieldBounds> out = new HashMap<>();
        if (filter != null) {
            collect(filter, out);
        }
        return out;
    }

    private static void collect(BsonDocument filter, Map<String, FieldBounds> out) {
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String field = e.getKey();
            BsonValue v = e.getValue();
            if (field.equals("$and") && v.isArray()) {
                for (BsonValue clause : v.asArray()) {
                    if (clause.isDocument()) {
                        collect(clause.asDocument(), out);
                    }
                }
            } else if (!field.startsWith("$")) {
                if (v.isDocument() && isOperatorDocument(v.asDocument())) {
                    operators(field, v.asDocument(), out);
                } else if (pointValue(v)) {
                    bounds(out, field).points = List.of(v);
                }
            }
        }
    }

    private static void operators(String field, BsonDocument ops, Map<String, FieldBounds> out) {
        for (Map.Entry<String, BsonValue> op : ops.entrySet()) {
            BsonValue v = op.getValue();
            switch (op.getKey()) {
                case "$eq":
                    if (pointValue(v)) {
                        bounds(out, field).points = List.of(v);
                    }
                    break;
                case "$in":
                    if (v.isArray() && !v.asArray().isEmpty() && v.asArray().stream().allMatch(
                            PredicateExtractor::pointValue)) {
                        FieldBounds b = bounds(out, field);
                        if (!b.hasPoints()) {
                            b.points = new ArrayList<>(v.asArray());
                        }
                    }
                    break;
                case "$gt": case "$gte":
                    if (rangeValue(v)) {
                        bounds(out, field).addLower(v, op.getKey().equals("$gte"));
                    }
                    break;
                case "$lt": case "$lte":
                    if (rangeValue(v)) {
                        bounds(out, field).addUpper(v, op.getKey().equals("$lte"));
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static FieldBounds bounds(Map<String, FieldBounds> out, String field) {
        return out.computeIfAbsent(field, f -> new FieldBounds());
    }

    private static boolean isOperatorDocument(BsonDocument d) {
        return !d.isEmpty() && d.getFirstKey().startsWith("$");
    }

    /** Values whose equality matches exactly the index entries equal to them. */
    private static boolean pointValue(BsonValue v) {
        switch (v.getBsonType()) {
            case NULL: case UNDEFINED: case ARRAY: case REGULAR_EXPRESSION: case MIN_KEY: case MAX_KEY:
                return false;
            case DOCUMENT:
                return !isOperatorDocument(v.asDocument());
            default:
                return true;
        }
    }

    /** Values that bound a range within one type bracket. */
    private static boolean rangeValue(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: case INT64: case DOUBLE: case DECIMAL128: case STRING: case DATE_TIME: case OBJECT_ID:
            case TIMESTAMP: case BOOLEAN: case BINARY:
                return true;
            default:
                return false;
        }
    }
}
