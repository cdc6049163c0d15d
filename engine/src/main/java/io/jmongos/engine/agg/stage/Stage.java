package io.jmongos.engine.agg.stage;

import java.util.Iterator;

import org.bson.BsonDocument;

/** One compiled pipeline stage: turns its input stream into its output stream (lazily where it can). */
public interface Stage {
    /** The stage name with its '$' ({@code "$match"}). */
    String name();

    /**
     * @param input the previous stage's output (or the collection)
     * @param ctx   storage access and variables for this execution
     */
    Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx);
}
