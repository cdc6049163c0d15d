package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.LiteralExpression;
import io.jmongos.engine.agg.expr.Numbers;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.agg.group.Accumulator;
import io.jmongos.engine.agg.group.Accumulators;
import io.jmongos.engine.agg.group.GroupStage;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $bucketAuto: {groupBy, buckets, output?}} as MongoDB's DocumentSourceBucketAuto fills buckets: the input
 * sorted by the groupBy value (missing is null), about {@code round(n / buckets)} documents a bucket, a bucket
 * keeping every document equal to its last value, the last bucket taking the rest; each bucket's max is the next
 * bucket's min (the last one's its own largest value). Output defaults to {@code {count: {$sum: 1}}}; a missing
 * accumulator result is null. {@code granularity} (preferred-number rounding) is refused with 238.
 */
public final class BucketAutoStage implements Stage {
    private final Expression groupBy;
    private final int buckets;
    private final List<GroupStage.Output> outputs;

    private BucketAutoStage(Expression groupBy, int buckets, List<GroupStage.Output> outputs) {
        this.groupBy = groupBy;
        this.buckets = buckets;
        this.outputs = outputs;
    }

    public static BucketAutoStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(40240, "The argument to $bucketAuto must be an object, but found type: "
                    + Values.typeName(spec) + ".");
        }
        BsonValue groupBy = null;
        Integer buckets = null;
        List<GroupStage.Output> outputs = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            BsonValue v = e.getValue();
            switch (e.getKey()) {
                case "groupBy" -> groupBy = v;
                case "buckets" -> buckets = buckets(v);
                case "output" -> {
                    if (!v.isDocument()) {
                        throw AggErrors.fail(40244, "The $bucketAuto 'output' field must be an object, but found "
                                + "type: " + Values.typeName(v) + ".");
                    }
                    for (Map.Entry<String, BsonValue> o : v.asDocument().entrySet()) {
                        outputs.add(GroupStage.parseOutput(o.getKey(), o.getValue()));
                    }
                }
                case "granularity" -> {
                    if (!v.isString()) {
                        throw AggErrors.fail(40261, "The $bucketAuto 'granularity' field must be a string, but "
                                + "found type: " + Values.typeName(v) + ".");
                    }
                    throw AggErrors.fail(ErrorCode.NOT_IMPLEMENTED, "the $bucketAuto 'granularity' option is not "
                            + "supported by the jmongos embedded engine");
                }
                default -> throw AggErrors.fail(40245, "Unrecognized option to $bucketAuto: " + e.getKey() + ".");
            }
        }
        if (groupBy == null || buckets == null) {
            throw AggErrors.fail(40246, "$bucketAuto requires 'groupBy' and 'buckets' to be specified");
        }
        boolean path = groupBy.isString() && groupBy.asString().getValue().startsWith("$");
        if (!path && !(groupBy.isDocument() && !groupBy.asDocument().isEmpty()
                && groupBy.asDocument().getFirstKey().startsWith("$"))) {
            throw AggErrors.fail(40239, "The $bucketAuto 'groupBy' field must be defined as a $-prefixed path or an "
                    + "expression object, but found: " + groupBy + ".");
        }
        if (outputs.isEmpty()) {
            outputs.add(new GroupStage.Output("count", Accumulators.factory("$sum"),
                    new LiteralExpression(new BsonInt32(1))));
        }
        return new BucketAutoStage(ExpressionCompiler.compile(groupBy), buckets, outputs);
    }

    private static int buckets(BsonValue v) {
        if (!Values.isNumber(v)) {
            throw AggErrors.fail(40241, "The $bucketAuto 'buckets' field must be numeric, but found type: "
                    + Values.typeName(v) + ".");
        }
        double d = Numbers.toDouble(v);
        if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
            throw AggErrors.fail(40242, "The $bucketAuto 'buckets' field must be representable as a 32-bit integer, "
                    + "but found " + v.asNumber().doubleValue());
        }
        int n = (int) d;
        if (n <= 0) {
            throw AggErrors.fail(40243, "The $bucketAuto 'buckets' field must be greater than 0, but found: " + n);
        }
        return n;
    }

    @Override
    public String name() {
        return "$bucketAuto";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            private Iterator<BsonDocument> out;

            @Override
            protected BsonDocument compute() {
                if (out == null) {
                    out = fill(input, ctx).iterator();
                }
                return out.hasNext() ? out.next() : null;
            }
        };
    }

    /** One input document and its groupBy value. */
    private record Keyed(BsonValue key, BsonDocument doc) {
    }

    /** A bucket being filled: its bounds and accumulators. */
    private final class Bucket {
        private final BsonValue min;
        private BsonValue max;
        private final Accumulator[] accs = new Accumulator[outputs.size()];

        Bucket(BsonValue min) {
            this.min = min;
            this.max = min;
            for (int i = 0; i < accs.length; i++) {
                accs[i] = outputs.get(i).factory().get();
            }
        }

        void add(Keyed k, ExecContext ctx, MemoryBudget budget) {
            max = k.key();
            for (int i = 0; i < accs.length; i++) {
                budget.add(accs[i].accumulate(outputs.get(i).arg().evaluate(k.doc(), ctx.vars())));
            }
        }

        BsonDocument document() {
            BsonDocument d = new BsonDocument("_id", new BsonDocument("min", min).append("max", max));
            for (int i = 0; i < accs.length; i++) {
                BsonValue r = accs[i].result();
                d.put(outputs.get(i).name(), r == null ? BsonNull.VALUE : r);
            }
            return d;
        }
    }

    private List<BsonDocument> fill(Iterator<BsonDocument> input, ExecContext ctx) {
        MemoryBudget budget = ctx.budget("$bucketAuto");
        List<Keyed> sorted = new ArrayList<>();
        while (input.hasNext()) {
            BsonDocument d = input.next();
            BsonValue key = groupBy.evaluate(d, ctx.vars());
            budget.add(MemoryBudget.sizeOf(d));
            sorted.add(new Keyed(key == null ? BsonNull.VALUE : key, d));
        }
        sorted.sort(Comparator.comparing(Keyed::key, Values::compare));
        long approx = Math.max(1, Math.round((double) sorted.size() / buckets));
        List<Bucket> out = new ArrayList<>();
        int next = 0;
        for (int b = 0; b < buckets && next < sorted.size(); b++) {
            Bucket bucket = new Bucket(sorted.get(next).key());
            bucket.add(sorted.get(next++), ctx, budget);
            if (b == buckets - 1) {
                while (next < sorted.size()) {
                    bucket.add(sorted.get(next++), ctx, budget);
                }
            } else {
                for (long j = 0; j < approx - 1 && next < sorted.size(); j++) {
                    bucket.add(sorted.get(next++), ctx, budget);
                }
                while (next < sorted.size() && Values.compare(bucket.max, sorted.get(next).key()) == 0) {
                    bucket.add(sorted.get(next++), ctx, budget);
                }
            }
            if (!out.isEmpty()) {
                out.get(out.size() - 1).max = bucket.min;
            }
            out.add(bucket);
        }
        List<BsonDocument> docs = new ArrayList<>();
        out.forEach(bucket -> docs.add(bucket.document()));
        return docs;
    }
}
