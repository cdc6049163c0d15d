package io.jmongos.engine.catalog;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often each index was used by a query since this process started (or since the index was created), for
 * {@code $indexStats}' {@code accesses: {ops, since}} (MongoDB keeps them in memory too and resets them on
 * restart). Keyed by storage id: an index's own id, the collection's id for its {@code _id_} index (collection
 * and index ids come from one counter, so they never collide).
 */
public final class IndexUsage {
    /** One index's counter and the time it started counting. */
    public record Accesses(AtomicLong ops, long sinceMillis) {
    }

    private final ConcurrentHashMap<Long, Accesses> byId = new ConcurrentHashMap<>();

    /** The counter of storage id {@code id}, started now if it is new. */
    public Accesses of(long id) {
        return byId.computeIfAbsent(id, k -> new Accesses(new AtomicLong(), System.currentTimeMillis()));
    }

    /** Counts one use of index {@code i}. */
    public void used(IndexMeta i) {
        of(i.id()).ops().incrementAndGet();
    }

    /** Counts one use of collection {@code c}'s {@code _id_} index. */
    public void usedId(CollectionMeta c) {
        of(c.id()).ops().incrementAndGet();
    }
}
