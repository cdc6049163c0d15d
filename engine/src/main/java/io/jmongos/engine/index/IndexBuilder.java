package io.jmongos.engine.index;

import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.KeyRangeIterator;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.storage.ReadSnapshot;
import io.jmongos.engine.storage.RocksStore;
import io.jmongos.engine.storage.StorageTxn;
import io.jmongos.engine.write.CollectionWriter;

/**
 * Builds a new index over a collection's existing documents, a chunk of documents per storage transaction,
 * while the caller holds the catalog's exclusive lock (no concurrent writes to the collection). A failure
 * (duplicate key, parallel arrays) deletes the entries written so far.
 */
public final class IndexBuilder {
    /** Documents indexed per storage transaction: bounds the transaction's memory. */
    static final int DOCS_PER_TXN = 1000;

    private IndexBuilder() {
    }

    public static void build(RocksStore store, Catalog catalog, CollectionWriter writer, CollectionMeta c,
                             IndexMeta index) {
        byte[] prefix = c.recordPrefix();
        try (ReadSnapshot snap = store.snapshot();
             KeyRangeIterator it = snap.scan(store.records(), prefix, Keys.successor(prefix), false)) {
            it.seekFirst();
            while (it.valid()) {
                try (StorageTxn txn = store.begin(false)) {
                    for (int n = 0; n < DOCS_PER_TXN && it.valid(); n++) {
                        writer.addToIndex(txn, c, index, BsonBytes.toDocument(it.value()));
                        it.next();
                    }
                    txn.commit();
                }
            }
        } catch (RuntimeException e) {
            catalog.dropIndexData(index);
            throw e;
        }
        store.syncWal();
    }

    /**
     * Indexes the documents a transaction sees (its snapshot and its own writes) inside that transaction, for
     * an index created by the transaction on a collection it created.
     */
    public static void addTransactionDocuments(StorageTxn txn, RocksStore store, CollectionWriter writer,
                                               CollectionMeta c, IndexMeta index) {
        byte[] prefix = c.recordPrefix();
        java.util.List<byte[]> docs = new java.util.ArrayList<>();
        try (KeyRangeIterator it = txn.scan(store.records(), prefix, Keys.successor(prefix), false)) {
            it.seekFirst();
            while (it.valid()) {
                docs.add(it.value());
                it.next();
            }
        }
        for (byte[] d : docs) {
            writer.addToIndex(txn, c, index, BsonBytes.toDocument(d));
        }
    }
}
