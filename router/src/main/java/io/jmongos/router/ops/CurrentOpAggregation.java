package io.jmongos.router.ops;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.cursor.ClusterCursor;
import io.jmongos.router.cursor.CursorBatch;
import io.jmongos.router.cursor.CursorOptions;
import io.jmongos.router.cursor.CursorOrigin;
import io.jmongos.router.cursor.LocalCursorSource;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;
import io.jmongos.router.session.SessionServices;

/**
 * {@code aggregate: 1} on admin whose pipeline starts with {@code $currentOp}: the router builds the report,
 * runs the rest of the pipeline over it and serves the result through a router-held cursor.
 */
public final class CurrentOpAggregation {
    /** The namespace of an aggregate cursor that is not on a collection. */
    static final String NS = "admin.$cmd.aggregate";

    private final SessionServices sessions;
    private final CurrentOpReporter reporter;

    public CurrentOpAggregation(SessionServices sessions) {
        this.sessions = sessions;
        this.reporter = new CurrentOpReporter(sessions);
    }

    /** True when the command is an aggregate whose first stage is $currentOp. */
    public static boolean applies(BsonDocument command) {
        BsonValue pipeline = command.get("pipeline");
        if (pipeline == null || !pipeline.isArray() || pipeline.asArray().isEmpty()) {
            return false;
        }
        BsonValue first = pipeline.asArray().get(0);
        return first.isDocument() && !first.asDocument().isEmpty()
                && first.asDocument().getFirstKey().equals("$currentOp");
    }

    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        BsonValue target = command.get("aggregate");
        if (!"admin".equals(ctx.db()) || target == null || !target.isNumber()
                || target.asNumber().doubleValue() != 1) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE,
                    "$currentOp must be run against the 'admin' database with {aggregate: 1}");
        }
        List<BsonValue> stages = command.getArray("pipeline");
        CurrentOpOptions options = CurrentOpOptions.parse(stages.get(0).asDocument().get("$currentOp"));
        List<BsonDocument> docs = PipelineTail.apply(reporter.report(options), stages.subList(1, stages.size()));
        BsonValue cursorSpec = command.get("cursor");
        long batchSize = cursorSpec != null && cursorSpec.isDocument()
                ? CommandArgs.optionalNonNegative(cursorSpec.asDocument(), "aggregate.cursor", "batchSize",
                        Integer.MAX_VALUE, Limits.DEFAULT_FIRST_BATCH_SIZE)
                : Limits.DEFAULT_FIRST_BATCH_SIZE;
        LocalCursorSource source = new LocalCursorSource(docs);
        CursorBatch first = batchSize == 0 ? new CursorBatch(new BsonArray(), docs.isEmpty(), new BsonDocument())
                : source.next((int) batchSize, null, new BsonDocument());
        long id = 0;
        if (!first.exhausted()) {
            OperationSessionInfo osi = OperationSessionInfo.parse(command);
            ClusterCursor c = sessions.cursors().register(NS, source,
                    new CursorOrigin(ClientInfo.of(ctx.connection()), osi.lsid(),
                            osi.inTransaction() ? osi.txnNumber() : null),
                    command, CursorOptions.DEFAULT, first.documents().size());
            id = c.id();
        }
        return new BsonDocument("cursor", new BsonDocument("firstBatch", first.documents())
                .append("id", new BsonInt64(id)).append("ns", new BsonString(NS)));
    }
}
