package io.jmongos.engine.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.jmongos.engine.storage.ByteSink;
import io.jmongos.engine.storage.KeyRangeIterator;
import io.jmongos.engine.storage.Keys;
import io.jmongos.engine.storage.ReadSnapshot;
import io.jmongos.engine.storage.RocksStore;
import org.bson.BsonDocument;

/**
 * The collection catalog, persisted in the store's catalog column family and cached in memory.
 *
 * <p>Locking: data operations hold the {@link #shared()} lock while they read the catalog and write
 * documents; DDL (create, drop, index builds) holds the {@link #exclusive()} lock, so a non-transactional
 * write never straddles a catalog change. Multi-statement transactions re-check collection versions at
 * commit instead.
 */
public final class Catalog {
    private final RocksStore store;
    private final ConcurrentHashMap<Namespace, CollectionMeta> collections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Namespace, ViewMeta> views = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ConcurrentHashMap<Namespace, Object> pendingOwners = new ConcurrentHashMap<>();
    private final IndexUsage usage = new IndexUsage();
    private long nextId;

    public Catalog(RocksStore store) {
        this.store = store;
        load();
    }

    private void load() {
        byte[] from = CatalogCodec.COLLECTION_KEY_PREFIX.getBytes(StandardCharsets.UTF_8);
        try (ReadSnapshot snap = store.snapshot();
             KeyRangeIterator it = snap.scan(store.catalog(), from, Keys.successor(from), false)) {
            it.seekFirst();
            while (it.valid()) {
                CollectionMeta c = CatalogCodec.decode(it.value());
                collections.put(c.ns(), c);
                it.next();
            }
            byte[] viewFrom = CatalogCodec.VIEW_KEY_PREFIX.getBytes(StandardCharsets.UTF_8);
            try (KeyRangeIterator views = snap.scan(store.catalog(), viewFrom, Keys.successor(viewFrom), false)) {
                views.seekFirst();
                while (views.valid()) {
                    ViewMeta v = CatalogCodec.decodeView(views.value());
                    this.views.put(v.ns(), v);
                    views.next();
                }
            }
            byte[] next = snap.get(store.catalog(), CatalogCodec.NEXT_ID_KEY);
            nextId = next == null ? 1 : java.nio.ByteBuffer.wrap(next).getLong();
        }
    }

    /** Query uses of each index since startup ($indexStats). */
    public IndexUsage usage() {
        return usage;
    }

    /** Holds the shared (data operation) lock until closed. */
    public Held shared() {
        lock.readLock().lock();
        return () -> lock.readLock().unlock();
    }

