package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.Limits;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.ExecutorErrors;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.ReadLease;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.aggregate.PipelineRunner;
import io.jmongos.engine.exec.DocumentStream;
import io.jmongos.engine.exec.QueryStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * find: plans the query, opens a cursor over a snapshot (or the transaction) and returns the first batch; a
 * find by _id alone reads its document by key ({@link IdLookup}). On a view, the query becomes stages after the
 * view's pipeline. A first batch that exhausts the results registers no cursor (id 0).
 */
public final class FindCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.IN_TRANSACTION;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        FindRequest req = FindRequest.parse(op.db(), op.command());
        long first = req.batchSize() < 0 ? Limits.DEFAULT_FIRST_BATCH_SIZE : req.batchSize();
        if (req.query().limit() > 0) {
            first = Math.min(first, req.query().limit());
        }
        Views.Resolved view = Views.resolve(op.catalog(), req.ns());
        if (view != null) {
            return PipelineRunner.open(op, new PipelineRunner.Run(view.base(), viewStages(view, req.query()),
                    req.ns().full(), req.query().hint()), first, req.singleBatch());
        }
        try (ReadLease lease = op.openRead()) {
            CollectionMeta c = op.collection(req.ns());
            BsonValue id = c == null ? null : IdLookup.idOf(req.query());
            if (id != null) {
                QueryStream s = IdLookup.read(op.services(), lease.view(), c, req.query(), id, op.deadline(),
                        op.letVariables());
                return firstBatch(op, req, s, null, first);
            }
            QuerySupport.Planned p = QuerySupport.plan(op.services(), lease.view(), c, req.query(), op.deadline(),
                    op.letVariables());
            return firstBatch(op, req, p.stream(), lease, first);
        }
    }

    /** A find on a view as MongoDB runs it: the view's pipeline, then $match, $sort, $skip, $limit, $project. */
    static BsonArray viewStages(Views.Resolved view, QuerySupport.Query q) {
        BsonArray stages = view.pipeline().clone();
        if (q.filter() != null && !q.filter().isEmpty()) {
            stages.add(new BsonDocument("$match", q.filter()));
        }
        if (q.sort() != null && !q.sort().isEmpty()) {
            stages.add(new BsonDocument("$sort", q.sort()));
        }
        if (q.skip() > 0) {
            stages.add(new BsonDocument("$skip", new BsonInt64(q.skip())));
        }
        if (q.limit() > 0) {
            stages.add(new BsonDocument("$limit", new BsonInt64(q.limit())));
        }
        if (q.projection() != null && !q.projection().isEmpty()) {
            stages.add(new BsonDocument("$project", q.projection()));
        }
        return stages;
    }

    /** Opens the cursor; errors while its first batch runs carry mongod's find executor prefix. */
    private static BsonDocument firstBatch(OperationContext op, FindRequest req, DocumentStream stream,
                                           ReadLease lease, long first) {
        try {
            return CursorReplies.open(op, req.ns().full(), stream, lease == null ? null : lease.detach(), first,
                    req.singleBatch());
        } catch (CommandFailedException e) {
            throw ExecutorErrors.withContext(ExecutorErrors.FIND, e);
        }
    }
}
