package io.jmongos.it.spec;

import java.util.Map;

import org.bson.BsonType;
import org.bson.BsonValue;

/** Helpers for the Unified Test Format's special operators ({@code $$type} names and detection). */
final class SpecialOperators {
    /** BSON type aliases as the {@code $type} query operator names them. */
    private static final Map<BsonType, String> ALIASES = Map.ofEntries(
            Map.entry(BsonType.DOUBLE, "double"), Map.entry(BsonType.STRING, "string"),
            Map.entry(BsonType.DOCUMENT, "object"), Map.entry(BsonType.ARRAY, "array"),
            Map.entry(BsonType.BINARY, "binData"), Map.entry(BsonType.UNDEFINED, "undefined"),
            Map.entry(BsonType.OBJECT_ID, "objectId"), Map.entry(BsonType.BOOLEAN, "bool"),
            Map.entry(BsonType.DATE_TIME, "date"), Map.entry(BsonType.NULL, "null"),
            Map.entry(BsonType.REGULAR_EXPRESSION, "regex"), Map.entry(BsonType.DB_POINTER, "dbPointer"),
            Map.entry(BsonType.JAVASCRIPT, "javascript"), Map.entry(BsonType.SYMBOL, "symbol"),
            Map.entry(BsonType.JAVASCRIPT_WITH_SCOPE, "javascriptWithScope"), Map.entry(BsonType.INT32, "int"),
            Map.entry(BsonType.TIMESTAMP, "timestamp"), Map.entry(BsonType.INT64, "long"),
            Map.entry(BsonType.DECIMAL128, "decimal"), Map.entry(BsonType.MIN_KEY, "minKey"),
            Map.entry(BsonType.MAX_KEY, "maxKey"));

    private SpecialOperators() {
    }

    /** A document with exactly one key that starts with {@code $$}. */
    static boolean isOperator(BsonValue v) {
        return v != null && v.isDocument() && v.asDocument().size() == 1
                && v.asDocument().getFirstKey().startsWith("$$");
    }

    static String typeName(BsonValue v) {
        return ALIASES.getOrDefault(v.getBsonType(), v.getBsonType().name());
    }

    /** {@code $$type}: a type alias or an array of them; "number" matches int, long, double and decimal. */
    static boolean typeMatches(BsonValue spec, BsonValue actual) {
        if (spec.isArray()) {
            return spec.asArray().stream().anyMatch(s -> typeMatches(s, actual));
        }
        String want = spec.asString().getValue();
        if ("number".equals(want)) {
            return actual.isInt32() || actual.isInt64() || actual.isDouble() || actual.isDecimal128();
        }
        return want.equals(typeName(actual));
    }
}
