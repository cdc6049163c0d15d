package io.jmongos.router.auth;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Who made a cursor or a logical session: the users authenticated on the connection that made it. Another
 * connection may use it when it shares one of those users (MongoDB's "coauthorized" rule). Entries left behind by
 * cursors and sessions that timed out are dropped once idle longer than the server would keep them; a
 * {@code noCursorTimeout} cursor's entry stays until the cursor is exhausted or killed.
 */
final class OwnerRegistry {
    /** Look for idle entries once every this many new entries. */
    static final int SWEEP_EVERY = 1024;

    private record Entry(Set<String> owners, AtomicLong lastUsedNanos, boolean expires) {
    }

    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier idleLimitMillis;
    private final AtomicLong added = new AtomicLong();

    OwnerRegistry(LongSupplier idleLimitMillis) {
        this.idleLimitMillis = idleLimitMillis;
    }

    void record(Object key, Set<String> owners, boolean expires) {
        entries.put(key, new Entry(Set.copyOf(owners), new AtomicLong(System.nanoTime()), expires));
        if (added.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
    }

    /** Record only when nobody owns the key yet; returns the owners now on record. */
    Set<String> claim(Object key, Set<String> owners) {
        Entry e = entries.get(key);
        if (e == null) {
            record(key, owners, true);
            return owners;
        }
        e.lastUsedNanos().set(System.nanoTime());
        return e.owners();
    }

    /** The owners of {@code key}, or null when nobody is on record. */
    Set<String> owners(Object key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        e.lastUsedNanos().set(System.nanoTime());
        return e.owners();
    }

    void forget(Object key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    /** Whether {@code current} may use what {@code owners} made: they share a user. */
    static boolean coauthorized(Set<String> owners, Set<String> current) {
        return owners == null || !Collections.disjoint(owners, current);
    }

    private void sweep() {
        long limit = System.nanoTime() - idleLimitMillis.getAsLong() * 1_000_000L;
        entries.values().removeIf(e -> e.expires() && e.lastUsedNanos().get() - limit < 0);
    }
}
