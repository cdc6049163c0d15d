package io.jmongos.engine.command.crud;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.ExecutorErrors;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.TxnRole;
import io.jmongos.engine.cursor.Batch;
import io.jmongos.engine.cursor.EngineCursor;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** getMore: the next batch of an engine cursor (batchSize, 16 MiB cap); the cursor is freed when exhausted. */
public final class GetMoreCommand implements EngineCommand {
    /** mongod's codes for a getMore from the wrong session or transaction (cursor_manager / getmore_cmd). */
    static final int WRONG_SESSION = 50737;
    static final int NO_SESSION = 50736;
    static final int WRONG_TRANSACTION = 50740;

    @Override
    public TxnRole txnRole() {
        return TxnRole.IN_TRANSACTION;
    }

    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        BsonValue idValue = cmd.get("getMore");
        if (!idValue.isInt64() && !idValue.isInt32()) {
            throw CommandArgs.wrongType(cmd, "getMore", idValue, "long");
        }
        long id = idValue.asNumber().longValue();
        String coll = CommandArgs.string(cmd, "collection", null);
        if (coll == null) {
            throw new CommandFailedException(io.jmongos.common.ErrorCode.FAILED_TO_PARSE,
                    "BSON field 'getMore.collection' is missing but a required field");
        }
        String ns = coll.startsWith("$cmd.") ? op.db() + "." + coll : Namespace.of(op.db(), coll).full();
        long batchSize = CommandArgs.integer(cmd, "batchSize", 0);
        EngineCursor c = op.services().cursors().get(id, ns);
        checkOwner(op, c);
        c.setDeadline(op.deadline());
        Batch b;
        try {
            b = op.services().cursors().next(c, batchSize <= 0 ? Long.MAX_VALUE : batchSize);
        } catch (CommandFailedException e) {
            if (e.code() == io.jmongos.common.ErrorCode.CURSOR_NOT_FOUND.code()) {
                throw e;
            }
            throw ExecutorErrors.withContext(ExecutorErrors.GET_MORE, e);
        }
        if (b.exhausted() && op.inTransaction()) {
            op.transaction().removeCursor(id);
        }
        return CursorReplies.reply(b.exhausted() ? 0 : id, ns, "nextBatch", b.documents());
    }

    private static void checkOwner(OperationContext op, EngineCursor c) {
        BsonDocument lsid = op.params().lsid();
        if (c.lsid() != null) {
            if (lsid == null) {
                throw new CommandFailedException(NO_SESSION, "Location" + NO_SESSION, "Cannot run getMore on cursor "
                        + c.id() + ", which was created in session " + c.lsid().toJson() + ", without an lsid");
            }
            if (!lsid.get("id").equals(c.lsid().get("id"))) {
                throw new CommandFailedException(WRONG_SESSION, "Location" + WRONG_SESSION,
                        "Cannot run getMore on cursor " + c.id() + ", which was created in session "
                                + c.lsid().toJson() + ", in session " + lsid.toJson());
            }
        }
        Long cursorTxn = c.txnNumber();
        Long opTxn = op.inTransaction() ? op.params().txnNumber() : null;
        if (cursorTxn == null ? opTxn != null : !cursorTxn.equals(opTxn)) {
            throw new CommandFailedException(WRONG_TRANSACTION, "Location" + WRONG_TRANSACTION,
                    "Cannot run getMore on cursor " + c.id() + ", which was created in "
                            + (cursorTxn == null ? "no transaction" : "transaction " + cursorTxn)
                            + ", in " + (opTxn == null ? "no transaction" : "transaction " + opTxn));
        }
    }
}
