package io.jmongos.engine.command.aggregate;

import java.util.Iterator;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.Pipeline;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.ReadLease;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.command.crud.Collation;
import io.jmongos.engine.command.diag.ExplainOutput;
import io.jmongos.engine.exec.DocumentStream;
import io.jmongos.engine.exec.ListStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * aggregate: compiles the pipeline, pushes a leading $match/$sort into the collection scan (so they can use
 * an index), and opens a cursor over the pipeline's output. $out/$merge pipelines run to the end at once.
 */
public final class AggregateCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.IN_TRANSACTION;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        Request req = Request.parse(op.db(), cmd);
        try (ReadLease lease = op.openRead()) {
            EnginePipelineContext ctx = new EnginePipelineContext(op, lease.view(), req.ns);
            Pipeline pipeline = Pipeline.compile(req.stages, ctx);
            if (pipeline.writesOutput() && op.inTransaction()) {
                throw new CommandFailedException(ErrorCode.OPERATION_NOT_SUPPORTED_IN_TRANSACTION,
                        "Cannot run $out or $merge in a multi-document transaction.");
            }
            CollectionMeta c = req.ns == null ? null : op.collection(req.ns);
            BsonDocument match = pipeline.leadingMatchFilter();
            BsonDocument sort = pipeline.leadingSort();
            QuerySupport.Query query = new QuerySupport.Query(match, sort, 0, 0, null, req.hint);
            QuerySupport.Planned planned = req.ns == null ? null : QuerySupport.plan(op.services(), lease.view(), c,
                    query, op.deadline(), op.letVariables());
            if (req.explain) {
                return ExplainOutput.forAggregate(req.fullName(op.db()), planned, query, req.stages, cmd);
            }
            DocumentStream source = planned == null ? new ListStream(List.of()) : planned.stream();
            Iterator<BsonDocument> out = pipeline.execute(new StreamIterator(source, () -> { }), planned != null,
                    planned != null);
            DocumentStream stream = new PipelineStream(out, source, ctx);
            if (pipeline.writesOutput()) {
                try (stream) {
                    while (stream.next() != null) {
                        op.deadline().check();
                    }
                }
                return CursorReplies.reply(0, req.fullName(op.db()), "firstBatch", new BsonArray());
            }
            long first = CursorReplies.firstBatchSize(cmd, req.cursor);
            return CursorReplies.open(op, req.fullName(op.db()), stream, lease.detach(), first, false);
        }
    }

    /** A parsed aggregate command. */
    private record Request(Namespace ns, BsonArray stages, BsonDocument cursor, boolean explain, BsonValue hint) {
        static Request parse(String db, BsonDocument cmd) {
            BsonValue target = cmd.get("aggregate");
            Namespace ns = null;
            if (target.isString()) {
                ns = CommandArgs.namespace(db, cmd);
            } else if (!(target.isNumber() && target.asNumber().intValue() == 1)) {
                throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "Invalid input namespace, "
                        + target);
            }
            BsonValue p = cmd.get("pipeline");
            if (p == null || !p.isArray()) {
                throw CommandArgs.wrongType(cmd, "pipeline", p == null ? new BsonDocument() : p, "array");
            }
            boolean explain = CommandArgs.bool(cmd, "explain", false);
            BsonDocument cursor = CommandArgs.document(cmd, "cursor", null);
            if (cursor == null && !explain) {
                throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                        "The 'cursor' option is required, except for aggregate with the explain argument");
            }
            Collation.refuse(cmd);
            return new Request(ns, p.asArray(), cursor, explain, cmd.get("hint"));
        }

        String fullName(String db) {
            return ns == null ? db + ".$cmd.aggregate" : ns.full();
        }
    }
}
