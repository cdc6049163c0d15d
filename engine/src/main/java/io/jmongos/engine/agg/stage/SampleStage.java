package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Numbers;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $sample: {size: n}}: a uniform random sample by reservoir sampling, in random order. */
public final class SampleStage implements Stage {
    private final long size;

    private SampleStage(long size) {
        this.size = size;
    }

    public static SampleStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(28745, "the $sample stage specification must be an object");
        }
        Long size = null;
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            if (!e.getKey().equals("size")) {
                throw AggErrors.fail(28748, "unrecognized option to $sample: " + e.getKey());
            }
            if (!Values.isNumber(e.getValue())) {
                throw AggErrors.fail(28746, "size argument to $sample must be a number");
            }
            // MongoDB 7 takes safeNumberLong of the size: a fraction is truncated toward zero (-0.5 is 0, a
            // valid size) and only what is negative after that is refused
            size = Numbers.toLong(e.getValue());
            if (size < 0) {
                throw AggErrors.fail(28747, "size argument to $sample must not be negative");
            }
        }
        if (size == null) {
            throw AggErrors.fail(28749, "$sample stage must specify a size");
        }
        return new SampleStage(size);
    }

    @Override
    public String name() {
        return "$sample";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            private Iterator<BsonDocument> out;

            @Override
            protected BsonDocument compute() {
                if (out == null) {
                    out = sample(input, ctx);
                }
                return out.hasNext() ? out.next() : null;
            }
        };
    }

    private Iterator<BsonDocument> sample(Iterator<BsonDocument> input, ExecContext ctx) {
        Random random = ctx.context() == null ? new Random() : ctx.context().random();
        MemoryBudget budget = ctx.budget("$sample");
        List<BsonDocument> reservoir = new ArrayList<>();
        long seen = 0;
        while (input.hasNext()) {
            BsonDocument d = input.next();
            seen++;
            if (reservoir.size() < size) {
                budget.add(MemoryBudget.sizeOf(d));
                reservoir.add(d);
            } else {
                long j = (long) (random.nextDouble() * seen);
                if (j < size) {
                    reservoir.set((int) j, d);
                }
            }
        }
        Collections.shuffle(reservoir, random);
        return reservoir.iterator();
    }
}
