package io.jmongos.engine.changes;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.OperationContext;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code getMore} on a change stream cursor (tailable, awaitData): returns the changes visible now, or waits for
 * new ones up to {@code maxTimeMS} (MongoDB's await time, 1 second by default) on the log's condition, never
 * spinning. A kill wakes the wait and the getMore fails with CursorKilled.
 */
final class ChangeStreamGetMore {
    /** MongoDB's await time of a tailable awaitData getMore without maxTimeMS: 1 second. */
    static final long DEFAULT_AWAIT_MILLIS = 1000;
    /** The label MongoDB puts on change stream errors a driver may resume after (InterruptedAtShutdown is one). */
    static final String RESUMABLE_LABEL = "ResumableChangeStreamError";
    /** ErrorCodes::CursorKilled. */
    static final int CURSOR_KILLED = 237;
    /** ErrorCodes::CursorInUse. */
    static final int CURSOR_IN_USE = 292;
    /** mongod's codes for a getMore from the wrong session or in a transaction (cursor_manager / getmore_cmd). */
    static final int NO_SESSION = 50736;
    static final int WRONG_SESSION = 50737;
    static final int WRONG_TRANSACTION = 50740;

    private ChangeStreamGetMore() {
    }

    static boolean applies(OperationContext op) {
        BsonValue id = op.command().get("getMore");
        return id != null && (id.isInt64() || id.isInt32())
                && op.services().changes().cursors().get(id.asNumber().longValue()) != null;
    }

    static BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        long id = cmd.get("getMore").asNumber().longValue();
        String coll = CommandArgs.string(cmd, "collection", null);
        if (coll == null) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "BSON field 'getMore.collection' is missing but a required field");
        }
        String ns = coll.startsWith("$cmd.") ? op.db() + "." + coll : Namespace.of(op.db(), coll).full();
        ChangeStreamCursors cursors = op.services().changes().cursors();
        ChangeStreamCursor c = cursors.get(id);
        if (c == null) {
            throw new CommandFailedException(ErrorCode.CURSOR_NOT_FOUND, "cursor id " + id + " not found");
        }
        if (!c.ns().equals(ns)) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED, "Requested getMore on namespace '" + ns
                    + "', but cursor belongs to a different namespace " + c.ns());
        }
        checkOwner(op, c);
        long batchSize = CommandArgs.integer(cmd, "batchSize", 0);
        long maxDocs = batchSize <= 0 ? Long.MAX_VALUE : batchSize;
        long awaitMillis = CommandArgs.integer(cmd, "maxTimeMS", DEFAULT_AWAIT_MILLIS);
        if (!c.tryUse()) {
            throw new CommandFailedException(CURSOR_IN_USE, "CursorInUse", "Cursor already in use (id: " + id + ").");
        }
        ChangeStreamCursor.Batch b;
        try {
            b = await(c, maxDocs, awaitMillis, op.services().changes().log());
        } catch (RuntimeException e) {
            cursors.remove(c);
            throw e;
        } finally {
            c.release();
        }
        if (b.finished()) {
            cursors.remove(c);
        }
        return ChangeStreamOpener.reply(b.finished() ? 0 : id, c.ns(), "nextBatch", b);
    }

    private static ChangeStreamCursor.Batch await(ChangeStreamCursor c, long maxDocs, long awaitMillis,
                                                  ChangeLog log) {
        long deadline = System.nanoTime() + awaitMillis * 1_000_000L;
        while (true) {
            if (c.killed()) {
                throw new CommandFailedException(CURSOR_KILLED, "CursorKilled", "cursor id " + c.id() + " was killed");
            }
            ChangeStreamCursor.Batch b = c.next(maxDocs, Limits.MAX_BATCH_BYTES);
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if (!b.documents().isEmpty() || b.finished() || remainingMillis <= 0) {
                return b;
            }
            if (log.isClosed()) {
                throw new CommandFailedException(ErrorCode.INTERRUPTED_AT_SHUTDOWN,
                        "The embedded engine is shutting down").withLabel(RESUMABLE_LABEL);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CommandFailedException(ErrorCode.INTERRUPTED, "operation was interrupted");
            }
            log.awaitAfter(c.position(), remainingMillis, c::killed);
        }
    }

    private static void checkOwner(OperationContext op, ChangeStreamCursor c) {
        BsonDocument lsid = op.params().lsid();
        if (c.lsid() != null && lsid == null) {
            throw new CommandFailedException(NO_SESSION, "Location" + NO_SESSION, "Cannot run getMore on cursor "
                    + c.id() + ", which was created in session " + c.lsid().toJson() + ", without an lsid");
        }
        if (c.lsid() != null && !lsid.get("id").equals(c.lsid().get("id"))) {
            throw new CommandFailedException(WRONG_SESSION, "Location" + WRONG_SESSION, "Cannot run getMore on cursor "
                    + c.id() + ", which was created in session " + c.lsid().toJson() + ", in session "
                    + lsid.toJson());
        }
        if (op.inTransaction()) {
            throw new CommandFailedException(WRONG_TRANSACTION, "Location" + WRONG_TRANSACTION,
                    "Cannot run getMore on cursor " + c.id() + ", which was created in no transaction, in transaction "
                            + op.params().txnNumber());
        }
    }
}
