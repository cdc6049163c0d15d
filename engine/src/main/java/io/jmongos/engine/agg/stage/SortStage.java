package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.query.SortSpec;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $sort}: blocking, bounded by the memory budget. When a {@code $limit} follows, only the top
 * {@code limit} documents are kept (a bounded heap), as MongoDB's sort+limit coalescing does. Ties keep
 * input order.
 */
public final class SortStage implements Stage {
    private final BsonDocument spec;
    private final SortSpec sort;
    private final long limit;

    private SortStage(BsonDocument spec, SortSpec sort, long limit) {
        this.spec = spec;
        this.sort = sort;
        this.limit = limit;
    }

    public static SortStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(15973, "the $sort key specification must be an object");
        }
        if (spec.asDocument().isEmpty()) {
            throw AggErrors.fail(15976, "$sort stage must have at least one sort key");
        }
        return new SortStage(spec.asDocument(), SortSpec.compile(spec.asDocument()), 0);
    }

    /** A sort from an already-parsed spec (used by $sortByCount and $bucket). */
    static SortStage of(BsonDocument spec) {
        return new SortStage(spec, SortSpec.compile(spec), 0);
    }

    /** This sort keeping only the first {@code n} documents. */
    public SortStage withLimit(long n) {
        return new SortStage(spec, sort, limit == 0 ? n : Math.min(limit, n));
    }

    /** The number of documents kept when a $limit was folded in, else 0. */
    public long limit() {
        return limit;
    }

    public BsonDocument spec() {
        return spec;
    }

    @Override
    public String name() {
        return "$sort";
    }

    private record Keyed(BsonValue[] key, long seq, BsonDocument doc, long size) {
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        Comparator<BsonValue[]> keys = sort.keyComparator();
        Comparator<Keyed> order = (a, b) -> {
            int c = keys.compare(a.key, b.key);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        };
        return new LazyIterator<>() {
            private Iterator<Keyed> sorted;

            @Override
            protected BsonDocument compute() {
                if (sorted == null) {
                    sorted = limit > 0 ? top(input, ctx, order) : all(input, ctx, order);
                }
                return sorted.hasNext() ? sorted.next().doc : null;
            }
        };
    }

    private Iterator<Keyed> all(Iterator<BsonDocument> input, ExecContext ctx, Comparator<Keyed> order) {
        MemoryBudget budget = ctx.budget("$sort");
        List<Keyed> docs = new ArrayList<>();
        long seq = 0;
        while (input.hasNext()) {
            BsonDocument d = input.next();
            long size = MemoryBudget.sizeOf(d);
            budget.add(size);
            docs.add(new Keyed(sort.sortKey(d), seq++, d, size));
        }
        docs.sort(order);
        return docs.iterator();
    }

    private Iterator<Keyed> top(Iterator<BsonDocument> input, ExecContext ctx, Comparator<Keyed> order) {
        MemoryBudget budget = ctx.budget("$sort");
        PriorityQueue<Keyed> heap = new PriorityQueue<>(order.reversed());
        long seq = 0;
        while (input.hasNext()) {
            BsonDocument d = input.next();
            Keyed k = new Keyed(sort.sortKey(d), seq++, d, MemoryBudget.sizeOf(d));
            if (heap.size() < limit) {
                budget.add(k.size);
                heap.add(k);
            } else if (order.compare(k, heap.peek()) < 0) {
                budget.release(heap.poll().size);
                budget.add(k.size);
                heap.add(k);
            }
        }
        List<Keyed> out = new ArrayList<>(heap);
        out.sort(order);
        return out.iterator();
    }
}
