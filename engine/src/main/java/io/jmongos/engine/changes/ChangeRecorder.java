package io.jmongos.engine.changes;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.StorageTxn;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Turns the writer's document writes and the DDL commands' drops into change records: document changes ride on
 * their storage transaction until it commits; drops are appended once done. Images before and after an update,
 * replace or delete are kept only for collections created or modified with
 * {@code changeStreamPreAndPostImages: {enabled: true}}, as MongoDB records them.
 */
public final class ChangeRecorder {
    private final ChangeLog log;

    public ChangeRecorder(ChangeLog log) {
        this.log = log;
    }

    public ChangeLog log() {
        return log;
    }

    /** An inserted document ({@code bson} is its stored form, not modified afterwards). */
    public void inserted(StorageTxn txn, CollectionMeta c, BsonValue id, byte[] bson) {
        add(txn, document(ChangeKind.INSERT, c, id, bson, null, null));
    }

    /** A document changed by an update ({@code replacement}: a replacement document rather than operators). */
    public void updated(StorageTxn txn, CollectionMeta c, BsonDocument before, BsonDocument after, byte[] bson,
                        boolean replacement) {
        BsonValue id = after.get("_id");
        boolean images = imagesEnabled(c);
        byte[] pre = images ? BsonBytes.toBytes(before) : null;
        if (replacement) {
            add(txn, document(ChangeKind.REPLACE, c, id, bson, pre, null));
        } else {
            byte[] description = BsonBytes.toBytes(UpdateDiff.describe(before, after));
            add(txn, document(ChangeKind.UPDATE, c, id, images ? bson : null, pre, description));
        }
    }

    /** A deleted document (as it was before the delete). */
    public void deleted(StorageTxn txn, CollectionMeta c, BsonDocument doc) {
        byte[] pre = imagesEnabled(c) ? BsonBytes.toBytes(doc) : null;
        add(txn, document(ChangeKind.DELETE, c, doc.get("_id"), null, pre, null));
    }

    /** A dropped collection. */
    public void dropped(CollectionMeta c) {
        log.append(List.of(new ChangeRecord(ChangeKind.DROP, c.ns().db(), c.ns().collection(), c.uuid(), null, null,
                null, null, System.currentTimeMillis(), null)));
    }

    /** A dropped database: a drop for each of its collections, then the dropDatabase itself. */
    public void droppedDatabase(String db, List<CollectionMeta> collections) {
        long now = System.currentTimeMillis();
        List<ChangeRecord> records = new ArrayList<>();
        for (CollectionMeta c : collections) {
            records.add(new ChangeRecord(ChangeKind.DROP, db, c.ns().collection(), c.uuid(), null, null, null, null,
                    now, null));
        }
        records.add(new ChangeRecord(ChangeKind.DROP_DATABASE, db, null, null, null, null, null, null, now, null));
        log.append(records);
    }

    /**
     * Marks the changes of {@code txn} (a multi-document transaction's storage transaction, about to commit) as
     * part of transaction {@code txnNumber} of session {@code lsid}: their events carry both, as MongoDB's do.
     */
    public static void committingTransaction(StorageTxn txn, BsonDocument lsid, long txnNumber) {
        if (txn.hook() instanceof PendingChanges p) {
            p.transaction(new ChangeRecord.Transaction(BsonBytes.toBytes(lsid), txnNumber));
        }
    }

    private void add(StorageTxn txn, ChangeRecord r) {
        PendingChanges.of(txn, log).add(r);
    }

    private static ChangeRecord document(ChangeKind kind, CollectionMeta c, BsonValue id, byte[] post, byte[] pre,
                                         byte[] description) {
        byte[] key = BsonBytes.toBytes(new BsonDocument("_id", id));
        return new ChangeRecord(kind, c.ns().db(), c.ns().collection(), c.uuid(), key, post, pre, description,
                System.currentTimeMillis(), null);
    }

    /** The collection option {@code changeStreamPreAndPostImages: {enabled: true}}. */
    static boolean imagesEnabled(CollectionMeta c) {
        return ChangeStreamImagesOption.enabled(c.options());
    }
}
