package io.jmongos.engine.command.aggregate;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.crud.Collation;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * aggregate: runs the pipeline with {@link PipelineRunner} (a leading $match/$sort pushed into the collection
 * scan; $out/$merge pipelines to the end at once). On a view, the view's pipeline runs first, over the
 * collection it reads.
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
        PipelineRunner.Run run = new PipelineRunner.Run(req.ns, req.stages, req.fullName(op.db()), req.hint);
        Views.Resolved view = req.ns == null ? null : Views.resolve(op.catalog(), req.ns);
        if (view != null && !startsWithCollStats(req.stages)) {
            BsonArray stages = view.pipeline().clone();
            stages.addAll(req.stages);
            run = new PipelineRunner.Run(view.base(), stages, run.cursorNs(), req.hint);
        }
        if (req.explain) {
            return PipelineRunner.explain(op, run, req.stages);
        }
        return PipelineRunner.open(op, run, CursorReplies.firstBatchSize(cmd, req.cursor), false);
    }

    /** $collStats describes the view itself, not what it reads (its storageStats then fail with 166). */
    private static boolean startsWithCollStats(BsonArray stages) {
        return !stages.isEmpty() && stages.get(0).isDocument() && stages.get(0).asDocument().containsKey("$collStats");
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
