package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.AlreadyRecordedException;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.StatementIds;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.WriteReply;
import io.jmongos.engine.command.WriteTarget;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.StorageTxn;
import io.jmongos.engine.storage.WriteConflictException;
import io.jmongos.engine.txn.RetryableWrite;
import io.jmongos.engine.write.CollectionWriter;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** delete: statements {q, limit: 0|1, hint}; reply n and writeErrors. */
public final class DeleteCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.RETRYABLE_WRITE;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        var ns = CommandArgs.namespace(op.db(), cmd);
        io.jmongos.engine.catalog.SystemNamespaces.checkUserWrite(ns);
        BsonArray deletes = CommandArgs.requiredArray(cmd, "deletes");
        WriteReply.checkBatchSize(deletes.size());
        for (BsonValue statement : deletes) {
            checkShape(cmd, statement);
        }
        boolean ordered = CommandArgs.bool(cmd, "ordered", true);
        StatementIds stmtIds = StatementIds.of(cmd);
        RetryableWrite rw = op.retryableWrite();
        WriteReply reply = new WriteReply();
        long n = 0;
        CommandFailedException onView = Views.refusal(op.catalog(), ns);
        try (WriteTarget target = op.openExisting(ns)) {
            for (int i = 0; i < deletes.size(); i++) {
                int stmtId = stmtIds.get(i);
                try {
                    if (onView != null) {
                        throw onView;
                    }
                    BsonDocument recorded = rw == null ? null : rw.executed(stmtId);
                    if (recorded != null) {
                        reply.retried(stmtId);
                        n += recorded.getInt32("n").getValue();
                        continue;
                    }
                    BsonValue stmt = deletes.get(i);
                    n += target.meta() == null ? 0 : execute(op, target.meta(), stmt.asDocument(), rw, stmtId);
                } catch (AlreadyRecordedException e) {
                    reply.retried(stmtId);
                    n += rw.executed(stmtId).getInt32("n").getValue();
                } catch (WriteConflictException e) {
                    if (op.inTransaction()) {
                        throw e;
                    }
                    reply.error(i, e);
                } catch (CommandFailedException e) {
                    reply.error(i, e);
                }
                if (reply.hasErrors() && (ordered || op.inTransaction())) {
                    break;
                }
            }
        }
        return reply.finish(new BsonDocument("n", new BsonInt32((int) n)));
    }

    /** MongoDB's IDL checks of a delete statement; a bad one fails the whole command. */
    private static void checkShape(BsonDocument cmd, BsonValue v) {
        if (!v.isDocument()) {
            throw CommandArgs.wrongType(cmd, "deletes", v, "object");
        }
        if (CommandArgs.document(v.asDocument(), "q", null) == null) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "BSON field 'delete.deletes.q' is missing but a required field");
        }
        long limit = CommandArgs.integer(v.asDocument(), "limit", 0);
        if (limit != 0 && limit != 1) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "The limit field in delete objects must be 0 or 1. Got " + limit);
        }
    }

    private static long execute(OperationContext op, CollectionMeta c, BsonDocument s, RetryableWrite rw,
                                int stmtId) {
        BsonDocument q = s.getDocument("q");
        long limit = CommandArgs.integer(s, "limit", 0);
        Collation.refuse(s);
        QueryMatcher matcher = QueryCompiler.compile(q, op.letVariables());
        BsonValue hint = s.get("hint");
        long n;
        if (limit == 1) {
            n = op.writeUnit(c, txn -> {
                long deleted = deleteOne(op, c, q, hint, txn);
                record(rw, txn, stmtId, deleted);
                return deleted;
            });
        } else {
            n = DocumentChunks.forEachMatch(op, c, q, hint, id -> op.writeUnit(c, txn -> deleteById(op, c, matcher,
                    txn, id)));
            if (rw != null) {
                op.writeUnit(c, txn -> record(rw, txn, stmtId, n));
            }
        }
        return n;
    }

    private static long record(RetryableWrite rw, StorageTxn txn, int stmtId, long n) {
        if (rw != null && !rw.record(txn, stmtId, new BsonDocument("n", new BsonInt32((int) n)))) {
            throw new AlreadyRecordedException();
        }
        return n;
    }

    private static long deleteOne(OperationContext op, CollectionMeta c, BsonDocument q, BsonValue hint,
                                  StorageTxn txn) {
        BsonDocument found;
        QuerySupport.Planned p = QuerySupport.plan(op.services(), txn, c,
                new QuerySupport.Query(q, null, 0, 1, null, hint), op.deadline(), op.letVariables());
        try (var stream = p.stream()) {
            found = stream.next();
        }
        if (found == null) {
            return 0;
        }
        op.services().writer().delete(txn, c, BsonBytes.toDocument(BsonBytes.toBytes(found)));
        return 1;
    }

    private static boolean deleteById(OperationContext op, CollectionMeta c, QueryMatcher matcher, StorageTxn txn,
                                      BsonValue id) {
        byte[] bytes = txn.getForUpdate(op.services().store().records(), CollectionWriter.recordKey(c, id));
        if (bytes == null) {
            return false;
        }
        BsonDocument doc = BsonBytes.toDocument(bytes);
        if (!matcher.matches(doc)) {
            return false;
        }
        op.services().writer().delete(txn, c, doc);
        return true;
    }
}
