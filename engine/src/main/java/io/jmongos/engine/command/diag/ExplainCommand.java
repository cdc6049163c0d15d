package io.jmongos.engine.command.diag;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.ReadLease;
import io.jmongos.engine.command.aggregate.AggregateCommand;
import io.jmongos.engine.command.crud.FindRequest;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * explain of find, aggregate, count, distinct, update, delete and findAndModify: the chosen plan
 * (queryPlanner), and for find and count with executionStats verbosity the counts of a real run.
 */
public final class ExplainCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        BsonDocument inner = CommandArgs.document(cmd, "explain", null);
        if (inner == null || inner.isEmpty()) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "explain command requires a nested object");
        }
        String verbosity = CommandArgs.string(cmd, "verbosity", "allPlansExecution");
        boolean execute = !verbosity.equals("queryPlanner");
        String name = inner.getFirstKey();
        if (name.equals("aggregate")) {
            BsonDocument agg = inner.clone().append("explain", BsonBoolean.TRUE);
            return new AggregateCommand().run(op.withCommand(agg));
        }
        Namespace ns = CommandArgs.namespace(op.db(), inner);
        QuerySupport.Query q = query(op.db(), name, inner);
        try (ReadLease lease = op.openRead()) {
            CollectionMeta c = op.catalog().get(ns);
            QuerySupport.Planned p = QuerySupport.plan(op.services(), lease.view(), c, q, op.deadline(),
                    op.withCommand(inner).letVariables());
            BsonDocument stats = null;
            try (var stream = p.stream()) {
                if (execute && (name.equals("find") || name.equals("count"))) {
                    long start = System.nanoTime();
                    long n = 0;
                    while (stream.next() != null) {
                        n++;
                    }
                    stats = new BsonDocument("executionSuccess", BsonBoolean.TRUE).append("nReturned", new BsonInt64(n))
                            .append("executionTimeMillis", new BsonInt64((System.nanoTime() - start) / 1_000_000))
                            .append("totalKeysExamined", new BsonInt64(p.keysExamined()))
                            .append("totalDocsExamined", new BsonInt64(stream.examined()))
                            .append("executionStages", new BsonDocument("stage", new BsonString(p.plan() == null
                                    || p.plan().isCollectionScan() ? "COLLSCAN" : "IXSCAN"))
                                    .append("nReturned", new BsonInt64(n)));
                }
            }
            return ExplainOutput.reply(ExplainOutput.queryPlanner(ns.full(), p.plan(), q), stats, inner);
        }
    }

    private static QuerySupport.Query query(String db, String name, BsonDocument inner) {
        switch (name) {
            case "find":
                return FindRequest.parse(db, inner).query();
            case "count": {
                long limit = Math.abs(CommandArgs.integer(inner, "limit", 0));
                return new QuerySupport.Query(CommandArgs.document(inner, "query", null), null,
                        CommandArgs.integer(inner, "skip", 0), limit, null, inner.get("hint"));
            }
            case "distinct":
                return QuerySupport.Query.filter(CommandArgs.document(inner, "query", null));
            case "findAndModify": case "findandmodify":
                return new QuerySupport.Query(CommandArgs.document(inner, "query", null),
                        CommandArgs.document(inner, "sort", null), 0, 1, null, inner.get("hint"));
            case "update": case "delete": {
                BsonValue list = inner.get(name.equals("update") ? "updates" : "deletes");
                if (list == null || !list.isArray() || list.asArray().isEmpty()
                        || !list.asArray().get(0).isDocument()) {
                    throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "explain of " + name
                            + " needs one statement");
                }
                BsonDocument s = list.asArray().get(0).asDocument();
                return new QuerySupport.Query(CommandArgs.document(s, "q", null), null, 0,
                        name.equals("delete") ? CommandArgs.integer(s, "limit", 0) : 0, null, s.get("hint"));
            }
            default:
                throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "Explain for " + name
                        + " is not supported by the jmongos embedded engine");
        }
    }

}
