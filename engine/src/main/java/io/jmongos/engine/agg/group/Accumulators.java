package io.jmongos.engine.agg.group;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Numbers;
import io.jmongos.engine.agg.expr.ValueKey;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.agg.stage.MemoryBudget;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** The $group accumulators: $sum $avg $min $max $first $last $push $addToSet $count $mergeObjects $stdDev*. */
public final class Accumulators {
    private static final Map<String, Supplier<Accumulator>> FACTORIES = Map.ofEntries(
            Map.entry("$sum", SumAcc::new),
            Map.entry("$avg", AvgAcc::new),
            Map.entry("$min", () -> new MinMaxAcc(false)),
            Map.entry("$max", () -> new MinMaxAcc(true)),
            Map.entry("$first", () -> new FirstLastAcc(true)),
            Map.entry("$last", () -> new FirstLastAcc(false)),
            Map.entry("$push", PushAcc::new),
            Map.entry("$addToSet", AddToSetAcc::new),
            Map.entry("$mergeObjects", MergeObjectsAcc::new),
            Map.entry("$stdDevPop", () -> new StdDevAcc(false)),
            Map.entry("$stdDevSamp", () -> new StdDevAcc(true)));

    private Accumulators() {
    }

    /** The factory for {@code name} ({@code $count} is handled as {@code $sum: 1} by the caller), or null. */
    public static Supplier<Accumulator> factory(String name) {
        return FACTORIES.get(name);
    }

    private static final class SumAcc implements Accumulator {
        private final Sum sum = new Sum();

        @Override
        public long accumulate(BsonValue v) {
            sum.add(v);
            return 0;
        }

        @Override
        public BsonValue result() {
            return sum.total();
        }
    }

    private static final class AvgAcc implements Accumulator {
        private final Sum sum = new Sum();

        @Override
        public long accumulate(BsonValue v) {
            sum.add(v);
            return 0;
        }

        @Override
        public BsonValue result() {
            if (sum.count() == 0) {
                return BsonNull.VALUE;
            }
            if (sum.widest() == Numbers.DECIMAL) {
                BigDecimal t = sum.decimalTotal();
                return t == null ? Numbers.decimalOf(new BsonDouble(Double.NaN))
                        : Numbers.decimal(t.divide(BigDecimal.valueOf(sum.count()), MathContext.DECIMAL128));
            }
            return new BsonDouble(sum.doubleTotal() / sum.count());
        }
    }

    private static final class MinMaxAcc implements Accumulator {
        private final boolean max;
        private BsonValue best;

        MinMaxAcc(boolean max) {
            this.max = max;
        }

        @Override
        public long accumulate(BsonValue v) {
            if (Values.isNullish(v)) {
                return 0;
            }
            if (best == null || (max ? Values.compare(v, best) > 0 : Values.compare(v, best) < 0)) {
                long delta = MemoryBudget.sizeOf(v) - MemoryBudget.sizeOf(best);
                best = v;
                return delta;
            }
            return 0;
        }

        @Override
        public BsonValue result() {
            return best == null ? BsonNull.VALUE : best;
        }
    }

    private static final class FirstLastAcc implements Accumulator {
        private final boolean first;
        private boolean seen;
        private BsonValue value;

        FirstLastAcc(boolean first) {
            this.first = first;
        }

        @Override
        public long accumulate(BsonValue v) {
            if (first && seen) {
                return 0;
            }
            long delta = MemoryBudget.sizeOf(v) - MemoryBudget.sizeOf(value);
            seen = true;
            value = v;
            return delta;
        }

        @Override
        public BsonValue result() {
            return value == null ? BsonNull.VALUE : value;
        }
    }

    private static final class PushAcc implements Accumulator {
        private final BsonArray values = new BsonArray();

        @Override
        public long accumulate(BsonValue v) {
            if (v == null) {
                return 0;
            }
            values.add(v);
            return MemoryBudget.sizeOf(v);
        }

        @Override
        public BsonValue result() {
            return values;
        }
    }

    private static final class AddToSetAcc implements Accumulator {
        private final Set<ValueKey> values = new LinkedHashSet<>();

        @Override
        public long accumulate(BsonValue v) {
            if (v == null) {
                return 0;
            }
            return values.add(new ValueKey(v)) ? MemoryBudget.sizeOf(v) : 0;
        }

        @Override
        public BsonValue result() {
            BsonArray out = new BsonArray();
            values.forEach(k -> out.add(k.value()));
            return out;
        }
    }

    private static final class MergeObjectsAcc implements Accumulator {
        private final BsonDocument merged = new BsonDocument();

        @Override
        public long accumulate(BsonValue v) {
            if (Values.isNullish(v)) {
                return 0;
            }
            if (!v.isDocument()) {
                throw AggErrors.fail(40400, "$mergeObjects requires object inputs, but input " + v
                        + " is of type " + Values.typeName(v));
            }
            merged.putAll(v.asDocument());
            return MemoryBudget.sizeOf(v);
        }

        @Override
        public BsonValue result() {
            return merged;
        }
    }

    /** Welford's running variance over numeric inputs. */
    private static final class StdDevAcc implements Accumulator {
        private final boolean sample;
        private long n;
        private double mean;
        private double m2;

        StdDevAcc(boolean sample) {
            this.sample = sample;
        }

        @Override
        public long accumulate(BsonValue v) {
            if (!Values.isNumber(v)) {
                return 0;
            }
            double x = Numbers.toDouble(v);
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
            return 0;
        }

        @Override
        public BsonValue result() {
            long d = sample ? n - 1 : n;
            if (d <= 0) {
                return BsonNull.VALUE;
            }
            return new BsonDouble(Math.sqrt(m2 / d));
        }
    }
}
