package io.jmongos.engine.agg.group;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.Numbers;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.agg.stage.MemoryBudget;
import io.jmongos.engine.query.SortSpec;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $firstN $lastN $minN $maxN} ({@code {input, n}}) and {@code $top $bottom $topN $bottomN}
 * ({@code {sortBy, output, n}}) as $group accumulators. {@code n} must be a constant positive integer here.
 */
final class NAccumulators {
    static final Set<String> NAMES = Set.of("$firstN", "$lastN", "$minN", "$maxN", "$top", "$bottom", "$topN",
            "$bottomN");

    private NAccumulators() {
    }

    static GroupStage.Output parse(String field, String op, BsonValue arg) {
        if (!arg.isDocument()) {
            throw AggErrors.fail(5787801, "specification must be an object; found " + Values.typeName(arg));
        }
        BsonDocument d = arg.asDocument();
        boolean sorted = op.startsWith("$top") || op.startsWith("$bottom");
        boolean single = op.equals("$top") || op.equals("$bottom");
        Set<String> allowed = sorted ? (single ? Set.of("sortBy", "output") : Set.of("sortBy", "output", "n"))
                : Set.of("input", "n");
        for (String k : d.keySet()) {
            if (!allowed.contains(k)) {
                throw AggErrors.fail(5787901, "Unknown argument for '" + op + "': " + k);
            }
        }
        for (String k : allowed) {
            if (!d.containsKey(k)) {
                throw AggErrors.fail(5787906, "Missing value for '" + k + "'");
            }
        }
        long n = single ? 1 : constantN(op, d.get("n"));
        Expression value = ExpressionCompiler.compile(sorted ? d.get("output") : d.get("input"));
        if (!sorted) {
            boolean last = op.equals("$lastN");
            boolean min = op.equals("$minN");
            boolean max = op.equals("$maxN");
            return new GroupStage.Output(field, () -> new NAcc(n, last, min, max), value);
        }
        if (!d.get("sortBy").isDocument()) {
            throw AggErrors.fail(5788604, "expected 'sortBy' to be an object, found " + d.get("sortBy"));
        }
        SortSpec sort = SortSpec.compile(d.get("sortBy").asDocument());
        boolean bottom = op.startsWith("$bottom");
        Expression keyed = (root, vars) -> {
            BsonValue out = value.evaluate(root, vars);
            BsonArray key = new BsonArray();
            for (BsonValue k : sort.sortKey(root)) {
                key.add(k == null ? BsonNull.VALUE : k);
            }
            return new BsonDocument("k", key).append("v", out == null ? BsonNull.VALUE : out);
        };
        Comparator<BsonValue[]> keys = sort.keyComparator();
        return new GroupStage.Output(field, () -> new SortedAcc(n, keys, bottom, single), keyed);
    }

    private static long constantN(String op, BsonValue spec) {
        Expression e = ExpressionCompiler.compile(spec);
        BsonValue v = e.isConstant() ? e.evaluate(null, null) : null;
        if (v == null || !Values.isNumber(v) || Numbers.toDouble(v) != Math.rint(Numbers.toDouble(v))) {
            throw AggErrors.fail(5787902, "Value for 'n' must be a constant integer for " + op + " in jmongos");
        }
        long n = Numbers.toLong(v);
        if (n <= 0) {
            throw AggErrors.fail(5787908, "'n' must be greater than 0, found " + n);
        }
        return n;
    }

    /** $firstN / $lastN / $minN / $maxN. */
    private static final class NAcc implements Accumulator {
        private final long n;
        private final boolean last;
        private final boolean min;
        private final boolean max;
        private final List<BsonValue> values = new ArrayList<>();

        NAcc(long n, boolean last, boolean min, boolean max) {
            this.n = n;
            this.last = last;
            this.min = min;
            this.max = max;
        }

        @Override
        public long accumulate(BsonValue v) {
            if (min || max) {
                if (Values.isNullish(v)) {
                    return 0;
                }
                values.add(v);
                values.sort(min ? Values::compare : (x, y) -> Values.compare(y, x));
                if (values.size() > n) {
                    return MemoryBudget.sizeOf(v) - MemoryBudget.sizeOf(values.remove(values.size() - 1));
                }
                return MemoryBudget.sizeOf(v);
            }
            BsonValue value = v == null ? BsonNull.VALUE : v;
            if (!last && values.size() >= n) {
                return 0;
            }
            values.add(value);
            if (last && values.size() > n) {
                return MemoryBudget.sizeOf(value) - MemoryBudget.sizeOf(values.remove(0));
            }
            return MemoryBudget.sizeOf(value);
        }

        @Override
        public BsonValue result() {
            return new BsonArray(new ArrayList<>(values));
        }
    }

    /** $top / $bottom / $topN / $bottomN over {k: sortKey, v: output} entries. */
    private static final class SortedAcc implements Accumulator {
        private final long n;
        private final Comparator<BsonDocument> order;
        private final boolean single;
        private final boolean bottom;
        private final List<BsonDocument> entries = new ArrayList<>();

        SortedAcc(long n, Comparator<BsonValue[]> keys, boolean bottom, boolean single) {
            this.n = n;
            this.single = single;
            this.bottom = bottom;
            Comparator<BsonDocument> c = Comparator.comparing(
                    e -> e.getArray("k").getValues().toArray(new BsonValue[0]), keys);
            this.order = bottom ? c.reversed() : c;
        }

        @Override
        public long accumulate(BsonValue v) {
            BsonDocument e = v.asDocument();
            int i = entries.size();
            while (i > 0 && order.compare(entries.get(i - 1), e) > 0) {
                i--;
            }
            if (i >= n) {
                return 0;
            }
            entries.add(i, e);
            long delta = MemoryBudget.sizeOf(e);
            if (entries.size() > n) {
                delta -= MemoryBudget.sizeOf(entries.remove(entries.size() - 1));
            }
            return delta;
        }

        @Override
        public BsonValue result() {
            if (single) {
                return entries.isEmpty() ? BsonNull.VALUE : entries.get(0).get("v");
            }
            List<BsonValue> out = new ArrayList<>();
            entries.forEach(e -> out.add(e.get("v")));
            if (bottom) {
                Collections.reverse(out);
            }
            return new BsonArray(out);
        }
    }
}
