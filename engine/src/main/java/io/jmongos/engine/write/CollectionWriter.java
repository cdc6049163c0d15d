package io.jmongos.engine.write;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.changes.ChangeLog;
import io.jmongos.engine.changes.ChangeRecorder;
import io.jmongos.engine.index.IndexKey;
import io.jmongos.engine.index.IndexKeyGenerator;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.KeyEncoder;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.storage.RocksStore;
import io.jmongos.engine.storage.StorageTxn;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * Writes documents and their index entries in one storage transaction. Records live at
 * {@code collection prefix + encoded _id}; a unique index entry at {@code index prefix + key} (value: the
 * encoded _id), other entries at {@code index prefix + key + encoded _id}. Unique entries are read with
 * {@code getForUpdate}, so two transactions inserting the same key conflict instead of both succeeding.
 */
public final class CollectionWriter {
    private static final BsonDocument ID_KEY_PATTERN = new BsonDocument("_id", new BsonInt32(1));

    private final RocksStore store;
    private final Catalog catalog;
    private final ChangeRecorder changes;
    private final CappedRecords capped;

    public CollectionWriter(RocksStore store, Catalog catalog) {
        this(store, catalog, new ChangeRecorder(new ChangeLog()));
    }

    /** A writer that also records every document change in {@code changes} (committed with its transaction). */
    public CollectionWriter(RocksStore store, Catalog catalog, ChangeRecorder changes) {
        this.store = store;
        this.catalog = catalog;
        this.changes = changes;
        this.capped = new CappedRecords(store);
    }

    /** The record key of a document with this _id. */
    public static byte[] recordKey(CollectionMeta c, BsonValue id) {
        return Keys.concat(c.recordPrefix(), KeyEncoder.encode(id));
    }

    /** Inserts a validated document (_id first); DuplicateKey if the _id or a unique key exists. */
    public void insert(StorageTxn txn, CollectionMeta c, BsonDocument doc, byte[] bson) {
        BsonValue id = doc.get("_id");
        byte[] idEnc = KeyEncoder.encode(id);
        byte[] key = Keys.concat(c.recordPrefix(), idEnc);
        if (txn.getForUpdate(store.records(), key) != null) {
            throw DuplicateKey.error(c.ns(), CollectionMeta.ID_INDEX_NAME, ID_KEY_PATTERN,
                    new BsonDocument("_id", id));
        }
        for (IndexMeta index : c.indexes()) {
            for (IndexKey k : keysOf(c, index, doc)) {
                addEntry(txn, c, index, k, idEnc);
            }
        }
        txn.put(store.records(), key, bson);
        changes.inserted(txn, c, id, bson);
        if (c.capped()) {
            capped.inserted(txn, c, idEnc, bson.length, this::removeById);
        }
    }

    /** Replaces {@code before} (as read in this transaction) by {@code after}; same _id. */
    public void update(StorageTxn txn, CollectionMeta c, BsonDocument before, BsonDocument after, byte[] bson) {
        update(txn, c, before, after, bson, false);
    }

    /** As {@link #update}; {@code replacement}: a replacement document (a "replace" change, not an "update"). */
    public void update(StorageTxn txn, CollectionMeta c, BsonDocument before, BsonDocument after, byte[] bson,
                       boolean replacement) {
        byte[] idEnc = KeyEncoder.encode(after.get("_id"));
        for (IndexMeta index : c.indexes()) {
            Map<String, IndexKey> old = byHex(IndexKeyGenerator.generate(index, before).keys());
            Map<String, IndexKey> now = byHex(keysOf(c, index, after));
            for (Map.Entry<String, IndexKey> e : old.entrySet()) {
                if (!now.containsKey(e.getKey())) {
                    txn.delete(store.indexes(), entryKey(index, e.getValue(), idEnc));
                }
            }
            for (Map.Entry<String, IndexKey> e : now.entrySet()) {
                if (!old.containsKey(e.getKey())) {
                    addEntry(txn, c, index, e.getValue(), idEnc);
                }
            }
        }
        txn.put(store.records(), Keys.concat(c.recordPrefix(), idEnc), bson);
        changes.updated(txn, c, before, after, bson, replacement);
        if (c.capped()) {
            capped.resized(txn, c, idEnc, bson.length);
        }
    }

    /** Deletes a document (as read in this transaction) and its index entries. */
    public void delete(StorageTxn txn, CollectionMeta c, BsonDocument doc) {
        byte[] idEnc = KeyEncoder.encode(doc.get("_id"));
        removeEntries(txn, c, doc, idEnc);
        changes.deleted(txn, c, doc);
        if (c.capped()) {
            capped.removed(txn, c, idEnc);
        }
    }

    /** A capped collection's oldest document goes: its record and index entries (a delete change event). */
    private void removeById(StorageTxn txn, CollectionMeta c, byte[] idEnc) {
        byte[] bson = txn.getForUpdate(store.records(), Keys.concat(c.recordPrefix(), idEnc));
        if (bson != null) {
            BsonDocument doc = BsonBytes.toDocument(bson);
            removeEntries(txn, c, doc, idEnc);
            changes.deleted(txn, c, doc);
        }
    }

    private void removeEntries(StorageTxn txn, CollectionMeta c, BsonDocument doc, byte[] idEnc) {
        for (IndexMeta index : c.indexes()) {
            for (IndexKey k : IndexKeyGenerator.generate(index, doc).keys()) {
                txn.delete(store.indexes(), entryKey(index, k, idEnc));
            }
        }
        txn.delete(store.records(), Keys.concat(c.recordPrefix(), idEnc));
    }

    /** Adds the entries of one document to an index being built. */
    public void addToIndex(StorageTxn txn, CollectionMeta c, IndexMeta index, BsonDocument doc) {
        byte[] idEnc = KeyEncoder.encode(doc.get("_id"));
        for (IndexKey k : keysOf(c, index, doc)) {
            addEntry(txn, c, index, k, idEnc);
        }
    }

    private List<IndexKey> keysOf(CollectionMeta c, IndexMeta index, BsonDocument doc) {
        IndexKeyGenerator.Result r = IndexKeyGenerator.generate(index, doc);
        if (r.multikey() && !index.multikey()) {
            catalog.markMultikey(c.ns(), index);
        }
        return r.keys();
    }

    private void addEntry(StorageTxn txn, CollectionMeta c, IndexMeta index, IndexKey k, byte[] idEnc) {
        byte[] key = entryKey(index, k, idEnc);
        if (index.unique()) {
            byte[] existing = txn.getForUpdate(store.indexes(), key);
            if (existing != null && !Arrays.equals(existing, idEnc)) {
                throw DuplicateKey.error(c.ns(), index.name(), index.keyPattern(), k.keyValue(index));
            }
        }
        txn.put(store.indexes(), key, idEnc);
    }

    /** The storage key of one index entry. */
    public static byte[] entryKey(IndexMeta index, IndexKey k, byte[] idEnc) {
        byte[] base = Keys.concat(index.prefix(), k.encoded());
        return index.unique() ? base : Keys.concat(base, idEnc);
    }

    private static Map<String, IndexKey> byHex(List<IndexKey> keys) {
        Map<String, IndexKey> out = new HashMap<>();
        for (IndexKey k : keys) {
            out.put(java.util.HexFormat.of().formatHex(k.encoded()), k);
        }
        return out;
    }
}
