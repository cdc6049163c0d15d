package io.jmongos.engine.agg.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * The expression forms of {@code $sum $avg $min $max $stdDevPop $stdDevSamp}: over the elements of a single
 * array argument, or over several arguments. Non-numeric values are ignored by the numeric ones; nullish values
 * by {@code $min}/{@code $max}.
 */
final class AccumulatorExpressions {
    private AccumulatorExpressions() {
    }

    static void register(Map<String, OperatorParser> ops) {
        Operators.variadic(ops, "$sum", a -> sum(values(a)));
        Operators.variadic(ops, "$avg", a -> avg(values(a)));
        Operators.variadic(ops, "$min", a -> minMax(values(a), false));
        Operators.variadic(ops, "$max", a -> minMax(values(a), true));
        Operators.variadic(ops, "$stdDevPop", a -> stdDev(values(a), false));
        Operators.variadic(ops, "$stdDevSamp", a -> stdDev(values(a), true));
    }

    /** One array argument means its elements; otherwise the arguments themselves. */
    private static List<BsonValue> values(BsonValue[] args) {
        List<BsonValue> out = new ArrayList<>();
        if (args.length == 1) {
            if (args[0] != null && args[0].isArray()) {
                out.addAll(args[0].asArray());
            } else if (args[0] != null) {
                out.add(args[0]);
            }
            return out;
        }
        for (BsonValue v : args) {
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    static BsonValue sum(List<BsonValue> values) {
        BsonValue total = new BsonInt32(0);
        for (BsonValue v : values) {
            if (Values.isNumber(v)) {
                total = Numbers.add(total, v);
            }
        }
        return total;
    }

    private static BsonValue avg(List<BsonValue> values) {
        BsonValue total = new BsonInt32(0);
        int n = 0;
        for (BsonValue v : values) {
            if (Values.isNumber(v)) {
                total = Numbers.add(total, v);
                n++;
            }
        }
        if (n == 0) {
            return BsonNull.VALUE;
        }
        if (total.isDecimal128()) {
            BigDecimal t = Numbers.toBigDecimal(total);
            return t == null ? total : Numbers.decimal(t.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128));
        }
        return new BsonDouble(Numbers.toDouble(total) / n);
    }

    private static BsonValue minMax(List<BsonValue> values, boolean max) {
        BsonValue best = null;
        for (BsonValue v : values) {
            if (Values.isNullish(v)) {
                continue;
            }
            if (best == null || (max ? Values.compare(v, best) > 0 : Values.compare(v, best) < 0)) {
                best = v;
            }
        }
        return best == null ? BsonNull.VALUE : best;
    }

    private static BsonValue stdDev(List<BsonValue> values, boolean sample) {
        long n = 0;
        double mean = 0;
        double m2 = 0;
        for (BsonValue v : values) {
            if (!Values.isNumber(v)) {
                continue;
            }
            double x = Numbers.toDouble(v);
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }
        long d = sample ? n - 1 : n;
        return d <= 0 ? BsonNull.VALUE : new BsonDouble(Math.sqrt(m2 / d));
    }
}
