package io.jmongos.engine.command.crud;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.ReadLease;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.aggregate.PipelineRunner;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;

/** count: {query, skip, limit, hint}, on a view after its pipeline; not allowed in transactions (MongoDB: 263). */
public final class CountCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        var ns = CommandArgs.namespace(op.db(), cmd);
        Collation.refuse(cmd);
        long skip = CommandArgs.integer(cmd, "skip", 0);
        if (skip < 0) {
            throw new io.jmongos.common.CommandFailedException(io.jmongos.common.ErrorCode.BAD_VALUE,
                    "skip value is negative in count query");
        }
        long limit = Math.abs(CommandArgs.integer(cmd, "limit", 0));
        QuerySupport.Query q = new QuerySupport.Query(CommandArgs.document(cmd, "query", null), null, skip, limit,
                null, cmd.get("hint"));
        Views.Resolved view = Views.resolve(op.catalog(), ns);
        if (view != null) {
            long[] seen = {0};
            PipelineRunner.forEach(op, new PipelineRunner.Run(view.base(), FindCommand.viewStages(view, q),
                    ns.full(), q.hint()), d -> seen[0]++);
            return reply(seen[0]);
        }
        long n = 0;
        try (ReadLease lease = op.openRead()) {
            CollectionMeta c = op.catalog().get(ns);
            try (var stream = QuerySupport.plan(op.services(), lease.view(), c, q, op.deadline(),
                    op.letVariables()).stream()) {
                while (stream.next() != null) {
                    n++;
                }
            }
        }
        return reply(n);
    }

    private static BsonDocument reply(long n) {
        return new BsonDocument("n", n <= Integer.MAX_VALUE ? new BsonInt32((int) n) : new BsonInt64(n))
                .append("ok", new BsonDouble(1));
    }
}
