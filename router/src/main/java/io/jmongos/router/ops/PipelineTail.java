package io.jmongos.router.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.MergeTarget;
import io.jmongos.engine.agg.Pipeline;
import io.jmongos.engine.agg.PipelineContext;

/**
 * The stages after {@code $currentOp} (or {@code $listLocalSessions}, {@code $listSessions}), run by the router
 * on its own report with the engine's aggregation module. They see no collections ($lookup and $unionWith find
 * nothing) and cannot write ($out, $merge).
 */
final class PipelineTail {
    /** uassert 40602: $currentOp (or another first-stage-only stage) anywhere but first. */
    static final int CURRENT_OP_NOT_FIRST = 40602;

    private static final PipelineContext CONTEXT = new PipelineContext() {
        @Override
        public String database() {
            return "admin";
        }

        @Override
        public Iterator<BsonDocument> scan(String collection) {
            return Collections.emptyIterator();
        }

        @Override
        public void replaceCollection(String collection, Iterator<BsonDocument> docs) {
            throw noWrites();
        }

        @Override
        public MergeTarget mergeTarget(String collection, List<String> onFields) {
            throw noWrites();
        }
    };

    private PipelineTail() {
    }

    /** Runs {@code stages} over {@code docs}; {@code source} (the first stage's name) may not appear again. */
    static List<BsonDocument> apply(List<BsonDocument> docs, List<BsonValue> stages, String source) {
        if (stages.isEmpty()) {
            return docs;
        }
        for (BsonValue stage : stages) {
            if (stage.isDocument() && stage.asDocument().containsKey(source)) {
                throw new CommandFailedException(CURRENT_OP_NOT_FIRST, ErrorCode.nameOf(CURRENT_OP_NOT_FIRST),
                        source + " is only valid as the first stage in a pipeline");
            }
        }
        Iterator<BsonDocument> out = Pipeline.compile(new BsonArray(stages), CONTEXT).execute(docs.iterator());
        List<BsonDocument> result = new ArrayList<>();
        out.forEachRemaining(result::add);
        return result;
    }

    private static CommandFailedException noWrites() {
        return new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                "$out and $merge after a stage the router answers ($currentOp, $listLocalSessions, $listSessions) "
                        + "are not supported by jmongos");
    }
}
