package io.jmongos.router.command.data;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.cursor.ClusterCursor;
import io.jmongos.router.cursor.ClusterCursorManager;
import io.jmongos.router.cursor.CursorBatch;
import io.jmongos.router.session.OperationSessionInfo;

/**
 * {@code getMore} on a router cursor: checks it out (namespace, session and transaction must match), reads
 * the next batch from its source, and frees it when exhausted. A failed batch destroys the cursor.
 */
public final class GetMoreCommand implements CommandHandler {
    @Override
    public String name() {
        return "getMore";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.READ;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        long id = CommandArgs.requiredLong(command, name(), "getMore");
        String collection = CommandArgs.requiredString(command, name(), "collection");
        long batchSize = CommandArgs.optionalNonNegative(command, name(), "batchSize", Integer.MAX_VALUE, 0);
        BsonValue maxTimeMS = command.get("maxTimeMS");
        if (maxTimeMS != null && !maxTimeMS.isNumber()) {
            throw CommandArgs.wrongType(name(), "maxTimeMS", maxTimeMS, "int");
        }
        if (id == 0) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Cursor id must be non-zero");
        }
        String ns = ctx.db() + "." + collection;
        OperationSessionInfo osi = OperationSessionInfo.parse(command);
        ClusterCursorManager cursors = ctx.services().cursors();
        ClusterCursor cursor = cursors.checkOut(id, ns, osi.lsid(), osi.inTransaction() ? osi.txnNumber() : null);
        CursorBatch batch;
        try {
            batch = cursor.source().next((int) batchSize, maxTimeMS, osi.forwardFields());
        } catch (RuntimeException e) {
            cursors.checkInAfterError(cursor);
            throw e;
        }
        cursors.checkIn(cursor, batch.documents().size(), batch.exhausted());
        BsonDocument reply = new BsonDocument("nextBatch", batch.documents())
                .append("id", new BsonInt64(batch.exhausted() ? 0 : id))
                .append("ns", new BsonString(cursor.ns()));
        batch.extra().forEach(reply::append);
        return new BsonDocument("cursor", reply);
    }
}
