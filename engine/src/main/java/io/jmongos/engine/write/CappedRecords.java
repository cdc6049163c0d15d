package io.jmongos.engine.write;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.storage.ByteSink;
import io.jmongos.engine.storage.KeyRangeIterator;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.storage.RocksStore;
import io.jmongos.engine.storage.StorageTxn;

/**
 * Insertion order and limits of capped collections, kept under the collection's
 * {@link CollectionMeta#naturalPrefix() natural prefix} in the indexes column family:
 * <ul>
 *   <li>{@code prefix 00}: the state (document count, data bytes, next sequence, oldest live sequence);</li>
 *   <li>{@code prefix 01 + sequence}: the encoded _id of the document inserted with that sequence;</li>
 *   <li>{@code prefix 02 + encoded _id}: that document's sequence and size.</li>
 * </ul>
 * Every write locks the state entry, so the writers of one capped collection run one at a time (MongoDB
 * serializes them too); a concurrent writer gets a write conflict and retries. After an insert, the oldest
 * documents are removed in the same storage transaction until the collection is within {@code size} bytes and
 * {@code max} documents again; the document just inserted always stays.
 */
public final class CappedRecords {
    private static final byte STATE = 0;
    private static final byte ORDER = 1;
    private static final byte BY_ID = 2;
    /** Bytes of the state entry: four longs. */
    private static final int STATE_BYTES = 32;

    /** Removes one document's record and index entries (not its capped bookkeeping). */
    interface Remover {
        void remove(StorageTxn txn, CollectionMeta c, byte[] idEnc);
    }

    private final RocksStore store;

    CappedRecords(RocksStore store) {
        this.store = store;
    }

    /** The key range of a capped collection's insertion-order entries. */
    public static byte[][] orderRange(CollectionMeta c) {
        byte[] start = key(c, ORDER);
        return new byte[][] {start, Keys.successor(start)};
    }

    /** Records an insert, then removes the oldest documents while the collection is over its limits. */
    void inserted(StorageTxn txn, CollectionMeta c, byte[] idEnc, int size, Remover remover) {
        long[] s = readState(txn, c);
        long seq = s[2];
        txn.put(store.indexes(), orderKey(c, seq), idEnc);
        txn.put(store.indexes(), Keys.concat(key(c, BY_ID), idEnc), new ByteSink(16).putLong(seq).putLong(size)
                .toByteArray());
        s[0]++;
        s[1] += size;
        s[2]++;
        if (over(c, s)) {
            trim(txn, c, s, seq, remover);
        }
        writeState(txn, c, s);
    }

    /** Records a new size for an updated document (a capped collection shrinks only on inserts). */
    void resized(StorageTxn txn, CollectionMeta c, byte[] idEnc, int size) {
        long[] s = readState(txn, c);
        byte[] byId = Keys.concat(key(c, BY_ID), idEnc);
        byte[] entry = txn.getForUpdate(store.indexes(), byId);
        if (entry == null) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(entry);
        long seq = b.getLong();
        long old = b.getLong();
        txn.put(store.indexes(), byId, new ByteSink(16).putLong(seq).putLong(size).toByteArray());
        s[1] += size - old;
        writeState(txn, c, s);
    }

    /** Forgets a deleted document. */
    void removed(StorageTxn txn, CollectionMeta c, byte[] idEnc) {
        long[] s = readState(txn, c);
        if (forget(txn, c, idEnc, s)) {
            writeState(txn, c, s);
        }
    }

    private boolean forget(StorageTxn txn, CollectionMeta c, byte[] idEnc, long[] s) {
        byte[] byId = Keys.concat(key(c, BY_ID), idEnc);
        byte[] entry = txn.getForUpdate(store.indexes(), byId);
        if (entry == null) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(entry);
        long seq = b.getLong();
        long size = b.getLong();
        txn.delete(store.indexes(), byId);
        txn.delete(store.indexes(), orderKey(c, seq));
        s[0]--;
        s[1] -= size;
        return true;
    }

    private static boolean over(CollectionMeta c, long[] s) {
        return s[1] > c.cappedSize() || c.cappedMax() > 0 && s[0] > c.cappedMax();
    }

    /** Deletes the oldest documents (never {@code keep}, the one just inserted) until {@code s} is in limits. */
    private void trim(StorageTxn txn, CollectionMeta c, long[] s, long keep, Remover remover) {
        List<byte[]> victims = new ArrayList<>();
        long count = s[0];
        long bytes = s[1];
        long first = s[3];
        try (KeyRangeIterator it = txn.scan(store.indexes(), orderKey(c, s[3]), orderKey(c, keep), false)) {
            it.seekFirst();
            while (it.valid() && (bytes > c.cappedSize() || c.cappedMax() > 0 && count > c.cappedMax())) {
                byte[] idEnc = it.value();
                byte[] entry = txn.get(store.indexes(), Keys.concat(key(c, BY_ID), idEnc));
                victims.add(idEnc);
                count--;
                bytes -= entry == null ? 0 : ByteBuffer.wrap(entry, 8, 8).getLong();
                first = ByteBuffer.wrap(it.key(), it.key().length - 8, 8).getLong() + 1;
                it.next();
            }
        }
        for (byte[] idEnc : victims) {
            remover.remove(txn, c, idEnc);
            forget(txn, c, idEnc, s);
        }
        s[3] = first;
    }

    private long[] readState(StorageTxn txn, CollectionMeta c) {
        byte[] v = txn.getForUpdate(store.indexes(), key(c, STATE));
        if (v == null || v.length != STATE_BYTES) {
            return new long[] {0, 0, 1, 1};
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        return new long[] {b.getLong(), b.getLong(), b.getLong(), b.getLong()};
    }

    private void writeState(StorageTxn txn, CollectionMeta c, long[] s) {
        txn.put(store.indexes(), key(c, STATE), new ByteSink(STATE_BYTES).putLong(s[0]).putLong(s[1]).putLong(s[2])
                .putLong(s[3]).toByteArray());
    }

    private static byte[] key(CollectionMeta c, byte kind) {
        return Keys.concat(c.naturalPrefix(), new byte[] {kind});
    }

    private static byte[] orderKey(CollectionMeta c, long seq) {
        return Keys.concat(key(c, ORDER), Keys.prefix(seq));
    }
}
