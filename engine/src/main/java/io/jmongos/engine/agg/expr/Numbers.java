package io.jmongos.engine.agg.expr;

import java.math.BigDecimal;
import java.math.MathContext;

import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Numeric helpers with MongoDB's type promotion: int &lt; long &lt; double &lt; decimal. Integer results
 * that overflow widen (int to long, long to double), as {@code $add}, {@code $multiply} and {@code $sum} do.
 */
public final class Numbers {
    /** Width classes, in promotion order. */
    public static final int INT = 0;
    public static final int LONG = 1;
    public static final int DOUBLE = 2;
    public static final int DECIMAL = 3;

    private Numbers() {
    }

    /** The width class of a numeric value. */
    public static int kind(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: return INT;
            case INT64: return LONG;
            case DOUBLE: return DOUBLE;
            case DECIMAL128: return DECIMAL;
            default: throw new IllegalArgumentException("not a number: " + v.getBsonType());
        }
    }

    public static double toDouble(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: return v.asInt32().getValue();
            case INT64: return v.asInt64().getValue();
            case DOUBLE: return v.asDouble().getValue();
            case DECIMAL128: return v.asDecimal128().getValue().doubleValue();
            default: throw new IllegalArgumentException("not a number: " + v.getBsonType());
        }
    }

    public static long toLong(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: return v.asInt32().getValue();
            case INT64: return v.asInt64().getValue();
            case DOUBLE: return (long) v.asDouble().getValue();
            case DECIMAL128: return v.asDecimal128().getValue().bigDecimalValue().longValue();
            default: throw new IllegalArgumentException("not a number: " + v.getBsonType());
        }
    }

    /** The exact decimal value; null for NaN and infinities (which BigDecimal cannot hold). */
    public static BigDecimal toBigDecimal(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: return BigDecimal.valueOf(v.asInt32().getValue());
            case INT64: return BigDecimal.valueOf(v.asInt64().getValue());
            case DOUBLE: {
                double d = v.asDouble().getValue();
                return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
            }
            case DECIMAL128: {
                Decimal128 d = v.asDecimal128().getValue();
                return d.isNaN() || d.isInfinite() ? null : d.bigDecimalValue();
            }
            default: throw new IllegalArgumentException("not a number: " + v.getBsonType());
        }
    }

    /** A decimal result, rounded to Decimal128's 34 digits; NaN if {@code b} is null. */
    public static BsonDecimal128 decimal(BigDecimal b) {
        if (b == null) {
            return new BsonDecimal128(Decimal128.NaN);
        }
        BigDecimal r = b.round(MathContext.DECIMAL128);
        try {
            return new BsonDecimal128(new Decimal128(r));
        } catch (NumberFormatException | ArithmeticException e) {
            return new BsonDecimal128(r.signum() < 0 ? Decimal128.NEGATIVE_INFINITY : Decimal128.POSITIVE_INFINITY);
        }
    }

    /** Decimal value for a double, keeping NaN and infinities. */
    public static BsonDecimal128 decimalOf(BsonValue v) {
        if (v.isDecimal128()) {
            return v.asDecimal128();
        }
        if (v.isDouble() && !Double.isFinite(v.asDouble().getValue())) {
            double d = v.asDouble().getValue();
            return new BsonDecimal128(Double.isNaN(d) ? Decimal128.NaN
                    : d > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY);
        }
        return decimal(toBigDecimal(v));
    }

    /** An integral result: int if it fits and the inputs were ints, else long. */
    public static BsonValue integral(long value, int kind) {
        if (kind == INT && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return new BsonInt32((int) value);
        }
        return new BsonInt64(value);
    }

    /** {@code a + b} with promotion and overflow widening. */
    public static BsonValue add(BsonValue a, BsonValue b) {
        int k = Math.max(kind(a), kind(b));
        if (k == DECIMAL) {
            return addDecimal(decimalOf(a), decimalOf(b));
        }
        if (k == DOUBLE) {
            return new BsonDouble(toDouble(a) + toDouble(b));
        }
        long x = toLong(a);
        long y = toLong(b);
        long r = x + y;
        if (((x ^ r) & (y ^ r)) < 0) {
            return new BsonDouble((double) x + (double) y);
        }
        return integral(r, k);
    }

    /** {@code a - b} with promotion and overflow widening. */
    public static BsonValue subtract(BsonValue a, BsonValue b) {
        int k = Math.max(kind(a), kind(b));
        if (k == DECIMAL) {
            BigDecimal x = toBigDecimal(decimalOf(a));
            BigDecimal y = toBigDecimal(decimalOf(b));
            return x == null || y == null ? specialDecimal(a, b, false) : decimal(x.subtract(y));
        }
        if (k == DOUBLE) {
            return new BsonDouble(toDouble(a) - toDouble(b));
        }
        long x = toLong(a);
        long y = toLong(b);
        long r = x - y;
        if (((x ^ y) & (x ^ r)) < 0) {
            return new BsonDouble((double) x - (double) y);
        }
        return integral(r, k);
    }

    /** {@code a * b} with promotion and overflow widening. */
    public static BsonValue multiply(BsonValue a, BsonValue b) {
        int k = Math.max(kind(a), kind(b));
        if (k == DECIMAL) {
            BigDecimal x = toBigDecimal(decimalOf(a));
            BigDecimal y = toBigDecimal(decimalOf(b));
            if (x == null || y == null) {
                return decimalOf(new BsonDouble(toDouble(a) * toDouble(b)));
            }
            return decimal(x.multiply(y));
        }
        if (k == DOUBLE) {
            return new BsonDouble(toDouble(a) * toDouble(b));
        }
        long x = toLong(a);
        long y = toLong(b);
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            return new BsonDouble((double) x * (double) y);
        }
        return integral(lo, k);
    }

    private static BsonValue addDecimal(BsonDecimal128 a, BsonDecimal128 b) {
        BigDecimal x = toBigDecimal(a);
        BigDecimal y = toBigDecimal(b);
        if (x == null || y == null) {
            return specialDecimal(a, b, true);
        }
        return decimal(x.add(y));
    }

    /** Decimal arithmetic involving NaN or infinities, computed through doubles (same special results). */
    private static BsonValue specialDecimal(BsonValue a, BsonValue b, boolean add) {
        double r = add ? toDouble(a) + toDouble(b) : toDouble(a) - toDouble(b);
        return decimalOf(new BsonDouble(r));
    }

    /** Sign-aware zero test. */
    public static boolean isZero(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: return v.asInt32().getValue() == 0;
            case INT64: return v.asInt64().getValue() == 0;
            case DOUBLE: return v.asDouble().getValue() == 0.0;
            case DECIMAL128: {
                BigDecimal b = toBigDecimal(v);
                return b != null && b.signum() == 0;
            }
            default: return false;
        }
    }
}
