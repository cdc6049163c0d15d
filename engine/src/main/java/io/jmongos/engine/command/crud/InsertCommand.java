package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.catalog.CollectionMeta;
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
import io.jmongos.engine.write.DocumentValidation;
import io.jmongos.engine.write.DocumentValidator;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/** insert: each document in its own storage transaction (or the open transaction), ordered or not. */
public final class InsertCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.RETRYABLE_WRITE;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        var ns = CommandArgs.namespace(op.db(), cmd);
        io.jmongos.engine.catalog.SystemNamespaces.checkUserWrite(ns);
        BsonArray docs = CommandArgs.requiredArray(cmd, "documents");
        WriteReply.checkBatchSize(docs.size());
        boolean ordered = CommandArgs.bool(cmd, "ordered", true);
        StatementIds stmtIds = StatementIds.of(cmd);
        RetryableWrite rw = op.retryableWrite();
        boolean bypass = CommandArgs.bool(cmd, "bypassDocumentValidation", false);
        WriteReply reply = new WriteReply();
        int n = 0;
        CommandFailedException onView = Views.refusal(op.catalog(), ns);
        try (WriteTarget target = onView != null ? op.openExisting(ns) : op.openForWrite(ns)) {
            CollectionMeta c = target.meta();
            for (int i = 0; i < docs.size(); i++) {
                int stmtId = stmtIds.get(i);
                try {
                    if (onView != null) {
                        throw onView;
                    }
                    if (rw != null && rw.executed(stmtId) != null) {
                        reply.retried(stmtId);
                        n++;
                        continue;
                    }
                    if (!docs.get(i).isDocument()) {
                        throw CommandArgs.wrongType(cmd, "documents", docs.get(i), "object");
                    }
                    BsonDocument doc = DocumentValidator.forInsert(docs.get(i).asDocument());
                    byte[] bytes = DocumentValidator.bytesForInsert(doc);
                    DocumentValidation.check(c, doc, null, bypass);
                    op.writeUnit(c, txn -> {
                        op.services().writer().insert(txn, c, doc, bytes);
                        if (rw != null && !rw.record(txn, stmtId, new BsonDocument("n", new BsonInt32(1)))) {
                            throw new AlreadyRecordedException();
                        }
                        return null;
                    });
                    n++;
                } catch (AlreadyRecordedException e) {
                    reply.retried(stmtId);
                    n++;
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
        return reply.finish(new BsonDocument("n", new BsonInt32(n)));
    }
}
