package io.jmongos.engine.agg.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** The conversions of {@code $convert}; failures are 241 ConversionFailure (which {@code onError} catches). */
public final class TypeConversion {
    private static final String SUFFIX = " in $convert with no onError value";

    private TypeConversion() {
    }

    /** Converts a non-nullish value. */
    public static BsonValue convert(BsonValue v, BsonType to) {
        if (v.getBsonType() == to && to != BsonType.DOUBLE) {
            return v;
        }
        switch (to) {
            case DOUBLE: return toDouble(v);
            case INT32: return toInt(v);
            case INT64: return toLong(v);
            case DECIMAL128: return toDecimal(v);
            case STRING: return toStringValue(v);
            case BOOLEAN: return BsonBoolean.valueOf(toBool(v));
            case OBJECT_ID: return toObjectId(v);
            case DATE_TIME: return toDate(v);
            default: throw unsupported(v, to);
        }
    }

    static CommandFailedException failure(String message) {
        return failure(message, null);
    }

    /** MongoDB's shape: "{what} in $convert with no onError value[: {detail}]". */
    static CommandFailedException failure(String message, String detail) {
        return AggErrors.fail(ErrorCode.CONVERSION_FAILURE, message + SUFFIX + (detail == null ? "" : ": " + detail));
    }

    private static CommandFailedException unsupported(BsonValue v, BsonType to) {
        return failure("Unsupported conversion from " + Values.typeName(v) + " to " + Values.typeName(to));
    }

    private static BsonValue toDouble(BsonValue v) {
        switch (v.getBsonType()) {
            case DOUBLE: return v;
            case INT32:
            case INT64: return new BsonDouble(Numbers.toDouble(v));
            case DECIMAL128: {
                Decimal128 d = v.asDecimal128().getValue();
                double x = d.doubleValue();
                if (Double.isInfinite(x) && !d.isInfinite()) {
                    throw failure("Conversion would overflow target type", StringCoercion.coerce(v));
                }
                return new BsonDouble(x);
            }
            case BOOLEAN: return new BsonDouble(v.asBoolean().getValue() ? 1 : 0);
            case DATE_TIME: return new BsonDouble(v.asDateTime().getValue());
            case STRING: return new BsonDouble(parseDouble(v.asString().getValue()));
            default: throw unsupported(v, BsonType.DOUBLE);
        }
    }

    private static double parseDouble(String s) {
        switch (s) {
            case "NaN": case "nan": return Double.NaN;
            case "Infinity": case "inf": case "infinity": return Double.POSITIVE_INFINITY;
            case "-Infinity": case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        if (s.isEmpty()) {
            throw failure("Failed to parse number '" + s + "'", "Empty input string");
        }
        if (Character.isWhitespace(s.charAt(0))) {
            throw failure("Failed to parse number '" + s + "'", "Leading whitespace");
        }
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            throw failure("Failed to parse number '" + s + "'", "Did not consume whole string.");
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw failure("Failed to parse number '" + s + "'", "Out of range");
        }
        return d;
    }

    private static long integral(BsonValue v, BsonType to, long min, long max) {
        switch (v.getBsonType()) {
            case INT32:
            case INT64: {
                long x = Numbers.toLong(v);
                if (x < min || x > max) {
                    throw failure("Conversion would overflow target type", Long.toString(x));
                }
                return x;
            }
            case DOUBLE:
            case DECIMAL128: {
                BigDecimal b = Numbers.toBigDecimal(v);
                if (b == null) {
                    boolean nan = v.isDouble() ? Double.isNaN(v.asDouble().getValue())
                            : v.asDecimal128().getValue().isNaN();
                    throw failure(nan ? "Attempt to convert NaN value to integer type"
                            : "Attempt to convert infinity value to integer type");
                }
                BigDecimal t = b.setScale(0, RoundingMode.DOWN);
                if (t.compareTo(BigDecimal.valueOf(min)) < 0 || t.compareTo(BigDecimal.valueOf(max)) > 0) {
                    throw failure("Conversion would overflow target type", StringCoercion.coerce(v));
                }
                return t.longValue();
            }
            case BOOLEAN: return v.asBoolean().getValue() ? 1 : 0;
            case STRING: {
                String s = v.asString().getValue();
                if (s.isEmpty() || Character.isWhitespace(s.charAt(0))) {
                    throw failure("Failed to parse number '" + s + "'", s.isEmpty() ? "No digits"
                            : "Leading whitespace");
                }
                if (!s.matches("[-+]?\\d+")) {
                    throw failure("Failed to parse number '" + s + "'", "Did not consume whole string.");
                }
                long x;
                try {
                    x = Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw failure("Failed to parse number '" + s + "'", "Overflow");
                }
                if (x < min || x > max) {
                    throw failure("Failed to parse number '" + s + "'", "Overflow");
                }
                return x;
            }
            case DATE_TIME:
                if (to == BsonType.INT64) {
                    return v.asDateTime().getValue();
                }
                throw unsupported(v, to);
            default:
                throw unsupported(v, to);
        }
    }

