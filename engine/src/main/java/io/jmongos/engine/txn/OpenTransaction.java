package io.jmongos.engine.txn;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.storage.StorageTxn;

/**
 * The storage side of an open multi-statement transaction: its RocksDB transaction (snapshot taken at
 * start), the catalog versions of the collections it wrote (checked at commit), and the cursors it opened
 * (killed when it ends).
 */
public final class OpenTransaction {
    private final StorageTxn storage;
    private final Map<Namespace, Long> written = new HashMap<>();
    private final Set<Long> cursors = new LinkedHashSet<>();
    private final Map<Namespace, CollectionMeta> pending = new java.util.LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();

    OpenTransaction(StorageTxn storage) {
        this.storage = storage;
    }

    public StorageTxn storage() {
        return storage;
    }

    /** Notes that a statement wrote to {@code ns} under catalog version {@code version}. */
    public void wrote(Namespace ns, long version) {
        written.putIfAbsent(ns, version);
    }

    /** After DDL made by this transaction itself: its writes to {@code ns} now match {@code version}. */
    public void rebase(Namespace ns, long version) {
        written.put(ns, version);
    }

    /**
     * A collection created by this transaction (explicitly, implicitly by a write, or with createIndexes):
     * visible only inside it until commit, forgotten on abort.
     */
    public void putPending(CollectionMeta c) {
        pending.put(c.ns(), c);
    }

    /** The collection this transaction created under {@code ns}, or null. */
    public CollectionMeta pending(Namespace ns) {
        return pending.get(ns);
    }

    public Map<Namespace, CollectionMeta> pending() {
        return pending;
    }

    public Map<Namespace, Long> written() {
        return written;
    }

    public void addCursor(long id) {
        cursors.add(id);
    }

    public void removeCursor(long id) {
        cursors.remove(id);
    }

    public Set<Long> cursors() {
        return cursors;
    }

    public long startedNanos() {
        return startedNanos;
    }
}
