package io.jmongos.engine.agg.expr;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.bson.BsonDouble;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** Trigonometric operators: results are doubles (decimal in, decimal out, computed through doubles). */
final class TrigOperators {
    private TrigOperators() {
    }

    static void register(Map<String, OperatorParser> ops) {
        unbounded(ops, "$sin", Math::sin);
        unbounded(ops, "$cos", Math::cos);
        unbounded(ops, "$tan", Math::tan);
        unbounded(ops, "$atan", Math::atan);
        unbounded(ops, "$sinh", Math::sinh);
        unbounded(ops, "$cosh", Math::cosh);
        unbounded(ops, "$tanh", Math::tanh);
        unbounded(ops, "$asinh", x -> Math.log(x + Math.sqrt(x * x + 1)));
        unbounded(ops, "$degreesToRadians", Math::toRadians);
        unbounded(ops, "$radiansToDegrees", Math::toDegrees);
        bounded(ops, "$asin", Math::asin, -1, 1, true);
        bounded(ops, "$acos", Math::acos, -1, 1, true);
        bounded(ops, "$acosh", x -> Math.log(x + Math.sqrt(x * x - 1)), 1, Double.POSITIVE_INFINITY, true);
        bounded(ops, "$atanh", x -> 0.5 * Math.log((1 + x) / (1 - x)), -1, 1, true);
        Operators.fixed(ops, "$atan2", 2, a -> {
            if (Values.isNullish(a[0]) || Values.isNullish(a[1])) {
                return BsonNull.VALUE;
            }
            for (BsonValue v : a) {
                if (!Values.isNumber(v)) {
                    throw AggErrors.fail(51044, "$atan2 only supports numeric types, not " + Values.typeName(v));
                }
            }
            double r = Math.atan2(Numbers.toDouble(a[0]), Numbers.toDouble(a[1]));
            return a[0].isDecimal128() || a[1].isDecimal128() ? Numbers.decimalOf(new BsonDouble(r))
                    : new BsonDouble(r);
        });
    }

    private static void unbounded(Map<String, OperatorParser> ops, String name, DoubleUnaryOperator fn) {
        bounded(ops, name, fn, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    }

    private static void bounded(Map<String, OperatorParser> ops, String name, DoubleUnaryOperator fn, double lo,
                                double hi, boolean check) {
        Operators.fixed(ops, name, 1, a -> {
            BsonValue v = a[0];
            if (Values.isNullish(v)) {
                return BsonNull.VALUE;
            }
            if (!Values.isNumber(v)) {
                throw AggErrors.fail(28765, name + " only supports numeric types, not " + Values.typeName(v));
            }
            double x = Numbers.toDouble(v);
            if (check && !Double.isNaN(x) && (x < lo || x > hi)) {
                throw AggErrors.fail(50989, "cannot apply " + name + " to " + MathOperators.render(v)
                        + ", value must be in " + (Double.isInfinite(hi) ? "[" + (long) lo + ",inf]"
                        : "[" + (long) lo + "," + (long) hi + "]"));
            }
            double r = fn.applyAsDouble(x);
            return v.isDecimal128() ? Numbers.decimalOf(new BsonDouble(r)) : new BsonDouble(r);
        });
    }
}
