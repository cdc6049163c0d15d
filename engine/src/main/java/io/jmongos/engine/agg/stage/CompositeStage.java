package io.jmongos.engine.agg.stage;

import java.util.Iterator;
import java.util.List;

import org.bson.BsonDocument;

/** A stage MongoDB defines as a sequence of other stages ($sortByCount, $bucket). */
final class CompositeStage implements Stage {
    private final String name;
    private final SubPipeline stages;

    CompositeStage(String name, List<Stage> stages) {
        this.name = name;
        this.stages = new SubPipeline(stages);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        return stages.run(input, ctx);
    }
}
