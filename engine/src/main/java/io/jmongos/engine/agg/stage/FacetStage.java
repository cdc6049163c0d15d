package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.FieldPath;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $facet: {name: [stages]...}}: every sub-pipeline sees all input; one output document of arrays. */
public final class FacetStage implements Stage {
    private final Map<String, SubPipeline> facets;

    private FacetStage(Map<String, SubPipeline> facets) {
        this.facets = facets;
    }

    public static FacetStage parse(BsonValue spec, BiFunction<String, BsonValue, SubPipeline> parser) {
        if (!spec.isDocument() || spec.asDocument().isEmpty()) {
            throw AggErrors.fail(40169, "the $facet specification must be a non-empty object, but found: " + spec);
        }
        Map<String, SubPipeline> facets = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            FieldPath path = FieldPath.parse(e.getKey());
            if (path.length() != 1) {
                throw AggErrors.fail(40173, "the $facet output field name must not contain '.': " + e.getKey());
            }
            if (!e.getValue().isArray()) {
                throw AggErrors.fail(40170, "arguments to $facet must be arrays, " + e.getKey() + " is type "
                        + Values.typeName(e.getValue()));
            }
            facets.put(e.getKey(), parser.apply(e.getKey(), e.getValue()));
        }
        return new FacetStage(facets);
    }

    @Override
    public String name() {
        return "$facet";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return new LazyIterator<>() {
            private boolean done;

            @Override
            protected BsonDocument compute() {
                if (done) {
                    return null;
                }
                done = true;
                MemoryBudget budget = ctx.budget("$facet");
                List<BsonDocument> docs = new ArrayList<>();
                while (input.hasNext()) {
                    BsonDocument d = input.next();
                    budget.add(MemoryBudget.sizeOf(d));
                    docs.add(d);
                }
                BsonDocument out = new BsonDocument();
                for (Map.Entry<String, SubPipeline> f : facets.entrySet()) {
                    BsonArray results = new BsonArray();
                    Iterator<BsonDocument> it = f.getValue().run(docs.iterator(), ctx);
                    while (it.hasNext()) {
                        BsonDocument r = it.next();
                        budget.add(MemoryBudget.sizeOf(r));
                        results.add(r);
                    }
                    out.put(f.getKey(), results);
                }
                return out;
            }
        };
    }
}
