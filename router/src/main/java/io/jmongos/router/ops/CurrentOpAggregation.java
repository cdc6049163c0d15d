package io.jmongos.router.ops;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;

/**
 * {@code aggregate: 1} on admin whose pipeline starts with {@code $currentOp}. On a router the report is the
 * router's own (operations, connections, sessions, cursors); on a cluster router without {@code localOps: true} it
 * is every shard's, labelled with the shard as mongos labels it ({@link ShardOperations}); the rest of the pipeline
 * runs over it and the result is served through a router-held cursor. A shard server answers with its own report
 * and the engine's entries ({@link #runOnShard}).
 */
public final class CurrentOpAggregation {
    /** The namespace of an aggregate cursor that is not on a collection. */
    static final String NS = "admin.$cmd.aggregate";

    /** The stage this aggregation answers. */
    static final String STAGE = "$currentOp";

    /** What a shard server adds to its report: the engine's idle cursors and sessions. */
    @FunctionalInterface
    public interface ShardEntries {
        /** @param host this process's {@code host} as the report shows it */
        List<BsonDocument> report(String host, CurrentOpOptions options);
    }

    private CurrentOpAggregation() {
    }

    /** Whether {@code command} (an aggregate) opens its pipeline with {@code $currentOp}. */
    public static boolean startsWithCurrentOp(BsonDocument command) {
        BsonValue pipeline = command.get("pipeline");
        if (pipeline == null || !pipeline.isArray() || pipeline.asArray().isEmpty()) {
            return false;
        }
        BsonValue first = pipeline.asArray().get(0);
        return first.isDocument() && !first.asDocument().isEmpty()
                && first.asDocument().getFirstKey().equals(STAGE);
    }

    static BsonDocument run(CommandContext ctx, BsonDocument command) {
        List<BsonValue> stages = stages(ctx, command);
        BsonValue spec = stages.get(0).asDocument().get(STAGE);
        CurrentOpOptions options = CurrentOpOptions.parse(spec);
        List<BsonDocument> report = report(ctx.services(), options, spec.asDocument());
        List<BsonDocument> docs = PipelineTail.apply(report, stages.subList(1, stages.size()), STAGE);
        return LocalAggregateReply.serve(ctx, command, NS, docs);
    }

    /**
     * The entries: on a cluster router every shard's unless {@code localOps} (mongos's rule), else this router's own
     * (the single process's embedded engine has no operations of its own to report).
     */
    static List<BsonDocument> report(RouterServices services, CurrentOpOptions options, BsonDocument spec) {
        return services.shards().followsConfigServer() && !options.localOps()
                ? ShardOperations.report(services, spec) : new CurrentOpReporter(services).report(options);
    }

    /**
     * A shard server's {@code $currentOp}: its operations and connections, then {@code engine}'s entries, the rest of
     * the pipeline run over them, everything in the first batch (no cursor is left open on the shard).
     */
    public static BsonDocument runOnShard(CommandContext ctx, BsonDocument command, ShardEntries engine) {
        List<BsonValue> stages = stages(ctx, command);
        CurrentOpOptions options = CurrentOpOptions.parse(stages.get(0).asDocument().get(STAGE));
        List<BsonDocument> report = new ArrayList<>(new CurrentOpReporter(ctx.services()).report(options));
        report.addAll(engine.report(CurrentOpReporter.host(ctx.services()), options));
        List<BsonDocument> docs = PipelineTail.apply(report, stages.subList(1, stages.size()), STAGE);
        return new BsonDocument("cursor", new BsonDocument("firstBatch", new BsonArray(List.copyOf(docs)))
                .append("id", new BsonInt64(0)).append("ns", new BsonString(NS)));
    }

    private static List<BsonValue> stages(CommandContext ctx, BsonDocument command) {
        BsonValue target = command.get("aggregate");
        if (!"admin".equals(ctx.db()) || target == null || !target.isNumber()
                || target.asNumber().doubleValue() != 1) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE,
                    "$currentOp must be run against the 'admin' database with {aggregate: 1}");
        }
        return command.getArray("pipeline");
    }
}
