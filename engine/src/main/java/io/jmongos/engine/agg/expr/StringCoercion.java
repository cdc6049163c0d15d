package io.jmongos.engine.agg.expr;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.bson.BsonValue;

/** MongoDB's {@code Value::coerceToString} as used by $concat's cousins, $toLower, $substr... */
public final class StringCoercion {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StringCoercion() {
    }

    /**
     * @return the string form; "" for null/missing
     * @throws io.jmongos.common.CommandFailedException 16007 for types with no string form
     */
    public static String coerce(BsonValue v) {
        if (Values.isNullish(v)) {
            return "";
        }
        switch (v.getBsonType()) {
            case STRING: return v.asString().getValue();
            case SYMBOL: return v.asSymbol().getSymbol();
            case INT32: return Integer.toString(v.asInt32().getValue());
            case INT64: return Long.toString(v.asInt64().getValue());
            case DOUBLE: return formatDouble(v.asDouble().getValue());
            case DECIMAL128: return v.asDecimal128().getValue().toString();
            case DATE_TIME: return formatDate(v.asDateTime().getValue());
            case TIMESTAMP: return "Timestamp(" + v.asTimestamp().getTime() + ", " + v.asTimestamp().getInc() + ")";
            case JAVASCRIPT: return v.asJavaScript().getCode();
            default:
                throw AggErrors.fail(16007, "can't convert from BSON type " + Values.typeName(v) + " to String");
        }
    }

    /** An ISO-8601 UTC date with milliseconds, as MongoDB prints dates. */
    public static String formatDate(long millis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(millis));
    }

    /** A double as MongoDB prints it: integral values without ".0", exponents as "1e+20". */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            if (d == 0 && 1 / d < 0) {
                return "-0";
            }
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        String expText = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        return mantissa + "e" + expText;
    }
}
