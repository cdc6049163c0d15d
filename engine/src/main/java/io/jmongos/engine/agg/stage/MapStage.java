package io.jmongos.engine.agg.stage;

import java.util.Iterator;

import org.bson.BsonDocument;

/** A stage that turns each document into one document (null drops it): $project, $addFields, $replaceRoot... */
public final class MapStage implements Stage {
    /** The per-document transformation. */
    @FunctionalInterface
    public interface DocFunction {
        BsonDocument apply(BsonDocument doc, ExecContext ctx);
    }

    private final String name;
    private final DocFunction fn;

    public MapStage(String name, DocFunction fn) {
        this.name = name;
        this.fn = fn;
    }

    @Override
    public String name() {
        return name;
    }

    /** Applies the transformation to one document (update pipelines use this directly). */
    public BsonDocument applyOne(BsonDocument doc, ExecContext ctx) {
        return fn.apply(doc, ctx);
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            @Override
            protected BsonDocument compute() {
                while (input.hasNext()) {
                    BsonDocument out = fn.apply(input.next(), ctx);
                    if (out != null) {
                        return out;
                    }
                }
                return null;
            }
        };
    }
}
