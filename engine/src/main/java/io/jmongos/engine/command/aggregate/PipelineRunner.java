package io.jmongos.engine.command.aggregate;

import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.Pipeline;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.ExecutorErrors;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.ReadLease;
import io.jmongos.engine.command.diag.ExplainOutput;
import io.jmongos.engine.exec.DocumentStream;
import io.jmongos.engine.exec.ListStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Runs a pipeline over a collection: compiles it, pushes a leading $match/$sort into the collection scan (so
 * they can use an index) and streams the rest. aggregate uses it, and so do find, count and distinct on views
 * (the view's pipeline followed by the command's own stages).
 */
public final class PipelineRunner {
    private PipelineRunner() {
    }

    /**
     * What to run: the collection read ({@code source}, null for a database aggregate), the stages, the
     * namespace the cursor reports and the hint for the leading scan.
     */
    public record Run(Namespace source, BsonArray stages, String cursorNs, BsonValue hint) {
    }

    /**
     * Opens a cursor over the pipeline's output and returns the command reply; $out/$merge pipelines run to
     * the end at once and return an empty batch.
     */
    public static BsonDocument open(OperationContext op, Run run, long firstBatch, boolean singleBatch) {
        try (ReadLease lease = op.openRead()) {
            EnginePipelineContext ctx = new EnginePipelineContext(op, lease.view(), run.source());
            Pipeline pipeline = Pipeline.compile(run.stages(), ctx);
            if (pipeline.writesOutput() && op.inTransaction()) {
                throw new CommandFailedException(ErrorCode.OPERATION_NOT_SUPPORTED_IN_TRANSACTION,
                        "Cannot run $out or $merge in a multi-document transaction.");
            }
            Planned planned = plan(op, lease, run, pipeline);
            try {
                DocumentStream stream = stream(pipeline, planned, ctx);
                if (pipeline.writesOutput()) {
                    try (stream) {
                        while (stream.next() != null) {
                            op.deadline().check();
                        }
                    }
                    return CursorReplies.reply(0, run.cursorNs(), "firstBatch", new BsonArray());
                }
                return CursorReplies.open(op, run.cursorNs(), stream, lease.detach(), firstBatch, singleBatch);
            } catch (CommandFailedException e) {
                throw ExecutorErrors.withContext(ExecutorErrors.AGGREGATE, e);
            }
        }
    }

    /** explain of an aggregate: the plan of the leading scan. */
    public static BsonDocument explain(OperationContext op, Run run, BsonArray shownStages) {
        try (ReadLease lease = op.openRead()) {
            EnginePipelineContext ctx = new EnginePipelineContext(op, lease.view(), run.source());
            Pipeline pipeline = Pipeline.compile(run.stages(), ctx);
            Planned p = plan(op, lease, run, pipeline);
            return ExplainOutput.forAggregate(run.cursorNs(), p.planned, p.query, shownStages, op.command());
        }
    }

    /** Runs the pipeline to its end, handing each output document to {@code sink} (count, distinct on views). */
    public static void forEach(OperationContext op, Run run, Consumer<BsonDocument> sink) {
        try (ReadLease lease = op.openRead()) {
            EnginePipelineContext ctx = new EnginePipelineContext(op, lease.view(), run.source());
            Pipeline pipeline = Pipeline.compile(run.stages(), ctx);
            try (DocumentStream stream = stream(pipeline, plan(op, lease, run, pipeline), ctx)) {
                BsonDocument d;
                while ((d = stream.next()) != null) {
                    sink.accept(d);
                }
            }
        }
    }

    /** The leading scan: its query and its plan (null plan for a database aggregate). */
    private record Planned(QuerySupport.Query query, QuerySupport.Planned planned) {
    }

    private static Planned plan(OperationContext op, ReadLease lease, Run run, Pipeline pipeline) {
        QuerySupport.Query query = new QuerySupport.Query(pipeline.leadingMatchFilter(), pipeline.leadingSort(), 0, 0,
                null, run.hint());
        if (run.source() == null) {
            return new Planned(query, null);
        }
        CollectionMeta c = op.collection(run.source());
        return new Planned(query, QuerySupport.plan(op.services(), lease.view(), c, query, op.deadline(),
                op.letVariables()));
    }

    private static DocumentStream stream(Pipeline pipeline, Planned p, EnginePipelineContext ctx) {
        DocumentStream source = p.planned == null ? new ListStream(List.of()) : p.planned.stream();
        // A planned scan's QueryStream always applies the leading $match (its matcher) and $sort (index order,
        // or its own blocking sort when the plan does not provide the order): the pipeline skips both.
        boolean scanned = p.planned != null;
        Iterator<BsonDocument> out = pipeline.execute(new StreamIterator(source, () -> { }), scanned, scanned);
        return new PipelineStream(out, source, ctx);
    }
}
