package io.jmongos.engine.command.diag;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.storage.KeyRangeIterator;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.storage.ReadSnapshot;
import io.jmongos.engine.storage.RocksStore;

/** Document counts and byte sizes of a collection, for dbStats and collStats (counted by a key scan). */
record CollectionSizes(long count, long dataSize, long storageSize, long indexSize) {
    static CollectionSizes of(RocksStore store, CollectionMeta c) {
        long count = 0;
        long data = 0;
        byte[] prefix = c.recordPrefix();
        try (ReadSnapshot snap = store.snapshot();
             KeyRangeIterator it = snap.scan(store.records(), prefix, Keys.successor(prefix), false)) {
            it.seekFirst();
            while (it.valid()) {
                count++;
                data += it.value().length;
                it.next();
            }
        }
        long storage = store.approximateSize(store.records(), prefix, Keys.successor(prefix));
        long index = 0;
        for (IndexMeta i : c.indexes()) {
            index += indexSize(store, i);
        }
        return new CollectionSizes(count, data, storage, index);
    }

    static long indexSize(RocksStore store, IndexMeta i) {
        return store.approximateSize(store.indexes(), i.prefix(), Keys.successor(i.prefix()));
    }
}
