package io.jmongos.router.ops;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;

/**
 * {@code aggregate: 1} on admin whose pipeline starts with {@code $currentOp}: the router builds the report,
 * runs the rest of the pipeline over it and serves the result through a router-held cursor.
 */
public final class CurrentOpAggregation {
    /** The namespace of an aggregate cursor that is not on a collection. */
    static final String NS = "admin.$cmd.aggregate";

    /** The stage this aggregation answers. */
    static final String STAGE = "$currentOp";

    private CurrentOpAggregation() {
    }

    static BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonValue target = command.get("aggregate");
        if (!"admin".equals(ctx.db()) || target == null || !target.isNumber()
                || target.asNumber().doubleValue() != 1) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE,
                    "$currentOp must be run against the 'admin' database with {aggregate: 1}");
        }
        List<BsonValue> stages = command.getArray("pipeline");
        CurrentOpOptions options = CurrentOpOptions.parse(stages.get(0).asDocument().get("$currentOp"));
        List<BsonDocument> report = new CurrentOpReporter(ctx.services()).report(options);
        List<BsonDocument> docs = PipelineTail.apply(report, stages.subList(1, stages.size()), "$currentOp");
        return LocalAggregateReply.serve(ctx, command, NS, docs);
    }
}
