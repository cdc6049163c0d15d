package io.jmongos.engine.query;

import java.math.BigDecimal;

import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Exact comparison of BSON numbers across int32, int64, double and decimal128 (MongoDB {@code compareNumbers}):
 * NaN is below every other number and equal to itself, -0 equals 0, long vs double is compared without
 * rounding the long.
 */
public final class NumberComparison {
    /** 2^63 as a double: the first double above every long. */
    private static final double TWO_POW_63 = 9.223372036854775808E18;

    private NumberComparison() {
    }

    /** Both arguments must be numeric BSON values. */
    public static int compare(BsonValue a, BsonValue b) {
        boolean da = a.isDecimal128();
        boolean db = b.isDecimal128();
        if (da || db) {
            return compareDecimal(a, b);
        }
        boolean fa = a.isDouble();
        boolean fb = b.isDouble();
        if (fa && fb) {
            return compareDoubles(a.asDouble().getValue(), b.asDouble().getValue());
        }
        if (fa) {
            return -compareLongToDouble(integral(b), a.asDouble().getValue());
        }
        if (fb) {
            return compareLongToDouble(integral(a), b.asDouble().getValue());
        }
        return Long.compare(integral(a), integral(b));
    }

    /** True for NaN doubles and NaN decimals. */
    public static boolean isNaN(BsonValue v) {
        return v.isDouble() && Double.isNaN(v.asDouble().getValue())
                || v.isDecimal128() && v.asDecimal128().getValue().isNaN();
    }

    private static long integral(BsonValue v) {
        return v.isInt32() ? v.asInt32().getValue() : v.asInt64().getValue();
    }

    static int compareDoubles(double x, double y) {
        if (x < y) {
            return -1;
        }
        if (x > y) {
            return 1;
        }
        if (x == y) {
            return 0; // includes -0 == 0
        }
        boolean nx = Double.isNaN(x);
        boolean ny = Double.isNaN(y);
        return nx && ny ? 0 : nx ? -1 : 1;
    }

    static int compareLongToDouble(long l, double d) {
        if (Double.isNaN(d)) {
            return 1;
        }
        if (d < -TWO_POW_63) {
            return 1;
        }
        if (d >= TWO_POW_63) {
            return -1;
        }
        long truncated = (long) d;
        if (l != truncated) {
            return Long.compare(l, truncated);
        }
        double fraction = d - truncated;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    private static int compareDecimal(BsonValue a, BsonValue b) {
        boolean nanA = isNaN(a);
        boolean nanB = isNaN(b);
        if (nanA || nanB) {
            return nanA && nanB ? 0 : nanA ? -1 : 1;
        }
        int ia = infinity(a);
        int ib = infinity(b);
        if (ia != 0 || ib != 0) {
            return Integer.compare(ia, ib);
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    /** -1 for negative infinity, 1 for positive infinity, 0 for finite values. */
    private static int infinity(BsonValue v) {
        if (v.isDouble()) {
            double d = v.asDouble().getValue();
            return d == Double.POSITIVE_INFINITY ? 1 : d == Double.NEGATIVE_INFINITY ? -1 : 0;
        }
        if (v.isDecimal128()) {
            Decimal128 d = v.asDecimal128().getValue();
            return d.isInfinite() ? (d.isNegative() ? -1 : 1) : 0;
        }
        return 0;
    }

    /** A finite numeric value as an exact BigDecimal (decimal -0 becomes 0). */
    public static BigDecimal toBigDecimal(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: return BigDecimal.valueOf(v.asInt32().getValue());
            case INT64: return BigDecimal.valueOf(v.asInt64().getValue());
            case DOUBLE: return new BigDecimal(v.asDouble().getValue());
            case DECIMAL128: {
                Decimal128 d = v.asDecimal128().getValue();
                try {
                    return d.bigDecimalValue();
                } catch (ArithmeticException negativeZero) {
                    return BigDecimal.ZERO;
                }
            }
            default: throw new IllegalArgumentException("not a number: " + v.getBsonType());
        }
    }
}
