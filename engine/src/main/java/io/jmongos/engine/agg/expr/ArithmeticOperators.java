package io.jmongos.engine.agg.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import io.jmongos.common.ErrorCode;

import org.bson.BsonDateTime;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/** {@code $add $subtract $multiply $divide $mod}: nullish arguments give null; ints widen on overflow. */
final class ArithmeticOperators {
    private ArithmeticOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        Operators.variadic(ops, "$add", ArithmeticOperators::add);
        Operators.fixed(ops, "$subtract", 2, a -> subtract(a[0], a[1]));
        Operators.variadic(ops, "$multiply", ArithmeticOperators::multiply);
        Operators.fixed(ops, "$divide", 2, a -> divide(a[0], a[1]));
        Operators.fixed(ops, "$mod", 2, a -> mod(a[0], a[1]));
        MathOperators.register(ops);
    }

    static BsonValue add(BsonValue[] args) {
        BsonValue total = new BsonInt32(0);
        long dateMillis = 0;
        boolean date = false;
        for (BsonValue v : args) {
            if (Values.isNullish(v)) {
                return BsonNull.VALUE;
            }
            if (v.getBsonType() == BsonType.DATE_TIME) {
                if (date) {
                    throw AggErrors.fail(16612, "only one date allowed in an $add expression");
                }
                date = true;
                dateMillis = v.asDateTime().getValue();
            } else if (Values.isNumber(v)) {
                total = Numbers.add(total, v);
            } else {
                throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "$add only supports numeric or date types, not "
                        + Values.typeName(v));
            }
        }
        if (date) {
            return new BsonDateTime(addToDate(dateMillis, total));
        }
        return total;
    }

    /** Date arithmetic: the number of milliseconds is rounded to a long; overflow is an error. */
    static long addToDate(long millis, BsonValue delta) {
        long d;
        if (delta.isDouble() || delta.isDecimal128()) {
            double x = Numbers.toDouble(delta);
            if (!(x >= -9.223372036854776E18 && x < 9.223372036854776E18)) {
                throw AggErrors.fail(ErrorCode.OVERFLOW, "date overflow");
            }
            d = Math.round(x);
        } else {
            d = Numbers.toLong(delta);
        }
        try {
            return Math.addExact(millis, d);
        } catch (ArithmeticException e) {
            throw AggErrors.fail(ErrorCode.OVERFLOW, "date overflow");
        }
    }

    static BsonValue subtract(BsonValue a, BsonValue b) {
        if (Values.isNullish(a) || Values.isNullish(b)) {
            return BsonNull.VALUE;
        }
        if (Values.isNumber(a) && Values.isNumber(b)) {
            return Numbers.subtract(a, b);
        }
        if (a.isDateTime()) {
            if (b.isDateTime()) {
                return new BsonInt64(a.asDateTime().getValue() - b.asDateTime().getValue());
            }
            if (Values.isNumber(b)) {
                return new BsonDateTime(addToDate(a.asDateTime().getValue(), Numbers.subtract(
                        new BsonInt32(0), b)));
            }
        }
        throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "can't $subtract " + Values.typeName(b) + " from "
                + (a.isDateTime() ? "Date" : Values.typeName(a)));
    }

    static BsonValue multiply(BsonValue[] args) {
        BsonValue product = new BsonInt32(1);
        for (BsonValue v : args) {
            if (Values.isNullish(v)) {
                return BsonNull.VALUE;
            }
            if (!Values.isNumber(v)) {
                throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "$multiply only supports numeric types, not "
                        + Values.typeName(v));
            }
            product = Numbers.multiply(product, v);
        }
        return product;
    }

    static BsonValue divide(BsonValue a, BsonValue b) {
        if (Values.isNumber(a) && Values.isNumber(b)) {
            if (Numbers.isZero(b)) {
                throw AggErrors.fail(ErrorCode.BAD_VALUE, "can't $divide by zero");
            }
            if (a.isDecimal128() || b.isDecimal128()) {
                BigDecimal x = Numbers.toBigDecimal(Numbers.decimalOf(a));
                BigDecimal y = Numbers.toBigDecimal(Numbers.decimalOf(b));
                if (x == null || y == null) {
                    return Numbers.decimalOf(new BsonDouble(Numbers.toDouble(a) / Numbers.toDouble(b)));
                }
                return Numbers.decimal(x.divide(y, MathContext.DECIMAL128));
            }
            return new BsonDouble(Numbers.toDouble(a) / Numbers.toDouble(b));
        }
        if (Values.isNullish(a) || Values.isNullish(b)) {
            return BsonNull.VALUE;
        }
        throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "$divide only supports numeric types, not "
                + Values.typeName(a) + " and " + Values.typeName(b));
    }

    static BsonValue mod(BsonValue a, BsonValue b) {
        if (Values.isNumber(a) && Values.isNumber(b)) {
            int k = Math.max(Numbers.kind(a), Numbers.kind(b));
            if (Numbers.isZero(b)) {
                throw AggErrors.fail(k == Numbers.DECIMAL ? 5733415 : 16610, "can't $mod by zero");
            }
            if (k == Numbers.DECIMAL) {
                BigDecimal x = Numbers.toBigDecimal(Numbers.decimalOf(a));
                BigDecimal y = Numbers.toBigDecimal(Numbers.decimalOf(b));
                if (x == null || y == null) {
                    return Numbers.decimalOf(new BsonDouble(Numbers.toDouble(a) % Numbers.toDouble(b)));
                }
                return Numbers.decimal(x.remainder(y, MathContext.DECIMAL128));
            }
            if (k == Numbers.DOUBLE) {
                return new BsonDouble(Numbers.toDouble(a) % Numbers.toDouble(b));
            }
            long x = Numbers.toLong(a);
            long y = Numbers.toLong(b);
            return Numbers.integral(y == -1 ? 0 : x % y, k);
        }
        if (Values.isNullish(a) || Values.isNullish(b)) {
            return BsonNull.VALUE;
        }
        throw AggErrors.fail(16611, "$mod only supports numeric types, not " + Values.typeName(a) + " and "
                + Values.typeName(b));
    }
}
