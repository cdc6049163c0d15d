package io.jmongos.engine.query;

import java.util.LinkedHashMap;
import java.util.Map;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * MongoDB's type names and numbers for {@code $type} (docs: "$type" query operator, "Available Types"):
 * numbers are the BSON type bytes, except MinKey which is -1.
 */
public final class BsonTypeAliases {
    private static final Map<String, BsonType> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("double", BsonType.DOUBLE);
        BY_NAME.put("string", BsonType.STRING);
        BY_NAME.put("object", BsonType.DOCUMENT);
        BY_NAME.put("array", BsonType.ARRAY);
        BY_NAME.put("binData", BsonType.BINARY);
        BY_NAME.put("undefined", BsonType.UNDEFINED);
        BY_NAME.put("objectId", BsonType.OBJECT_ID);
        BY_NAME.put("bool", BsonType.BOOLEAN);
        BY_NAME.put("date", BsonType.DATE_TIME);
        BY_NAME.put("null", BsonType.NULL);
        BY_NAME.put("regex", BsonType.REGULAR_EXPRESSION);
        BY_NAME.put("dbPointer", BsonType.DB_POINTER);
        BY_NAME.put("javascript", BsonType.JAVASCRIPT);
        BY_NAME.put("symbol", BsonType.SYMBOL);
        BY_NAME.put("javascriptWithScope", BsonType.JAVASCRIPT_WITH_SCOPE);
        BY_NAME.put("int", BsonType.INT32);
        BY_NAME.put("timestamp", BsonType.TIMESTAMP);
        BY_NAME.put("long", BsonType.INT64);
        BY_NAME.put("decimal", BsonType.DECIMAL128);
        BY_NAME.put("minKey", BsonType.MIN_KEY);
        BY_NAME.put("maxKey", BsonType.MAX_KEY);
    }

    private BsonTypeAliases() {
    }

    /** The alias MongoDB prints for a type ("double", "object", ...). */
    public static String nameOf(BsonType type) {
        for (Map.Entry<String, BsonType> e : BY_NAME.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        return type.name();
    }

    /** The {@code $type} number of a BSON type (-1 for MinKey). */
    public static int numberOf(BsonType type) {
        return type == BsonType.MIN_KEY ? -1 : type.getValue();
    }

    /**
     * Resolves one {@code $type} argument: a name, "number" (null result: all numeric types) or a number.
     *
     * @throws CommandFailedException 2 BadValue for unknown names/codes, 14 TypeMismatch for other values
     */
    static BsonType resolve(BsonValue spec) {
        if (spec.isString()) {
            String name = spec.asString().getValue();
            if (name.equals("number")) {
                return null;
            }
            BsonType t = BY_NAME.get(name);
            if (t == null) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "Unknown type name alias: " + name);
            }
            return t;
        }
        if (spec.isNumber() || spec.isDecimal128()) {
            double d = spec.isDecimal128() ? spec.asDecimal128().doubleValue() : spec.asNumber().doubleValue();
            int code = (int) d;
            if (code != d) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE,
                        "Invalid numerical type code: " + spec.asNumber().doubleValue());
            }
            if (code == -1) {
                return BsonType.MIN_KEY;
            }
            for (BsonType t : BY_NAME.values()) {
                if (t != BsonType.MIN_KEY && t.getValue() == code) {
                    return t;
                }
            }
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Invalid numerical type code: " + code);
        }
        throw new CommandFailedException(ErrorCode.TYPE_MISMATCH,
                "type must be represented as a number or a string");
    }
}