    private static BsonValue toInt(BsonValue v) {
        return new BsonInt32((int) integral(v, BsonType.INT32, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    private static BsonValue toLong(BsonValue v) {
        return new BsonInt64(integral(v, BsonType.INT64, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static BsonValue toDecimal(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32:
            case INT64:
            case DOUBLE:
                return Numbers.decimalOf(v);
            case BOOLEAN: return Numbers.decimal(BigDecimal.valueOf(v.asBoolean().getValue() ? 1 : 0));
            case DATE_TIME: return Numbers.decimal(BigDecimal.valueOf(v.asDateTime().getValue()));
            case STRING: {
                String s = v.asString().getValue();
                try {
                    return new BsonDecimal128(Decimal128.parse(s));
                } catch (NumberFormatException e) {
                    throw failure("Failed to parse number '" + s + "'", "Did not consume whole string.");
                }
            }
            default: throw unsupported(v, BsonType.DECIMAL128);
        }
    }

    private static BsonValue toStringValue(BsonValue v) {
        switch (v.getBsonType()) {
            case BOOLEAN: return new BsonString(v.asBoolean().getValue() ? "true" : "false");
            case OBJECT_ID: return new BsonString(v.asObjectId().getValue().toHexString());
            case INT32:
            case INT64:
            case DOUBLE:
            case DECIMAL128:
            case DATE_TIME:
            case STRING:
                return new BsonString(StringCoercion.coerce(v));
            default: throw unsupported(v, BsonType.STRING);
        }
    }

    /** $toBool: false, 0 (any numeric type) are false; every other value is true. */
    static boolean toBool(BsonValue v) {
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        if (Values.isNumber(v)) {
            return Values.isTruthy(v);
        }
        return true;
    }

    private static BsonValue toObjectId(BsonValue v) {
        if (!v.isString()) {
            throw unsupported(v, BsonType.OBJECT_ID);
        }
        String s = v.asString().getValue();
        if (s.length() != 24) {
            throw failure("Failed to parse objectId '" + s + "'", "Invalid string length for parsing to OID, "
                    + "expected 24 but found " + s.length());
        }
        if (!ObjectId.isValid(s)) {
            throw failure("Failed to parse objectId '" + s + "'", "Invalid character found in hex string");
        }
        return new BsonObjectId(new ObjectId(s));
    }

    private static BsonValue toDate(BsonValue v) {
        switch (v.getBsonType()) {
            case INT64: return new BsonDateTime(v.asInt64().getValue());
            case DOUBLE:
            case DECIMAL128:
                return new BsonDateTime(integral(v, BsonType.INT64, Long.MIN_VALUE, Long.MAX_VALUE));
            case OBJECT_ID: return new BsonDateTime(v.asObjectId().getValue().getTimestamp() * 1000L);
            case TIMESTAMP: return new BsonDateTime(v.asTimestamp().getTime() * 1000L);
            case STRING: {
                try {
                    return new BsonDateTime(DateParsing.parse(v.asString().getValue(), null, null));
                } catch (CommandFailedException e) {
                    throw failure("Error parsing date string '" + v.asString().getValue() + "'");
                }
            }
            default: throw unsupported(v, BsonType.DATE_TIME);
        }
    }
}
