package io.jmongos.engine.agg.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** {@code $abs $ceil $floor $round $trunc $sqrt $pow $exp $ln $log $log10}. */
final class MathOperators {
    /** $round/$trunc "place" bounds, as MongoDB checks them (-20..100). */
    static final int MIN_PLACE = -20;
    static final int MAX_PLACE = 100;

    private MathOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        Operators.fixed(ops, "$abs", 1, a -> unary("$abs", a[0], MathOperators::abs));
        Operators.fixed(ops, "$ceil", 1, a -> unary("$ceil", a[0], v -> integralRound(v, Math::ceil,
                RoundingMode.CEILING)));
        Operators.fixed(ops, "$floor", 1, a -> unary("$floor", a[0], v -> integralRound(v, Math::floor,
                RoundingMode.FLOOR)));
        Operators.fixed(ops, "$sqrt", 1, a -> unary("$sqrt", a[0], MathOperators::sqrt));
        Operators.fixed(ops, "$exp", 1, a -> unary("$exp", a[0], v -> real(v, Math::exp)));
        Operators.fixed(ops, "$ln", 1, a -> unary("$ln", a[0], v -> positive("$ln", 28766, v, Math::log)));
        Operators.fixed(ops, "$log10", 1, a -> unary("$log10", a[0],
                v -> positive("$log10", 28761, v, Math::log10)));
        Operators.fixed(ops, "$log", 2, a -> log(a[0], a[1]));
        Operators.fixed(ops, "$pow", 2, a -> pow(a[0], a[1]));
        Operators.ranged(ops, "$round", 1, 2, a -> round("$round", a, RoundingMode.HALF_EVEN));
        Operators.ranged(ops, "$trunc", 1, 2, a -> round("$trunc", a, RoundingMode.DOWN));
    }

    private interface NumFn {
        BsonValue apply(BsonValue numeric);
    }

    private static BsonValue unary(String op, BsonValue v, NumFn fn) {
        if (Values.isNullish(v)) {
            return BsonNull.VALUE;
        }
        if (!Values.isNumber(v)) {
            throw AggErrors.fail(28765, op + " only supports numeric types, not " + Values.typeName(v));
        }
        return fn.apply(v);
    }

    private static BsonValue abs(BsonValue v) {
        switch (v.getBsonType()) {
            case DOUBLE:
                return new BsonDouble(Math.abs(v.asDouble().getValue()));
            case DECIMAL128: {
                BigDecimal b = Numbers.toBigDecimal(v);
                return b == null ? Numbers.decimalOf(new BsonDouble(Math.abs(Numbers.toDouble(v))))
                        : Numbers.decimal(b.abs());
            }
            default: {
                long x = Numbers.toLong(v);
                if (x == Long.MIN_VALUE) {
                    throw AggErrors.fail(28680, "can't take $abs of long long min");
                }
                return v.isInt64() ? new BsonInt64(Math.abs(x)) : Numbers.integral(Math.abs(x), Numbers.INT);
            }
        }
    }

    private static BsonValue integralRound(BsonValue v, DoubleUnaryOperator fn, RoundingMode mode) {
        if (v.isDouble()) {
            return new BsonDouble(fn.applyAsDouble(v.asDouble().getValue()));
        }
        if (v.isDecimal128()) {
            BigDecimal b = Numbers.toBigDecimal(v);
            return b == null ? v : Numbers.decimal(b.setScale(0, mode));
        }
        return v;
    }

    private static BsonValue real(BsonValue v, DoubleUnaryOperator fn) {
        if (v.isDecimal128()) {
            return Numbers.decimalOf(new BsonDouble(fn.applyAsDouble(Numbers.toDouble(v))));
        }
        return new BsonDouble(fn.applyAsDouble(Numbers.toDouble(v)));
    }

    private static BsonValue sqrt(BsonValue v) {
        double d = Numbers.toDouble(v);
        if (d < 0) {
            throw AggErrors.fail(28714, "$sqrt's argument must be greater than or equal to 0");
        }
        if (v.isDecimal128()) {
            BigDecimal b = Numbers.toBigDecimal(v);
            return b == null ? v : Numbers.decimal(b.sqrt(MathContext.DECIMAL128));
        }
        return new BsonDouble(Math.sqrt(d));
    }

    private static BsonValue positive(String op, int code, BsonValue v, DoubleUnaryOperator fn) {
        double d = Numbers.toDouble(v);
        if (!(d > 0) && !Double.isNaN(d)) {
            throw AggErrors.fail(code, op + "'s argument must be a positive number, but is " + render(v));
        }
        return real(v, fn);
    }

    private static BsonValue log(BsonValue x, BsonValue base) {
        if (Values.isNullish(x) || Values.isNullish(base)) {
            return BsonNull.VALUE;
        }
        if (!Values.isNumber(x)) {
            throw AggErrors.fail(28756, "$log's argument must be numeric, not " + Values.typeName(x));
        }
        if (!Values.isNumber(base)) {
            throw AggErrors.fail(28757, "$log's base must be numeric, not " + Values.typeName(base));
        }
        double d = Numbers.toDouble(x);
        double b = Numbers.toDouble(base);
        if (!(d > 0)) {
            throw AggErrors.fail(28758, "$log's argument must be a positive number, but is " + render(x));
        }
        if (!(b > 0) || b == 1) {
            throw AggErrors.fail(28759, "$log's base must be a positive number not equal to 1, but is "
                    + render(base));
        }
        double r = Math.log(d) / Math.log(b);
        return x.isDecimal128() || base.isDecimal128() ? Numbers.decimalOf(new BsonDouble(r)) : new BsonDouble(r);
    }

    private static BsonValue pow(BsonValue base, BsonValue exp) {
        if (Values.isNullish(base) || Values.isNullish(exp)) {
            return BsonNull.VALUE;
        }
        if (!Values.isNumber(base)) {
            throw AggErrors.fail(28762, "$pow's base must be numeric, not " + Values.typeName(base));
        }
        if (!Values.isNumber(exp)) {
            throw AggErrors.fail(28763, "$pow's exponent must be numeric, not " + Values.typeName(exp));
        }
        if (Numbers.isZero(base) && Numbers.toDouble(exp) < 0) {
            throw AggErrors.fail(28764, "$pow cannot take a base of 0 and a negative exponent");
        }
        int k = Math.max(Numbers.kind(base), Numbers.kind(exp));
        double r = Math.pow(Numbers.toDouble(base), Numbers.toDouble(exp));
        if (k == Numbers.DECIMAL) {
            BigDecimal b = Numbers.toBigDecimal(base);
            if (b != null && (exp.isInt32() || exp.isInt64())) {
                long e = Numbers.toLong(exp);
                if (b != null && e >= 0 && e <= 999_999_999) {
                    return Numbers.decimal(b.pow((int) e, MathContext.DECIMAL128));
                }
            }
            return Numbers.decimalOf(new BsonDouble(r));
        }
        if (k == Numbers.DOUBLE) {
            return new BsonDouble(r);
        }
        long b = Numbers.toLong(base);
        long e = Numbers.toLong(exp);
        if (b == 1 || b == 0 && e > 0) {
            return Numbers.integral(b, k);
        }
        if (b == -1) {
            return Numbers.integral(e % 2 == 0 ? 1 : -1, k);
        }
        if (e < 0) {
            return new BsonDouble(r);
        }
        long result = 1;
        try {
            for (long i = 0; i < e; i++) {
                result = Math.multiplyExact(result, b);
            }
        } catch (ArithmeticException overflow) {
            return new BsonDouble(r);
        }
        if (k == Numbers.INT && (result < Integer.MIN_VALUE || result > Integer.MAX_VALUE)) {
            return new BsonInt64(result);
        }
        return Numbers.integral(result, k);
    }

    private static BsonValue round(String op, BsonValue[] a, RoundingMode mode) {
        BsonValue v = a[0];
        BsonValue placeValue = a.length > 1 ? a[1] : new BsonInt32(0);
        if (Values.isNullish(v) || Values.isNullish(placeValue)) {
            return BsonNull.VALUE;
        }
        if (!Values.isNumber(v)) {
            throw AggErrors.fail(51081, op + " only supports numeric types, not " + Values.typeName(v));
        }
        long place = placeOf(op, placeValue);
        if (v.isDouble()) {
            double d = v.asDouble().getValue();
            if (!Double.isFinite(d)) {
                return v;
            }
            return new BsonDouble(new BigDecimal(Double.toString(d)).setScale((int) place, mode).doubleValue());
        }
        if (v.isDecimal128()) {
            BigDecimal b = Numbers.toBigDecimal(v);
            return b == null ? v : Numbers.decimal(b.setScale((int) place, mode));
        }
        if (place >= 0) {
            return v;
        }
        BigDecimal r = BigDecimal.valueOf(Numbers.toLong(v)).setScale((int) place, mode);
        long rounded;
        try {
            rounded = r.longValueExact();
        } catch (ArithmeticException overflow) {
            return new BsonDouble(r.doubleValue());
        }
        return v.isInt32() && rounded >= Integer.MIN_VALUE && rounded <= Integer.MAX_VALUE
                ? new BsonInt32((int) rounded) : new BsonInt64(rounded);
    }

    private static long placeOf(String op, BsonValue p) {
        boolean integral = Values.isNumber(p) && (p.isInt32() || p.isInt64()
                || Numbers.toDouble(p) == Math.rint(Numbers.toDouble(p)));
        if (!integral) {
            throw AggErrors.fail(51082, "precision argument to  " + op + " must be a integral value");
        }
        long place = Numbers.toLong(p);
        if (place < MIN_PLACE || place > MAX_PLACE) {
            throw AggErrors.fail(51083, "cannot apply " + op + " with precision value " + place
                    + " value must be in [" + MIN_PLACE + ", " + MAX_PLACE + "]");
        }
        return place;
    }

    /** A value as MongoDB prints it in messages (numbers plainly, others as JSON). */
    static String render(BsonValue v) {
        if (v == null) {
            return "missing";
        }
        switch (v.getBsonType()) {
            case INT32: return Integer.toString(v.asInt32().getValue());
            case INT64: return Long.toString(v.asInt64().getValue());
            case DOUBLE: {
                double d = v.asDouble().getValue();
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            }
            case DECIMAL128: return v.asDecimal128().getValue().toString();
            case STRING: return "\"" + v.asString().getValue() + "\"";
            default: return Values.typeName(v);
        }
    }
}
