package io.jmongos.router.command.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandContext;

/**
 * Aggregation stages the router answers itself when they open a pipeline ({@code $currentOp},
 * {@code $listLocalSessions}, {@code $listSessions}): whoever owns the data behind a stage registers it here, so
 * the aggregate command needs to know none of them.
 */
public final class RouterStages {
    /** Runs an aggregate whose first stage is a router stage; returns the reply (a cursor). */
    @FunctionalInterface
    public interface RouterAggregation {
        BsonDocument run(CommandContext ctx, BsonDocument command);
    }

    private final Map<String, RouterAggregation> byStage = new ConcurrentHashMap<>();

    /** Register the handler of aggregates that start with {@code stage}. */
    public void register(String stage, RouterAggregation aggregation) {
        if (byStage.putIfAbsent(stage, aggregation) != null) {
            throw new IllegalStateException("router stage registered twice: " + stage);
        }
    }

    /** The handler for this aggregate's first stage, or null when shards answer it. */
    public RouterAggregation forCommand(BsonDocument command) {
        BsonValue pipeline = command.get("pipeline");
        if (pipeline == null || !pipeline.isArray() || pipeline.asArray().isEmpty()) {
            return null;
        }
        BsonValue first = pipeline.asArray().get(0);
        return first.isDocument() && !first.asDocument().isEmpty()
                ? byStage.get(first.asDocument().getFirstKey()) : null;
    }
}
