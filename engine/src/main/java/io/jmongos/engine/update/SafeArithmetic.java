package io.jmongos.engine.update;

import java.math.BigDecimal;
import java.math.MathContext;

import io.jmongos.engine.query.NumberComparison;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Numeric arithmetic with MongoDB's type promotion (SafeNum): int32 op int32 gives int32, or int64 when it
 * overflows; int64 overflow is an error (null result); any double gives double; any decimal gives decimal.
 */
final class SafeArithmetic {
    /** MongoDB converts a double to decimal keeping 15 significant digits (Decimal128 kRoundTo15Digits). */
    private static final MathContext DOUBLE_TO_DECIMAL = new MathContext(15);

    private SafeArithmetic() {
    }

    static BsonValue add(BsonValue a, BsonValue b) {
        return apply(a, b, true);
    }

    static BsonValue multiply(BsonValue a, BsonValue b) {
        return apply(a, b, false);
    }

    /** Zero of the same numeric type ($mul on a missing field). */
    static BsonValue zeroLike(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32: return new BsonInt32(0);
            case INT64: return new BsonInt64(0);
            case DOUBLE: return new BsonDouble(0);
            default: return new BsonDecimal128(Decimal128.parse("0"));
        }
    }

    private static BsonValue apply(BsonValue a, BsonValue b, boolean add) {
        if (a.isDecimal128() || b.isDecimal128()) {
            return decimal(a, b, add);
        }
        if (a.isDouble() || b.isDouble()) {
            double x = a.asNumber().doubleValue();
            double y = b.asNumber().doubleValue();
            return new BsonDouble(add ? x + y : x * y);
        }
        long x = a.asNumber().longValue();
        long y = b.asNumber().longValue();
        if (a.isInt32() && b.isInt32()) {
            long r = add ? x + y : x * y;
            return r == (int) r ? new BsonInt32((int) r) : new BsonInt64(r);
        }
        try {
            return new BsonInt64(add ? Math.addExact(x, y) : Math.multiplyExact(x, y));
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    private static BsonValue decimal(BsonValue a, BsonValue b, boolean add) {
        if (NumberComparison.isNaN(a) || NumberComparison.isNaN(b) || isInfinite(a) || isInfinite(b)) {
            double x = toDouble(a);
            double y = toDouble(b);
            double r = add ? x + y : x * y;
            return new BsonDecimal128(Double.isNaN(r) ? Decimal128.NaN
                    : r > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY);
        }
        BigDecimal x = toBigDecimal(a);
        BigDecimal y = toBigDecimal(b);
        BigDecimal r = add ? x.add(y, MathContext.DECIMAL128) : x.multiply(y, MathContext.DECIMAL128);
        return new BsonDecimal128(new Decimal128(r));
    }

    private static boolean isInfinite(BsonValue v) {
        return v.isDouble() && Double.isInfinite(v.asDouble().getValue())
                || v.isDecimal128() && v.asDecimal128().getValue().isInfinite();
    }

    private static double toDouble(BsonValue v) {
        return v.isDecimal128() ? v.asDecimal128().getValue().doubleValue() : v.asNumber().doubleValue();
    }

    private static BigDecimal toBigDecimal(BsonValue v) {
        if (v.isDouble()) {
            return new BigDecimal(v.asDouble().getValue()).round(DOUBLE_TO_DECIMAL);
        }
        return NumberComparison.toBigDecimal(v);
    }
}