    /** Holds the exclusive (DDL) lock until closed. */
    public Held exclusive() {
        lock.writeLock().lock();
        return () -> lock.writeLock().unlock();
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public CollectionMeta get(Namespace ns) {
        return collections.get(ns);
    }

    /** Collections of one database, by name. */
    public List<CollectionMeta> list(String db) {
        List<CollectionMeta> out = new ArrayList<>();
        for (CollectionMeta c : collections.values()) {
            if (c.ns().db().equals(db)) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(c -> c.ns().collection()));
        return out;
    }

    public List<CollectionMeta> all() {
        return new ArrayList<>(collections.values());
    }

    /** Names of databases that hold at least one collection or view. */
    public Set<String> databases() {
        Set<String> out = new TreeSet<>();
        collections.keySet().forEach(ns -> out.add(ns.db()));
        views.keySet().forEach(ns -> out.add(ns.db()));
        return out;
    }

    /** The view named {@code ns}, or null. */
    public ViewMeta view(Namespace ns) {
        return views.get(ns);
    }

    /** Views of one database, by name. */
    public List<ViewMeta> views(String db) {
        List<ViewMeta> out = new ArrayList<>();
        for (ViewMeta v : views.values()) {
            if (v.ns().db().equals(db)) {
                out.add(v);
            }
        }
        out.sort(Comparator.comparing(v -> v.ns().collection()));
        return out;
    }

    /** Persists and publishes a view. Caller holds the exclusive lock and checked the name is free. */
    public void putView(ViewMeta v) {
        store.put(store.catalog(), CatalogCodec.viewKey(v.ns()), CatalogCodec.encodeView(v), true);
        views.put(v.ns(), v);
    }

    /** Removes a view. Caller holds the exclusive lock. */
    public void dropView(ViewMeta v) {
        store.delete(store.catalog(), CatalogCodec.viewKey(v.ns()), true);
        views.remove(v.ns());
    }

    /** Allocates a fresh storage prefix id (never reused, persisted). Caller holds the exclusive lock. */
    public synchronized long allocateId() {
        long id = nextId++;
        store.put(store.catalog(), CatalogCodec.NEXT_ID_KEY, new ByteSink(8).putLong(nextId).toByteArray(), true);
        return id;
    }

    /** A new collection entry with a fresh storage prefix, not published (a transaction's pending create). */
    public CollectionMeta newCollection(Namespace ns, BsonDocument options) {
        return new CollectionMeta(ns, UUID.randomUUID(), allocateId(), options, List.of(), 1);
    }

    /**
     * Reserves {@code ns} for a transaction's pending creation; false when another transaction holds it
     * (the caller reports a write conflict, as two transactions creating one collection conflict in MongoDB).
     */
    public boolean reservePending(Namespace ns, Object owner) {
        Object current = pendingOwners.putIfAbsent(ns, owner);
        return current == null || current == owner;
    }

    /** Releases a reservation made by {@link #reservePending}. */
    public void releasePending(Namespace ns, Object owner) {
        pendingOwners.remove(ns, owner);
    }

    /** Writes a collection's catalog entry inside a storage transaction (committed with its documents). */
    public void writeEntry(io.jmongos.engine.storage.StorageTxn txn, CollectionMeta c) {
        txn.put(store.catalog(), CatalogCodec.key(c.ns()), CatalogCodec.encode(c));
    }

    /** Makes an entry already committed to storage (by {@link #writeEntry}) visible. */
    public void publishCommitted(CollectionMeta c) {
        collections.put(c.ns(), c);
    }

    /** Creates a collection. Caller holds the exclusive lock and checked it does not exist. */
    public CollectionMeta create(Namespace ns, BsonDocument options) {
        CollectionMeta c = new CollectionMeta(ns, UUID.randomUUID(), allocateId(), options, List.of(), 1);
        publish(c);
        return c;
    }

    /** Persists and publishes a new version of an entry. Caller holds the exclusive lock. */
    public void publish(CollectionMeta c) {
        store.put(store.catalog(), CatalogCodec.key(c.ns()), CatalogCodec.encode(c), true);
        collections.put(c.ns(), c);
    }

    /**
     * Moves a collection's entry to {@code to} in one storage transaction (records and indexes stay under their
     * prefixes, so nothing is copied). Caller holds the exclusive lock and checked {@code to} is free.
     */
    public CollectionMeta rename(CollectionMeta c, Namespace to, UUID uuid) {
        CollectionMeta moved = new CollectionMeta(to, uuid, c.id(), c.options(), c.indexes(), c.version() + 1);
        try (io.jmongos.engine.storage.StorageTxn txn = store.begin(true)) {
            txn.delete(store.catalog(), CatalogCodec.key(c.ns()));
            txn.put(store.catalog(), CatalogCodec.key(to), CatalogCodec.encode(moved));
            txn.commit();
        }
        collections.remove(c.ns());
        collections.put(to, moved);
        return moved;
    }

    /** Removes a collection and deletes its records and index entries. Caller holds the exclusive lock. */
    public void drop(CollectionMeta c) {
        store.delete(store.catalog(), CatalogCodec.key(c.ns()), true);
        collections.remove(c.ns());
        deleteData(c);
    }

    /** Deletes a collection version's records and index entries (its catalog entry stays as it is). */
    public void deleteData(CollectionMeta c) {
        store.deleteRange(store.records(), c.recordPrefix(), Keys.successor(c.recordPrefix()));
        if (c.capped()) {
            store.deleteRange(store.indexes(), c.naturalPrefix(), Keys.successor(c.naturalPrefix()));
        }
        for (IndexMeta i : c.indexes()) {
            dropIndexData(i);
        }
    }

    /** Deletes the entries of an index that is no longer in the catalog. */
    public void dropIndexData(IndexMeta i) {
        store.deleteRange(store.indexes(), i.prefix(), Keys.successor(i.prefix()));
    }

    /** Records that an index became multikey (persisted before the writing transaction commits). */
    public void markMultikey(Namespace ns, IndexMeta index) {
        if (index.markMultikey()) {
            synchronized (this) {
                CollectionMeta current = collections.get(ns);
                if (current != null && current.indexes().contains(index)) {
                    store.put(store.catalog(), CatalogCodec.key(ns), CatalogCodec.encode(current), false);
                }
            }
        }
    }
}
