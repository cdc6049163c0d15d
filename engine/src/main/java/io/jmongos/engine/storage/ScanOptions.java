package io.jmongos.engine.storage;

import java.util.ArrayList;
import java.util.List;

import org.rocksdb.AbstractSlice;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/** Builds bounded read options for a scan at a snapshot and wraps the resulting iterator. */
final class ScanOptions {
    private ScanOptions() {
    }

    interface IteratorFactory {
        RocksIterator open(ReadOptions options);
    }

    static KeyRangeIterator open(Snapshot snapshot, byte[] lower, byte[] upper, boolean reverse,
                                 IteratorFactory factory) {
        ReadOptions ro = new ReadOptions();
        List<AbstractSlice<?>> slices = new ArrayList<>();
        ro.setSnapshot(snapshot);
        Slice lo = new Slice(lower);
        slices.add(lo);
        ro.setIterateLowerBound(lo);
        if (upper != null) {
            Slice hi = new Slice(upper);
            slices.add(hi);
            ro.setIterateUpperBound(hi);
        }
        RocksIterator it = factory.open(ro);
        return new KeyRangeIterator(it, ro, slices, lower, upper, reverse);
    }
}
