package io.jmongos.engine.storage;

import java.util.ArrayList;
import java.util.List;

import org.rocksdb.AbstractSlice;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * A RocksDB iterator confined to {@code [lower, upper)}, forward or reverse. Bounds are checked here as
 * well as given to RocksDB, so a transaction's own (unbounded) write batch cannot leak keys outside them.
 */
public final class KeyRangeIterator implements AutoCloseable {
    private final RocksIterator it;
    private final ReadOptions options;
    private final List<AbstractSlice<?>> slices = new ArrayList<>();
    private final byte[] lower;
    private final byte[] upper;
    private final boolean reverse;
    private byte[] current;

    KeyRangeIterator(RocksIterator it, ReadOptions options, List<AbstractSlice<?>> slices,
                     byte[] lower, byte[] upper, boolean reverse) {
        this.it = it;
        this.options = options;
        this.slices.addAll(slices);
        this.lower = lower;
        this.upper = upper;
        this.reverse = reverse;
    }

    /** Positions on the first key in scan order. */
    public void seekFirst() {
        if (!reverse) {
            it.seek(lower);
        } else if (upper == null) {
            it.seekToLast();
        } else {
            it.seekForPrev(upper);
            if (it.isValid() && Keys.compare(it.key(), upper) >= 0) {
                it.prev();
            }
        }
        load();
    }

    /** Positions on the first key strictly after {@code key} in scan order. */
    public void seekAfter(byte[] key) {
        if (!reverse) {
            it.seek(key);
            if (it.isValid() && Keys.compare(it.key(), key) == 0) {
                it.next();
            }
        } else {
            it.seekForPrev(key);
            if (it.isValid() && Keys.compare(it.key(), key) == 0) {
                it.prev();
            }
        }
        load();
    }

    public boolean valid() {
        return current != null;
    }

    public byte[] key() {
        return current;
    }

    public byte[] value() {
        return it.value();
    }

    public void next() {
        if (reverse) {
            it.prev();
        } else {
            it.next();
        }
        load();
    }

    private void load() {
        current = null;
        if (it.isValid()) {
            byte[] k = it.key();
            boolean inside = reverse ? Keys.compare(k, lower) >= 0 : upper == null || Keys.compare(k, upper) < 0;
            if (inside) {
                current = k;
            }
        }
    }

    @Override
    public void close() {
        it.close();
        options.close();
        slices.forEach(AbstractSlice::close);
    }
}
