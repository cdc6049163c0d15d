package io.jmongos.engine.agg.stage;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $unionWith: "coll"} or {@code {coll, pipeline}}: the input, then the other collection's results. */
public final class UnionWithStage implements Stage {
    private final String coll;
    private final SubPipeline pipeline;

    private UnionWithStage(String coll, SubPipeline pipeline) {
        this.coll = coll;
        this.pipeline = pipeline;
    }

    public static UnionWithStage parse(BsonValue spec, Function<BsonValue, SubPipeline> parser) {
        if (spec.isString()) {
            return new UnionWithStage(spec.asString().getValue(), null);
        }
        if (!spec.isDocument()) {
            throw AggErrors.fail(40373, "the $unionWith stage specification must be an object or string, but found "
                    + Values.typeName(spec));
        }
        String coll = null;
        SubPipeline pipeline = null;
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            if (e.getKey().equals("coll") && e.getValue().isString()) {
                coll = e.getValue().asString().getValue();
            } else if (e.getKey().equals("pipeline")) {
                pipeline = parser.apply(e.getValue());
            } else {
                throw AggErrors.fail(40415, "BSON field '$unionWith." + e.getKey() + "' is an unknown field.");
            }
        }
        boolean documents = pipeline != null && !pipeline.stages().isEmpty()
                && pipeline.stages().get(0) instanceof DocumentsStage;
        if (coll == null && !documents) {
            throw AggErrors.fail(40414, "BSON field '$unionWith.coll' is missing but a required field");
        }
        return new UnionWithStage(coll, pipeline);
    }

    @Override
    public String name() {
        return "$unionWith";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            private Iterator<BsonDocument> other;

            @Override
            protected BsonDocument compute() {
                if (input.hasNext()) {
                    return input.next();
                }
                if (other == null) {
                    Iterator<BsonDocument> source = coll == null ? Collections.emptyIterator()
                            : ctx.context().scan(coll);
                    other = pipeline == null ? source : pipeline.run(source, ctx);
                }
                return other.hasNext() ? other.next() : null;
            }
        };
    }
}
