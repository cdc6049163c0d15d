package io.jmongos.engine.command;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import io.jmongos.engine.cursor.CursorManager;
import io.jmongos.engine.exec.DocumentStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** Opening cursors for commands and shaping {@code {cursor: {id, ns, firstBatch|nextBatch}, ok: 1}}. */
public final class CursorReplies {
    private CursorReplies() {
    }

    public static BsonDocument reply(long id, String ns, String batchField, BsonArray docs) {
        BsonDocument cursor = new BsonDocument("id", new BsonInt64(id)).append("ns", new BsonString(ns))
                .append(batchField, docs);
        return new BsonDocument("cursor", cursor).append("ok", new BsonDouble(1));
    }

    /** The first batch size: {@code cursor.batchSize} (or batchSize) if given, else MongoDB's 101. */
    public static long firstBatchSize(BsonDocument cmd, BsonDocument cursorOptions) {
        long n = cursorOptions != null ? CommandArgs.integer(cursorOptions, "batchSize", -1)
                : CommandArgs.integer(cmd, "batchSize", -1);
        if (n < -1) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "BatchSize value must be non-negative, but received: "
                    + n);
        }
        return n == -1 ? Limits.DEFAULT_FIRST_BATCH_SIZE : n;
    }

    /**
     * Opens a cursor over {@code stream} and returns the first-batch reply; the cursor owns
     * {@code resources} (its snapshot) from here on, and is tied to the open transaction if any.
     */
    public static BsonDocument open(OperationContext op, String ns, DocumentStream stream, AutoCloseable resources,
                                    long batchSize, boolean singleBatch) {
        Long txnNumber = op.inTransaction() ? op.params().txnNumber() : null;
        CursorManager.Opened o = op.services().cursors().open(new CursorManager.Spec(ns, stream, resources,
                op.params().lsid(), txnNumber, op.command()), batchSize, singleBatch);
        if (o.id() != 0 && op.inTransaction()) {
            op.transaction().addCursor(o.id());
        }
        BsonDocument reply = reply(o.id(), ns, "firstBatch", o.batch().documents());
        if (op.atClusterTime() != null) {
            reply.getDocument("cursor").append("atClusterTime", op.atClusterTime());
        }
        return reply;
    }
}
