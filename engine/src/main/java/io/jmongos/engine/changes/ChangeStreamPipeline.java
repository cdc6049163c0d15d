package io.jmongos.engine.changes;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.MergeTarget;
import io.jmongos.engine.agg.Pipeline;
import io.jmongos.engine.agg.PipelineContext;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The stages after {@code $changeStream}, applied to each event with the engine's aggregation module. Only the
 * stages MongoDB allows in a change stream are accepted (they map one event to at most one document), and an
 * event whose {@code _id} (its resume token) a stage changed or removed ends the stream, as in MongoDB.
 */
public final class ChangeStreamPipeline {
    /** Stages allowed after $changeStream (MongoDB's list, less $changeStreamSplitLargeEvent). */
    static final Set<String> ALLOWED = Set.of("$match", "$project", "$addFields", "$set", "$unset", "$replaceRoot",
            "$replaceWith", "$redact");
    /** MongoDB: uassert 40602 (a first-stage-only stage elsewhere). */
    static final int NOT_FIRST = 40602;
    /** ErrorCodes::ChangeStreamFatalError. */
    static final int FATAL = 280;

    private final Pipeline pipeline;

    private ChangeStreamPipeline(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Checks and compiles {@code stages} (the pipeline without its leading $changeStream). */
    public static ChangeStreamPipeline compile(List<BsonValue> stages, String db, BsonDocument let) {
        for (BsonValue stage : stages) {
            if (!stage.isDocument() || stage.asDocument().size() != 1) {
                continue; // Pipeline.compile reports malformed stages with MongoDB's codes
            }
            String name = stage.asDocument().getFirstKey();
            if (name.equals("$changeStream")) {
                throw new CommandFailedException(NOT_FIRST, "Location" + NOT_FIRST,
                        "$changeStream is only valid as the first stage in a pipeline");
            }
            if (!ALLOWED.contains(name)) {
                throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                        name + " is not permitted in a $changeStream pipeline");
            }
        }
        return new ChangeStreamPipeline(stages.isEmpty() ? null
                : Pipeline.compile(new BsonArray(stages), new EventsOnly(db, let)));
    }

    /** The event after the stages, or null when they filtered it out. */
    public BsonDocument apply(BsonDocument event) {
        if (pipeline == null) {
            return event;
        }
        Iterator<BsonDocument> out = pipeline.execute(List.of(event).iterator());
        if (!out.hasNext()) {
            return null;
        }
        BsonDocument doc = out.next();
        if (!event.get("_id").equals(doc.get("_id"))) {
            throw new CommandFailedException(FATAL, "ChangeStreamFatalError", "Encountered an event whose _id field, "
                    + "which contains the resume token, was modified by the pipeline. Modifying the _id field of an "
                    + "event makes it impossible to resume the stream from that point. Only transformations that "
                    + "retain the unmodified _id field are allowed.");
        }
        return doc;
    }

    /** The allowed stages read no collection and write nothing. */
    private record EventsOnly(String db, BsonDocument let) implements PipelineContext {
        @Override
        public String database() {
            return db;
        }

        @Override
        public Iterator<BsonDocument> scan(String collection) {
            return Collections.emptyIterator();
        }

        @Override
        public void replaceCollection(String collection, Iterator<BsonDocument> docs) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                    "$out is not permitted in a $changeStream pipeline");
        }

        @Override
        public MergeTarget mergeTarget(String collection, List<String> onFields) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION,
                    "$merge is not permitted in a $changeStream pipeline");
        }

        @Override
        public BsonDocument commandLet() {
            return let;
        }
    }
}
