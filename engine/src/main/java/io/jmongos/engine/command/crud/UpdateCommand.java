package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.command.AlreadyRecordedException;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.StatementIds;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.WriteReply;
import io.jmongos.engine.command.WriteTarget;
import io.jmongos.engine.storage.WriteConflictException;
import io.jmongos.engine.txn.RetryableWrite;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** update: statements {q, u, upsert, multi, arrayFilters, hint}; reply n, nModified, upserted, writeErrors. */
public final class UpdateCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.RETRYABLE_WRITE;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        var ns = CommandArgs.namespace(op.db(), cmd);
        io.jmongos.engine.catalog.SystemNamespaces.checkUserWrite(ns);
        BsonArray updates = CommandArgs.requiredArray(cmd, "updates");
        WriteReply.checkBatchSize(updates.size());
        for (BsonValue statement : updates) {
            UpdateStatement.checkShape(cmd, statement);
        }
        boolean ordered = CommandArgs.bool(cmd, "ordered", true);
        StatementIds stmtIds = StatementIds.of(cmd);
        RetryableWrite rw = op.retryableWrite();
        WriteReply reply = new WriteReply();
        BsonArray upserted = new BsonArray();
        long n = 0;
        long modified = 0;
        boolean anyUpsert = updates.stream().anyMatch(
                v -> v.isDocument() && CommandArgs.bool(v.asDocument(), "upsert", false));
        CommandFailedException onView = Views.refusal(op.catalog(), ns);
        try (WriteTarget target = anyUpsert && onView == null ? op.openForWrite(ns) : op.openExisting(ns)) {
            for (int i = 0; i < updates.size(); i++) {
                int stmtId = stmtIds.get(i);
                BsonDocument result;
                try {
                    if (onView != null) {
                        throw onView;
                    }
                    result = rw == null ? null : rw.executed(stmtId);
                    if (result != null) {
                        reply.retried(stmtId);
                    } else {
                        UpdateStatement s = UpdateStatement.parse(cmd, updates.get(i),
                                op.letVariables());
                        result = target.meta() == null
                                ? new BsonDocument("n", new BsonInt32(0)).append("nModified", new BsonInt32(0))
                                : UpdateExecutor.execute(op, target.meta(), s, rw, stmtId);
                    }
                } catch (AlreadyRecordedException e) {
                    result = rw.executed(stmtId);
                    reply.retried(stmtId);
                } catch (WriteConflictException e) {
                    if (op.inTransaction()) {
                        throw e;
                    }
                    reply.error(i, e);
                    result = null;
                } catch (CommandFailedException e) {
                    reply.error(i, e);
                    result = null;
                }
                if (result != null) {
                    n += result.getInt32("n").getValue();
                    modified += result.getInt32("nModified").getValue();
                    if (result.containsKey("upserted")) {
                        upserted.add(new BsonDocument("index", new BsonInt32(i)).append("_id", result.get("upserted")));
                    }
                }
                if (reply.hasErrors() && (ordered || op.inTransaction())) {
                    break;
                }
            }
        }
        BsonDocument counts = new BsonDocument("n", new BsonInt32((int) n));
        if (!upserted.isEmpty()) {
            counts.append("upserted", upserted);
        }
        counts.append("nModified", new BsonInt32((int) modified));
        return reply.finish(counts);
    }
}
