package io.jmongos.engine.changes;

import java.util.UUID;

/**
 * One committed change as the log keeps it: immutable, with documents held as BSON bytes (never as mutable
 * {@code BsonDocument}s the writer might still touch). What a change event needs that depends on the reader
 * (the resume token, the current document for {@code updateLookup}) is computed when the event is read.
 *
 * @param kind              what happened
 * @param db                the database
 * @param collection        the collection; null for {@code dropDatabase}
 * @param collectionUuid    the collection's uuid at the time of the write (checked by {@code updateLookup}); or null
 * @param documentKey       {@code {_id}} as BSON, for document changes; else null
 * @param postImage         the document after the change: always for insert and replace, for updates only when
 *                          the collection records images ({@code changeStreamPreAndPostImages}); else null
 * @param preImage          the document before an update, replace or delete when the collection records images;
 *                          else null
 * @param updateDescription {@code {updatedFields, removedFields, truncatedArrays}} as BSON for updates; else null
 * @param wallMillis        wall-clock time of the write (of the commit, for a multi-document transaction)
 * @param txn               the multi-document transaction the change committed with, or null
 */
public record ChangeRecord(ChangeKind kind, String db, String collection, UUID collectionUuid, byte[] documentKey,
                           byte[] postImage, byte[] preImage, byte[] updateDescription, long wallMillis,
                           Transaction txn) {
    /** A multi-document transaction: its {@code lsid} (as BSON) and {@code txnNumber}, shown on its events. */
    public record Transaction(byte[] lsid, long txnNumber) {
    }

    /** Rough per-record overhead in bytes (object headers, references, the log's map entry). */
    static final int OVERHEAD_BYTES = 128;

    /** The same change, part of transaction {@code t} that commits at {@code commitMillis}. */
    public ChangeRecord inTransaction(Transaction t, long commitMillis) {
        return new ChangeRecord(kind, db, collection, collectionUuid, documentKey, postImage, preImage,
                updateDescription, commitMillis, t);
    }

    /** The bytes this record holds on the heap (approximately), for the log's byte bound. */
    public long approxBytes() {
        return OVERHEAD_BYTES + len(documentKey) + len(postImage) + len(preImage) + len(updateDescription)
                + (txn == null ? 0 : len(txn.lsid()))
                + (db == null ? 0 : db.length() * 2L) + (collection == null ? 0 : collection.length() * 2L);
    }

    private static long len(byte[] b) {
        return b == null ? 0 : b.length;
    }
}
