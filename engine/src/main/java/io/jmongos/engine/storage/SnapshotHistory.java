package io.jmongos.engine.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import io.jmongos.common.CommandFailedException;
import org.bson.BsonTimestamp;

/**
 * Snapshots kept for snapshot reads outside transactions ({@code readConcern: {level: "snapshot"}}): each
 * gets a cluster time ({@code atClusterTime}), and a later read at that time reads the same snapshot. They
 * are kept for a history window (MongoDB's minSnapshotHistoryWindowInSeconds) and released once no cursor
 * uses them.
 */
public final class SnapshotHistory implements AutoCloseable {
    /** MongoDB's minSnapshotHistoryWindowInSeconds default: 300 seconds. */
    public static final long HISTORY_WINDOW_MILLIS = 300_000;
    /** At most this many snapshots are kept (oldest dropped first) to bound what compaction must retain. */
    public static final int MAX_SNAPSHOTS = 1000;
    /** MongoDB's code for a read at a time older than the history kept (ErrorCodes::SnapshotTooOld). */
    public static final int SNAPSHOT_TOO_OLD = 239;

    private final RocksStore store;
    private final ConcurrentSkipListMap<Long, Retained> byTime = new ConcurrentSkipListMap<>();
    private long lastTime;

    public SnapshotHistory(RocksStore store) {
        this.store = store;
    }

    /** A snapshot in use by a reader; close it when the read (or its cursor) ends. */
    public final class Lease implements AutoCloseable {
        private final Retained retained;
        private boolean closed;

        private Lease(Retained retained) {
            this.retained = retained;
        }

        public ReadSnapshot snapshot() {
            return retained.snapshot;
        }

        public BsonTimestamp atClusterTime() {
            return new BsonTimestamp(retained.time);
        }

        @Override
        public void close() {
            synchronized (SnapshotHistory.this) {
                if (!closed) {
                    closed = true;
                    retained.refs--;
                    retained.closeIfUnused();
                }
            }
        }
    }

    private static final class Retained {
        final long time;
        final ReadSnapshot snapshot;
        final long createdMillis = System.currentTimeMillis();
        int refs;
        boolean dropped;

        Retained(long time, ReadSnapshot snapshot) {
            this.time = time;
            this.snapshot = snapshot;
        }

        void closeIfUnused() {
            if (dropped && refs == 0) {
                snapshot.close();
            }
        }
    }

    /** A new snapshot with a new cluster time. */
    public synchronized Lease takeNew() {
        expire();
        long now = (System.currentTimeMillis() / 1000) << 32;
        lastTime = Math.max(now, lastTime + 1);
        Retained r = new Retained(lastTime, store.snapshot());
        byTime.put(r.time, r);
        r.refs++;
        return new Lease(r);
    }

    /**
     * The snapshot for a read at {@code atClusterTime}: the one taken at that time, or the latest taken
     * before it; a time after every snapshot (a time this engine did not hand out) reads a new one; a time
     * before the history window or the oldest snapshot kept is SnapshotTooOld.
     */
    public synchronized Lease at(BsonTimestamp atClusterTime) {
        expire();
        long t = atClusterTime.getValue();
        long windowStart = ((System.currentTimeMillis() - HISTORY_WINDOW_MILLIS) / 1000) << 32;
        Map.Entry<Long, Retained> e = t > lastTime ? null : byTime.floorEntry(t);
        if (e == null && (t < windowStart || !byTime.isEmpty() && t < byTime.firstKey())) {
            throw new CommandFailedException(SNAPSHOT_TOO_OLD, "SnapshotTooOld", "Read timestamp " + atClusterTime
                    + " is older than the oldest available timestamp.");
        }
        if (e == null) {
            return takeNew();
        }
        e.getValue().refs++;
        return new Lease(e.getValue());
    }

    private void expire() {
        long cutoff = System.currentTimeMillis() - HISTORY_WINDOW_MILLIS;
        while (!byTime.isEmpty()) {
            Retained oldest = byTime.firstEntry().getValue();
            if (oldest.createdMillis >= cutoff && byTime.size() < MAX_SNAPSHOTS) {
                return;
            }
            byTime.pollFirstEntry();
            oldest.dropped = true;
            oldest.closeIfUnused();
        }
    }

    @Override
    public synchronized void close() {
        for (Retained r : byTime.values()) {
            r.dropped = true;
            r.refs = 0;
            r.closeIfUnused();
        }
        byTime.clear();
    }
}
