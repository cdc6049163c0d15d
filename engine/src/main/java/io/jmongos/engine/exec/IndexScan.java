package io.jmongos.engine.exec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.plan.KeyRange;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.storage.ReadView;
import io.jmongos.engine.storage.RocksStore;
import org.bson.BsonDocument;

/**
 * Reads index entries over key ranges and fetches each entry's document from the record store (the
 * entry's value is the encoded _id). A multikey index may list a document several times: those scans
 * remember the ids already returned.
 */
public final class IndexScan implements DocumentStream {
    private final RangeScan scan;
    private final ReadView view;
    private final RocksStore store;
    private final byte[] recordPrefix;
    private final Set<String> seen;
    private long keysExamined;
    private byte[] lastRecordKey;

    public IndexScan(ReadView view, RocksStore store, CollectionMeta c, List<KeyRange> ranges, boolean reverse,
                     boolean dedupe) {
        this.scan = new RangeScan(view, store.indexes(), ranges, reverse);
        this.view = view;
        this.store = store;
        this.recordPrefix = c.recordPrefix();
        this.seen = dedupe ? new HashSet<>() : null;
    }

    @Override
    public BsonDocument next() {
        while (scan.advance()) {
            keysExamined++;
            byte[] idEnc = scan.value();
            if (seen != null && !seen.add(java.util.HexFormat.of().formatHex(idEnc))) {
                continue;
            }
            byte[] recordKey = Keys.concat(recordPrefix, idEnc);
            byte[] bson = view.get(store.records(), recordKey);
            if (bson != null) {
                lastRecordKey = recordKey;
                return BsonBytes.toRaw(bson);
            }
        }
        return null;
    }

    /** The record key of the last document returned. */
    public byte[] lastKey() {
        return lastRecordKey;
    }

    public long keysExamined() {
        return keysExamined;
    }

    @Override
    public void suspend() {
        scan.suspend();
    }

    @Override
    public void close() {
        scan.close();
    }
}
