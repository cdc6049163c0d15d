package io.jmongos.engine.command.crud;

import java.util.TreeSet;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.ReadLease;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.aggregate.PipelineRunner;
import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.engine.query.FieldPath;
import io.jmongos.engine.storage.BsonBytes;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;

/** distinct: the distinct values of a field (array elements counted one by one) among matching documents. */
public final class DistinctCommand implements EngineCommand {
    /** MongoDB's code when the distinct values exceed 16 MiB. */
    static final int DISTINCT_TOO_BIG = 17217;

    @Override
    public TxnRole txnRole() {
        return TxnRole.IN_TRANSACTION;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        var ns = CommandArgs.namespace(op.db(), cmd);
        String key = CommandArgs.string(cmd, "key", null);
        if (key == null) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "BSON field 'distinct.key' is missing but a required field");
        }
        Collation.refuse(cmd);
        FieldPath path = FieldPath.of(key);
        TreeSet<BsonValue> values = new TreeSet<>(BsonValueComparator.INSTANCE);
        QuerySupport.Query q = new QuerySupport.Query(CommandArgs.document(cmd, "query", null), null, 0, 0, null,
                cmd.get("hint"));
        long[] bytes = {0};
        Views.Resolved view = Views.resolve(op.catalog(), ns);
        if (view != null) {
            PipelineRunner.forEach(op, new PipelineRunner.Run(view.base(), FindCommand.viewStages(view, q),
                    ns.full(), q.hint()), doc -> add(values, bytes, doc, path));
        } else {
            try (ReadLease lease = op.openRead()) {
                CollectionMeta c = op.collection(ns);
                try (var stream = QuerySupport.plan(op.services(), lease.view(), c, q, op.deadline(),
                        op.letVariables()).stream()) {
                    BsonDocument doc;
                    while ((doc = stream.next()) != null) {
                        add(values, bytes, doc, path);
                    }
                }
            }
        }
        BsonDocument reply = new BsonDocument("values", new BsonArray(new java.util.ArrayList<>(values)));
        if (op.atClusterTime() != null) {
            reply.append("atClusterTime", op.atClusterTime());
        }
        return reply.append("ok", new BsonDouble(1));
    }

    /** Adds a document's values; fails once the distinct values pass 16 MiB. */
    private static void add(TreeSet<BsonValue> values, long[] bytes, BsonDocument doc, FieldPath path) {
        for (BsonValue v : DistinctValues.of(doc, path)) {
            if (values.add(v)) {
                bytes[0] += BsonBytes.size(new BsonDocument("v", v));
                if (bytes[0] > Limits.MAX_BSON_OBJECT_SIZE) {
                    throw new CommandFailedException(DISTINCT_TOO_BIG, "Location" + DISTINCT_TOO_BIG,
                            "distinct too big, 16mb cap");
                }
            }
        }
    }
}
