package io.jmongos.engine.changes;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * The open change stream cursors by id. They live beside the engine's other cursors (whose getMore holds the
 * cursor for the whole batch) because a change stream getMore waits for changes and must be killable meanwhile:
 * a kill marks the cursor and wakes every waiter on the log.
 */
public final class ChangeStreamCursors {
    private final ConcurrentHashMap<Long, ChangeStreamCursor> cursors = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ChangeLog log;

    public ChangeStreamCursors(ChangeLog log) {
        this.log = log;
    }

    /** A fresh positive id that neither this registry nor {@code taken} (the engine's other cursors) uses. */
    long newId(LongPredicate taken) {
        while (true) {
            long id = random.nextLong() & Long.MAX_VALUE;
            if (id != 0 && !cursors.containsKey(id) && !taken.test(id)) {
                return id;
            }
        }
    }

    void add(ChangeStreamCursor c) {
        cursors.put(c.id(), c);
    }

    public ChangeStreamCursor get(long id) {
        return cursors.get(id);
    }

    /** Forgets a cursor that finished (invalidated) or failed. */
    public void remove(ChangeStreamCursor c) {
        cursors.remove(c.id(), c);
        c.kill();
    }

    /** Kills a cursor: a getMore waiting on it wakes and fails with CursorKilled. False if unknown. */
    public boolean kill(long id) {
        ChangeStreamCursor c = cursors.remove(id);
        if (c == null) {
            return false;
        }
        c.kill();
        log.wakeAll();
        return true;
    }

    public void killAll() {
        for (Long id : new ArrayList<>(cursors.keySet())) {
            kill(id);
        }
    }

    public int size() {
        return cursors.size();
    }

    public List<ChangeStreamCursor> list() {
        return new ArrayList<>(cursors.values());
    }
}
