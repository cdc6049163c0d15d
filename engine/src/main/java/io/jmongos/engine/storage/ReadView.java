package io.jmongos.engine.storage;

import org.rocksdb.ColumnFamilyHandle;

/** A consistent view of the store: a snapshot, or a transaction (its snapshot plus its own writes). */
public interface ReadView {
    /** The value at {@code key}, or null. */
    byte[] get(ColumnFamilyHandle cf, byte[] key);

    /**
     * An iterator over keys in {@code [lower, upper)} ({@code upper} null = unbounded) in the given direction.
     * Close it before the view ends. Not valid until positioned with {@link KeyRangeIterator#seekFirst()}.
     */
    KeyRangeIterator scan(ColumnFamilyHandle cf, byte[] lower, byte[] upper, boolean reverse);

    /** The RocksDB sequence number of the view's snapshot (indexes built after it are not visible in it). */
    long sequence();
}
