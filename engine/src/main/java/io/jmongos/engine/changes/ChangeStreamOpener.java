package io.jmongos.engine.changes;

import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.CursorReplies;
import io.jmongos.engine.command.EngineServices;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.crud.Collation;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.ReadSnapshot;
import io.jmongos.engine.write.CollectionWriter;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code aggregate} whose pipeline starts with {@code $changeStream}: checks where the stream may run (MongoDB's
 * rules), finds its starting point in the change log (now, a resume token, or an operation time; 286 when the
 * log no longer reaches back that far), and opens a tailable, awaitData cursor with its first batch.
 */
final class ChangeStreamOpener {
    /** ErrorCodes::CommandNotSupportedOnView. */
    static final int COMMAND_NOT_SUPPORTED_ON_VIEW = 166;

    private ChangeStreamOpener() {
    }

    /** True when the aggregate's first stage is $changeStream. */
    static boolean applies(BsonDocument cmd) {
        BsonValue p = cmd.get("pipeline");
        if (p == null || !p.isArray() || p.asArray().isEmpty() || !p.asArray().get(0).isDocument()) {
            return false;
        }
        BsonDocument first = p.asArray().get(0).asDocument();
        return !first.isEmpty() && first.getFirstKey().equals("$changeStream");
    }

    static BsonDocument open(OperationContext op) {
        BsonDocument cmd = op.command();
        String db = op.db();
        String coll = collection(cmd);
        if (op.inTransaction()) {
            throw new CommandFailedException(ErrorCode.OPERATION_NOT_SUPPORTED_IN_TRANSACTION,
                    "Cannot run aggregate with a $changeStream stage in a multi-document transaction.");
        }
        if (CommandArgs.bool(cmd, "explain", false)) {
            throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED,
                    "explain of a $changeStream aggregate is not supported by jmongos");
        }
        BsonDocument cursorOptions = CommandArgs.document(cmd, "cursor", null);
        if (cursorOptions == null) {
            throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE,
                    "The 'cursor' option is required, except for aggregate with the explain argument");
        }
        Collation.refuse(cmd);
        List<BsonValue> stages = cmd.getArray("pipeline").getValues();
        ChangeStreamSpec spec = ChangeStreamSpec.parse(stages.get(0).asDocument().get("$changeStream"));
        String ns = coll == null ? db + ".$cmd.aggregate" : Namespace.of(db, coll).full();
        ChangeStreamScope scope = scope(db, coll, ns, spec, op.services());
        ChangeStreamPipeline tail = ChangeStreamPipeline.compile(stages.subList(1, stages.size()), db,
                CommandArgs.document(cmd, "let", null));
        EngineServices services = op.services();
        ChangeStreams changes = services.changes();
        ChangeLog log = changes.log();
        ChangeLog.Entry invalidateAfter = null;
        long position;
        ResumeToken token = spec.token();
        if (token != null) {
            position = token.time();
            if (position < log.lostThrough()) {
                throw ChangeStreamCursor.historyLost();
            }
            if (token.type() == ResumeToken.Type.EVENT) {
                ChangeRecord r = log.at(position);
                if (r == null && position <= log.visibleTime()) {
                    throw new CommandFailedException(ChangeStreamPipeline.FATAL, "ChangeStreamFatalError",
                            "cannot resume stream; the resume token was not found. " + token.toBson().toJson());
                }
                if (r != null && scope.invalidatedBy(r)) {
                    invalidateAfter = new ChangeLog.Entry(position, r);
                }
            }
        } else if (spec.startAtOperationTime() != null) {
            position = spec.startAtOperationTime().getValue() - 1;
            if (position < log.lostThrough()) {
                throw ChangeStreamCursor.historyLost();
            }
        } else {
            position = log.visibleTime();
        }
        long id = changes.cursors().newId(x -> services.cursors().find(x) != null);
        ChangeEvents events = new ChangeEvents(spec.fullDocument(), spec.fullDocumentBefore(),
                r -> lookup(services, r));
        ChangeStreamCursor cursor = new ChangeStreamCursor(id, ns, scope, tail, events, log, op.params().lsid(),
                position, invalidateAfter);
        long batchSize = CursorReplies.firstBatchSize(cmd, cursorOptions);
        ChangeStreamCursor.Batch b = cursor.next(batchSize, Limits.MAX_BATCH_BYTES);
        if (!b.finished()) {
            changes.cursors().add(cursor);
        }
        return reply(b.finished() ? 0 : id, ns, "firstBatch", b);
    }

    /** {@code {cursor: {<batchField>, postBatchResumeToken, id, ns}, ok: 1}}. */
    static BsonDocument reply(long id, String ns, String batchField, ChangeStreamCursor.Batch b) {
        BsonDocument cursor = new BsonDocument(batchField, b.documents())
                .append("postBatchResumeToken", b.postBatchResumeToken())
                .append("id", new BsonInt64(id)).append("ns", new BsonString(ns));
        return new BsonDocument("cursor", cursor).append("ok", new BsonDouble(1));
    }

    private static String collection(BsonDocument cmd) {
        BsonValue target = cmd.get("aggregate");
        if (target.isString()) {
            return target.asString().getValue();
        }
        if (target.isNumber() && target.asNumber().doubleValue() == 1) {
            return null;
        }
        throw new CommandFailedException(ErrorCode.FAILED_TO_PARSE, "Invalid input namespace, " + target);
    }

    private static ChangeStreamScope scope(String db, String coll, String ns, ChangeStreamSpec spec,
                                           EngineServices services) {
        if (spec.allChangesForCluster()) {
            if (!db.equals("admin") || coll != null) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "A $changeStream with "
                        + "'allChangesForCluster:true' may only be opened on the 'admin' database, and with no "
                        + "collection name; found " + ns);
            }
            return ChangeStreamScope.cluster();
        }
        if (ChangeStreamScope.INTERNAL_DATABASES.contains(db)) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE,
                    "$changeStream may not be opened on the internal " + db + " database");
        }
        if (coll != null && services.catalog().view(new Namespace(db, coll)) != null) {
            throw new CommandFailedException(COMMAND_NOT_SUPPORTED_ON_VIEW, "CommandNotSupportedOnView",
                    "Namespace " + ns + " is a view, not a collection");
        }
        if (coll != null && coll.startsWith("system.")) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE,
                    "$changeStream may not be opened on the internal " + ns + " collection");
        }
        return new ChangeStreamScope(db, coll);
    }

    /** The document's current version for updateLookup: null if it or its collection (same uuid) is gone. */
    private static BsonDocument lookup(EngineServices services, ChangeRecord r) {
        CollectionMeta c = services.catalog().get(new Namespace(r.db(), r.collection()));
        if (c == null || !c.uuid().equals(r.collectionUuid())) {
            return null;
        }
        BsonValue id = BsonBytes.toDocument(r.documentKey()).get("_id");
        try (ReadSnapshot s = services.store().snapshot()) {
            byte[] bytes = s.get(services.store().records(), CollectionWriter.recordKey(c, id));
            return bytes == null ? null : BsonBytes.toDocument(bytes);
        }
    }
}
