package io.jmongos.engine.command.crud;

import io.jmongos.common.Limits;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.ReadLease;
import io.jmongos.engine.command.TxnRole;
import org.bson.BsonDocument;

/** find: plans the query, opens a cursor over a snapshot (or the transaction) and returns the first batch. */
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
        try (ReadLease lease = op.openRead()) {
            CollectionMeta c = op.collection(req.ns());
            QuerySupport.Planned p = QuerySupport.plan(op.services(), lease.view(), c, req.query(), op.deadline(),
                    op.letVariables());
            return CursorReplies.open(op, req.ns().full(), p.stream(), lease.detach(), first, req.singleBatch());
        }
    }
}
