package io.jmongos.engine.command.crud;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.command.AlreadyRecordedException;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.query.MatchDetails;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.StorageTxn;
import io.jmongos.engine.txn.RetryableWrite;
import io.jmongos.engine.update.UpdateOutcome;
import io.jmongos.engine.update.UpdateSpec;
import io.jmongos.engine.write.CollectionWriter;
import io.jmongos.engine.write.DocumentValidation;
import io.jmongos.engine.write.DocumentValidator;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** Executes one update statement; returns {n, nModified, upserted?} (upserted = the new _id). */
final class UpdateExecutor {
    private UpdateExecutor() {
    }

    static BsonDocument execute(OperationContext op, CollectionMeta c, UpdateStatement s, RetryableWrite rw,
                                int stmtId) {
        if (!s.multi()) {
            return op.writeUnit(c, txn -> record(rw, txn, stmtId, single(op, c, s, txn)));
        }
        long[] modified = {0};
        long matched = DocumentChunks.forEachMatch(op, c, s.query(), s.hint(), id -> {
            Boolean m = op.writeUnit(c, txn -> updateById(op, c, s, txn, id));
            if (m != null && m) {
                modified[0]++;
            }
            return m != null;
        });
        BsonDocument result;
        if (matched == 0 && s.upsert()) {
            result = op.writeUnit(c, txn -> upsert(op, c, s, txn));
        } else {
            result = counts(matched, modified[0]);
        }
        if (rw != null) {
            op.writeUnit(c, txn -> record(rw, txn, stmtId, result));
        }
        return result;
    }

    private static BsonDocument record(RetryableWrite rw, StorageTxn txn, int stmtId, BsonDocument result) {
        if (rw != null && !rw.record(txn, stmtId, result)) {
            throw new AlreadyRecordedException();
        }
        return result;
    }

    private static BsonDocument single(OperationContext op, CollectionMeta c, UpdateStatement s, StorageTxn txn) {
        QuerySupport.Query q = new QuerySupport.Query(s.query(), null, 0, 1, null, s.hint());
        BsonValue id = IdLookup.idOf(q);
        if (id != null) {
            op.services().catalog().usage().usedId(c);
            return singleById(op, c, s, txn, id);
        }
        BsonDocument found;
        QuerySupport.Planned p = QuerySupport.plan(op.services(), txn, c, q, op.deadline(), op.letVariables());
        try (var stream = p.stream()) {
            found = stream.next();
        }
        if (found == null) {
            return s.upsert() ? upsert(op, c, s, txn) : counts(0, 0);
        }
        BsonDocument old = BsonBytes.toDocument(BsonBytes.toBytes(found));
        return counts(1, apply(op, c, s, txn, old) ? 1 : 0);
    }

    /**
     * An update whose filter is {@code _id} equal to a key-comparable value: the document is read by key in
     * {@code txn} (locked for the update, as the multi path does), not through a planned scan (the IDHACK of
     * updates).
     */
    private static BsonDocument singleById(OperationContext op, CollectionMeta c, UpdateStatement s, StorageTxn txn,
                                           BsonValue id) {
        Boolean modified = updateById(op, c, s, txn, id);
        if (modified == null) {
            return s.upsert() ? upsert(op, c, s, txn) : counts(0, 0);
        }
        return counts(1, modified ? 1 : 0);
    }

    /** Re-reads a document by _id in {@code txn}; null if gone or no longer matching, else whether modified. */
    private static Boolean updateById(OperationContext op, CollectionMeta c, UpdateStatement s, StorageTxn txn,
                                      BsonValue id) {
        byte[] bytes = txn.getForUpdate(op.services().store().records(), CollectionWriter.recordKey(c, id));
        if (bytes == null) {
            return null;
        }
        BsonDocument old = BsonBytes.toDocument(bytes);
        if (!s.matcher().matches(old)) {
            return null;
        }
        return apply(op, c, s, txn, old);
    }

    private static boolean apply(OperationContext op, CollectionMeta c, UpdateStatement s, StorageTxn txn,
                                 BsonDocument old) {
        MatchDetails details = new MatchDetails();
        s.matcher().matches(old, details);
        UpdateOutcome out = s.update().apply(old, details, false);
        if (!out.modified()) {
            return false;
        }
        BsonDocument updated = UpdatedDocument.withId(old, out.document());
        byte[] bytes = DocumentValidator.bytesForUpdate(updated);
        DocumentValidation.check(c, updated, old, bypass(op));
        op.services().writer().update(txn, c, old, updated, bytes, s.update().isReplacement());
        return true;
    }

    private static BsonDocument upsert(OperationContext op, CollectionMeta c, UpdateStatement s, StorageTxn txn) {
        BsonDocument seed = UpdateSpec.upsertSeed(s.query());
        UpdateOutcome out = s.update().apply(seed, null, true);
        BsonDocument doc = DocumentValidator.forInsert(UpdatedDocument.withId(seed, out.document()));
        byte[] bytes = DocumentValidator.bytesForInsert(doc);
        DocumentValidation.check(c, doc, null, bypass(op));
        op.services().writer().insert(txn, c, doc, bytes);
        return counts(1, 0).append("upserted", doc.get("_id"));
    }

    static boolean bypass(OperationContext op) {
        return io.jmongos.engine.command.CommandArgs.bool(op.command(), "bypassDocumentValidation", false);
    }

    private static BsonDocument counts(long n, long modified) {
        return new BsonDocument("n", new BsonInt32((int) n)).append("nModified", new BsonInt32((int) modified));
    }
}
