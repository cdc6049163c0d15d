package io.jmongos.engine.agg.stage;

import java.util.Iterator;
import java.util.List;

import org.bson.BsonDocument;

/** A compiled list of stages ($lookup's, $facet's or $unionWith's pipeline, or a whole pipeline). */
public final class SubPipeline {
    private final List<Stage> stages;

    public SubPipeline(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    public List<Stage> stages() {
        return stages;
    }

    /** Chains the stages over {@code input}; nothing runs until the result is iterated. */
    public Iterator<BsonDocument> run(Iterator<BsonDocument> input, ExecContext ctx) {
        Iterator<BsonDocument> it = input;
        for (Stage s : stages) {
            it = s.apply(it, ctx);
        }
        return it;
    }
}
