package io.jmongos.engine.exec;

import java.util.List;

import io.jmongos.engine.plan.KeyRange;
import io.jmongos.engine.storage.BsonBytes;
import io.jmongos.engine.storage.ReadView;
import io.jmongos.engine.storage.RocksStore;
import org.bson.BsonDocument;

/** Reads documents straight from the record store, in _id order, over one or more _id ranges. */
public final class RecordScan implements DocumentStream {
    private final RangeScan scan;
    private long examined;

    public RecordScan(ReadView view, RocksStore store, List<KeyRange> ranges, boolean reverse) {
        this.scan = new RangeScan(view, store.records(), ranges, reverse);
    }

    @Override
    public BsonDocument next() {
        if (!scan.advance()) {
            return null;
        }
        examined++;
        return BsonBytes.toRaw(scan.value());
    }

    /** The record key of the last document returned. */
    public byte[] lastKey() {
        return scan.key();
    }

    public long examined() {
        return examined;
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
