package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.Variables;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.AlreadyRecordedException;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.ExecutorErrors;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.StatementIds;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.WriteTarget;
import io.jmongos.engine.query.MatchDetails;
import io.jmongos.engine.query.Projection;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.StorageTxn;
import io.jmongos.engine.txn.RetryableWrite;
import io.jmongos.engine.update.UpdateOutcome;
import io.jmongos.engine.update.UpdateSpec;
import io.jmongos.engine.write.DocumentValidation;
import io.jmongos.engine.write.DocumentValidator;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** findAndModify: finds one document (query, sort), removes or updates it (or upserts) in one unit. */
public final class FindAndModifyCommand implements EngineCommand {
    @Override
    public TxnRole txnRole() {
        return TxnRole.RETRYABLE_WRITE;
    }

    /** The parsed command. */
    private record Request(BsonDocument query, BsonDocument sort, boolean remove, UpdateSpec update,
                           boolean returnNew, Projection fields, boolean upsert, BsonValue hint) {
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        var ns = CommandArgs.namespace(op.db(), cmd);
        io.jmongos.engine.catalog.SystemNamespaces.checkUserWrite(ns);
        Request r = parse(cmd, op.letVariables());
        if (op.catalog().view(ns) != null) {
            throw Views.notACollection(ns);
        }
        RetryableWrite rw = op.retryableWrite();
        int stmtId = StatementIds.of(cmd).get(0);
        if (rw != null) {
            BsonDocument recorded = rw.executed(stmtId);
            if (recorded != null) {
                return recorded;
            }
        }
        try (WriteTarget target = r.upsert ? op.openForWrite(ns) : op.openExisting(ns)) {
            CollectionMeta c = target.meta();
            if (c == null) {
                return reply(new BsonDocument("n", new BsonInt32(0)).append("updatedExisting", BsonBoolean.FALSE),
                        BsonNull.VALUE, r);
            }
            return op.writeUnit(c, txn -> {
                BsonDocument reply;
                try {
                    reply = execute(op, c, r, txn);
                } catch (CommandFailedException e) {
                    throw ExecutorErrors.withContext(ExecutorErrors.FIND_AND_MODIFY, e);
                }
                if (rw != null && !rw.record(txn, stmtId, reply)) {
                    throw new AlreadyRecordedException();
                }
                return reply;
            });
        } catch (AlreadyRecordedException e) {
            return rw.executed(stmtId);
        }
    }

    private static Request parse(BsonDocument cmd, Variables vars) {
        boolean remove = CommandArgs.bool(cmd, "remove", false);
        BsonValue update = cmd.get("update");
        boolean returnNew = CommandArgs.bool(cmd, "new", false);
        boolean upsert = CommandArgs.bool(cmd, "upsert", false);
        if (remove && update != null) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "Cannot specify both an update and remove=true");
        }
        if (!remove && update == null) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "Either an update or remove=true must be specified");
        }
        if (remove && returnNew) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
        }
        if (remove && upsert) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "Cannot specify both upsert=true and remove=true");
        }
        if (update != null && !update.isDocument() && !update.isArray()) {
            throw CommandArgs.wrongType(cmd, "update", update, "object, array");
        }
        Collation.refuse(cmd);
        BsonValue filters = cmd.get("arrayFilters");
        BsonArray arrayFilters = filters != null && filters.isArray() ? filters.asArray() : null;
        BsonDocument fields = CommandArgs.document(cmd, "fields", null);
        BsonDocument query = CommandArgs.document(cmd, "query", new BsonDocument());
        QueryCompiler.compile(query, vars);
        return new Request(query, CommandArgs.document(cmd, "sort", null), remove,
                update == null ? null : UpdateSpec.compile(update, arrayFilters).withVariables(vars), returnNew,
                fields == null || fields.isEmpty() ? null : Projection.compile(fields, query, vars), upsert,
                cmd.get("hint"));
    }

    private static BsonDocument execute(OperationContext op, CollectionMeta c, Request r, StorageTxn txn) {
        BsonDocument found;
        QuerySupport.Planned p = QuerySupport.plan(op.services(), txn, c,
                new QuerySupport.Query(r.query, r.sort, 0, 1, null, r.hint), op.deadline(), op.letVariables());
        try (var stream = p.stream()) {
            found = stream.next();
        }
        if (found == null) {
            if (!r.upsert) {
                BsonDocument leo = new BsonDocument("n", new BsonInt32(0));
                if (!r.remove) {
                    leo.append("updatedExisting", BsonBoolean.FALSE);
                }
                return reply(leo, BsonNull.VALUE, r);
            }
            BsonDocument seed = UpdateSpec.upsertSeed(r.query);
            UpdateOutcome out = r.update.apply(seed, null, true);
            BsonDocument doc = DocumentValidator.forInsert(UpdatedDocument.withId(seed, out.document()));
            DocumentValidation.check(c, doc, null, UpdateExecutor.bypass(op));
            op.services().writer().insert(txn, c, doc, DocumentValidator.bytesForInsert(doc));
            BsonDocument leo = new BsonDocument("n", new BsonInt32(1)).append("updatedExisting", BsonBoolean.FALSE)
                    .append("upserted", doc.get("_id"));
            return reply(leo, r.returnNew ? project(r, doc, null) : BsonNull.VALUE, r);
        }
        BsonDocument old = BsonBytes.toDocument(BsonBytes.toBytes(found));
        MatchDetails details = new MatchDetails();
        QueryCompiler.compile(r.query, op.letVariables()).matches(old, details);
        if (r.remove) {
            op.services().writer().delete(txn, c, old);
            return reply(new BsonDocument("n", new BsonInt32(1)), project(r, old, details), r);
        }
        UpdateOutcome out = r.update.apply(old, details, false);
        BsonDocument now = old;
        if (out.modified()) {
            now = UpdatedDocument.withId(old, out.document());
            DocumentValidation.check(c, now, old, UpdateExecutor.bypass(op));
            op.services().writer().update(txn, c, old, now, DocumentValidator.bytesForUpdate(now),
                    r.update.isReplacement());
        }
        BsonDocument leo = new BsonDocument("n", new BsonInt32(1)).append("updatedExisting", BsonBoolean.TRUE);
        return reply(leo, project(r, r.returnNew ? now : old, details), r);
    }

    private static BsonValue project(Request r, BsonDocument doc, MatchDetails details) {
        return r.fields == null ? doc : r.fields.apply(doc, details);
    }

    private static BsonDocument reply(BsonDocument lastErrorObject, BsonValue value, Request r) {
        return new BsonDocument("lastErrorObject", lastErrorObject).append("value", value)
                .append("ok", new BsonDouble(1));
    }
}
