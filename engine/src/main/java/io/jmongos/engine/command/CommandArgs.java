package io.jmongos.engine.command;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Namespace;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Typed access to command fields with MongoDB's errors for wrong types. */
public final class CommandArgs {
    /** IDL parser error for a missing required field (MongoDB idl_parser.cpp, location 40414). */
    public static final int MISSING_REQUIRED_FIELD = 40414;

    private CommandArgs() {
    }

    /** The namespace named by the command's first field (a collection name string). */
    public static Namespace namespace(String db, BsonDocument cmd) {
        String name = cmd.getFirstKey();
        BsonValue v = cmd.get(name);
        if (!v.isString()) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "collection name has invalid type "
                    + typeName(v));
        }
        return Namespace.of(db, v.asString().getValue());
    }

    public static BsonDocument document(BsonDocument cmd, String field, BsonDocument dflt) {
        BsonValue v = cmd.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isDocument()) {
            throw wrongType(cmd, field, v, "object");
        }
        return v.asDocument();
    }

    public static boolean bool(BsonDocument cmd, String field, boolean dflt) {
        BsonValue v = cmd.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        if (v.isNumber()) {
            return v.asNumber().doubleValue() != 0;
        }
        throw wrongType(cmd, field, v, "bool");
    }

    /** An integral number (int, long, or a double/decimal with an integral value). */
    public static long integer(BsonDocument cmd, String field, long dflt) {
        BsonValue v = cmd.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isInt32() || v.isInt64()) {
            return v.asNumber().longValue();
        }
        if (v.isDouble() || v.isDecimal128()) {
            double d = v.isDouble() ? v.asDouble().getValue() : v.asDecimal128().doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return (long) d;
            }
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Expected an integer: " + field + ": " + v);
        }
        throw wrongType(cmd, field, v, "long, int, decimal, double");
    }

    public static String string(BsonDocument cmd, String field, String dflt) {
        BsonValue v = cmd.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isString()) {
            throw wrongType(cmd, field, v, "string");
        }
        return v.asString().getValue();
    }

    /**
     * The array argument {@code field}: MongoDB's IDL error 40414 when it is missing, TypeMismatch when it is
     * not an array.
     */
    public static BsonArray requiredArray(BsonDocument cmd, String field) {
        BsonValue v = cmd.get(field);
        if (v == null) {
            throw new CommandFailedException(MISSING_REQUIRED_FIELD, "Location" + MISSING_REQUIRED_FIELD,
                    "BSON field '" + cmd.getFirstKey() + "." + field + "' is missing but a required field");
        }
        if (!v.isArray()) {
            throw wrongType(cmd, field, v, "array");
        }
        return v.asArray();
    }

    public static CommandFailedException wrongType(BsonDocument cmd, String field, BsonValue v, String expected) {
        return new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field '" + cmd.getFirstKey() + "."
                + field + "' is the wrong type '" + typeName(v) + "', expected types '[" + expected + "]'");
    }

    /** MongoDB's type alias of a value ($type names). */
    public static String typeName(BsonValue v) {
        switch (v.getBsonType()) {
            case DOUBLE: return "double";
            case STRING: return "string";
            case DOCUMENT: return "object";
            case ARRAY: return "array";
            case BINARY: return "binData";
            case OBJECT_ID: return "objectId";
            case BOOLEAN: return "bool";
            case DATE_TIME: return "date";
            case NULL: return "null";
            case REGULAR_EXPRESSION: return "regex";
            case INT32: return "int";
            case INT64: return "long";
            case DECIMAL128: return "decimal";
            case TIMESTAMP: return "timestamp";
            default: return v.getBsonType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Refuses an option the engine does not implement, clearly. */
    public static void refuse(BsonDocument cmd, String field, String why) {
        BsonValue v = cmd.get(field);
        if (v != null && !(v.isDocument() && v.asDocument().isEmpty())) {
            throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, "the '" + field + "' option of "
                    + cmd.getFirstKey() + " is not supported by the jmongos embedded engine: " + why);
        }
    }
}
