package io.jmongos.router.command.data;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.session.BsonTypeNames;

/** Reading and checking command arguments with MongoDB's IDL error codes and messages. */
public final class CommandArgs {
    /** IDL: a required field is missing. */
    public static final int MISSING_FIELD = 40414;

    private CommandArgs() {
    }

    public static void requireAdmin(String db, String command) {
        if (!"admin".equals(db)) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED,
                    command + " may only be run against the admin database.");
        }
    }

    public static BsonValue required(BsonDocument cmd, String command, String field) {
        BsonValue v = cmd.get(field);
        if (v == null) {
            throw new CommandFailedException(MISSING_FIELD, ErrorCode.nameOf(MISSING_FIELD),
                    "BSON field '" + command + "." + field + "' is missing but a required field");
        }
        return v;
    }

    public static String requiredString(BsonDocument cmd, String command, String field) {
        BsonValue v = required(cmd, command, field);
        if (!v.isString()) {
            throw wrongType(command, field, v, "string");
        }
        return v.asString().getValue();
    }

    /** A long field (int32 accepted too, as drivers may send small ids as int). */
    public static long requiredLong(BsonDocument cmd, String command, String field) {
        BsonValue v = required(cmd, command, field);
        if (!v.isInt64() && !v.isInt32()) {
            throw wrongType(command, field, v, "long");
        }
        return v.asNumber().longValue();
    }

    /**
     * An optional non-negative integer no larger than {@code max}; {@code absent} when missing.
     *
     * @throws CommandFailedException BadValue for a negative or fractional value, TypeMismatch for a non-number
     */
    public static long optionalNonNegative(BsonDocument cmd, String command, String field, long max, long absent) {
        BsonValue v = cmd.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber()) {
            throw wrongType(command, field, v, "long");
        }
        double d = v.asNumber().doubleValue();
        if (d != Math.rint(d)) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE,
                    "BSON field '" + command + "." + field + "' value must be an integer, but found " + d);
        }
        if (d < 0) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "BSON field '" + command + "." + field
                    + "' value must be >= 0, actual value '" + v.asNumber().longValue() + "'");
        }
        return (long) Math.min(d, max);
    }

    public static boolean optionalBool(BsonDocument cmd, String field) {
        BsonValue v = cmd.get(field);
        if (v == null) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        return v.isNumber() && v.asNumber().doubleValue() != 0;
    }

    public static CommandFailedException wrongType(String command, String field, BsonValue v, String expected) {
        return new CommandFailedException(ErrorCode.TYPE_MISMATCH, "BSON field '" + command + "." + field
                + "' is the wrong type '" + BsonTypeNames.of(v) + "', expected type '" + expected + "'");
    }
}
