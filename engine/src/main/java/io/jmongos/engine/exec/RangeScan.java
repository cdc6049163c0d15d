package io.jmongos.engine.exec;

import java.util.List;

import io.jmongos.engine.plan.KeyRange;
import io.jmongos.engine.storage.KeyRangeIterator;
import io.jmongos.engine.storage.ReadView;
import org.rocksdb.ColumnFamilyHandle;

/**
 * Walks a list of key ranges of one column family in order (or reverse order), one RocksDB iterator at a
 * time, and can release the iterator between pulls and resume after the last key returned.
 */
final class RangeScan implements AutoCloseable {
    private final ReadView view;
    private final ColumnFamilyHandle cf;
    private final List<KeyRange> ranges;
    private final boolean reverse;
    private int rangeIndex;
    private KeyRangeIterator it;
    private byte[] lastKey;
    private boolean done;

    RangeScan(ReadView view, ColumnFamilyHandle cf, List<KeyRange> ranges, boolean reverse) {
        this.view = view;
        this.cf = cf;
        this.ranges = ranges;
        this.reverse = reverse;
    }

    /** Advances to the next entry; false at the end. Then {@link #key()} and {@link #value()} are valid. */
    boolean advance() {
        while (!done) {
            if (it == null) {
                if (rangeIndex >= ranges.size()) {
                    done = true;
                    return false;
                }
                KeyRange r = ranges.get(reverse ? ranges.size() - 1 - rangeIndex : rangeIndex);
                it = view.scan(cf, r.lower(), r.upper(), reverse);
                if (lastKey != null && inRange(r, lastKey)) {
                    it.seekAfter(lastKey);
                } else {
                    it.seekFirst();
                }
            } else if (lastKey != null) {
                it.next();
            }
            if (it.valid()) {
                lastKey = it.key();
                return true;
            }
            it.close();
            it = null;
            rangeIndex++;
            lastKey = null;
        }
        return false;
    }

    private static boolean inRange(KeyRange r, byte[] key) {
        return io.jmongos.engine.storage.Keys.compare(key, r.lower()) >= 0
                && (r.upper() == null || io.jmongos.engine.storage.Keys.compare(key, r.upper()) < 0);
    }

    byte[] key() {
        return lastKey;
    }

    byte[] value() {
        return it.value();
    }

    /** Releases the iterator; the next {@link #advance()} re-seeks after the last key. */
    void suspend() {
        if (it != null) {
            it.close();
            it = null;
        }
    }

    @Override
    public void close() {
        suspend();
        done = true;
    }
}
