package io.jmongos.engine.agg.expr;

import io.jmongos.engine.query.BsonValueComparator;

import org.bson.BsonType;
import org.bson.BsonValue;

/** Helpers over expression results, where Java {@code null} means "missing". */
public final class Values {
    private Values() {
    }

    /** Missing, BSON null or undefined: what MongoDB's {@code Value::nullish()} calls nullish. */
    public static boolean isNullish(BsonValue v) {
        return v == null || v.isNull() || v.getBsonType() == BsonType.UNDEFINED;
    }

    /** MongoDB's truthiness ({@code Value::coerceToBool}): false, null, missing, undefined and 0 are false. */
    public static boolean isTruthy(BsonValue v) {
        if (isNullish(v)) {
            return false;
        }
        switch (v.getBsonType()) {
            case BOOLEAN:
                return v.asBoolean().getValue();
            case INT32:
                return v.asInt32().getValue() != 0;
            case INT64:
                return v.asInt64().getValue() != 0;
            case DOUBLE:
                return v.asDouble().getValue() != 0.0;
            case DECIMAL128:
                return !v.asDecimal128().getValue().isNaN()
                        && (v.asDecimal128().getValue().isInfinite()
                        || v.asDecimal128().getValue().bigDecimalValue().signum() != 0);
            default:
                return true;
        }
    }

    /** MongoDB's BSON order (Java null = missing, lowest with undefined). */
    public static int compare(BsonValue a, BsonValue b) {
        return BsonValueComparator.compare(a, b);
    }

    /** Equality in MongoDB's order (1 == 1.0 == NumberLong(1)). */
    public static boolean equal(BsonValue a, BsonValue b) {
        return compare(a, b) == 0;
    }

    /** The type name {@code $type} reports ("missing" for a missing value). */
    public static String typeName(BsonValue v) {
        if (v == null) {
            return "missing";
        }
        return typeName(v.getBsonType());
    }

    /** MongoDB's alias for a BSON type (as in {@code typeName()} of bsontypes.cpp). */
    public static String typeName(BsonType t) {
        switch (t) {
            case DOUBLE: return "double";
            case STRING: return "string";
            case DOCUMENT: return "object";
            case ARRAY: return "array";
            case BINARY: return "binData";
            case UNDEFINED: return "undefined";
            case OBJECT_ID: return "objectId";
            case BOOLEAN: return "bool";
            case DATE_TIME: return "date";
            case NULL: return "null";
            case REGULAR_EXPRESSION: return "regex";
            case DB_POINTER: return "dbPointer";
            case JAVASCRIPT: return "javascript";
            case SYMBOL: return "symbol";
            case JAVASCRIPT_WITH_SCOPE: return "javascriptWithScope";
            case INT32: return "int";
            case TIMESTAMP: return "timestamp";
            case INT64: return "long";
            case DECIMAL128: return "decimal";
            case MIN_KEY: return "minKey";
            case MAX_KEY: return "maxKey";
            default: return "eoo";
        }
    }

    /** True for int, long, double and decimal. */
    public static boolean isNumber(BsonValue v) {
        return v != null && (v.isInt32() || v.isInt64() || v.isDouble() || v.isDecimal128());
    }
}
