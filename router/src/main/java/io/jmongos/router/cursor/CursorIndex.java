package io.jmongos.router.cursor;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open cursors grouped by a key (a connection id, a session id), kept in step with the cursor table on
 * register and on every removal, so a cleanup touches only its own cursors instead of scanning them all.
 * A key's entry disappears with its last cursor: the index holds nothing the cursor table does not.
 */
final class CursorIndex<K> {
    private static final ClusterCursor[] NONE = new ClusterCursor[0];

    private final Map<K, Set<ClusterCursor>> groups = new ConcurrentHashMap<>();

    void add(K key, ClusterCursor c) {
        groups.compute(key, (k, set) -> {
            Set<ClusterCursor> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(c);
            return s;
        });
    }

    void remove(K key, ClusterCursor c) {
        groups.computeIfPresent(key, (k, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
    }

    /** A copy of the cursors under {@code key} (empty when none). */
    ClusterCursor[] get(K key) {
        Set<ClusterCursor> set = groups.get(key);
        return set == null ? NONE : set.toArray(NONE);
    }

    /** Whether any cursor is held under {@code key}. */
    boolean contains(K key) {
        return groups.containsKey(key);
    }

    /** How many keys have at least one cursor (for tests: the index must not outlive its cursors). */
    int keys() {
        return groups.size();
    }

    /** How many cursors the index holds under all keys. */
    int size() {
        int n = 0;
        for (Set<ClusterCursor> s : groups.values()) {
            n += s.size();
        }
        return n;
    }
}
