package io.jmongos.engine.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The engine's change log: a bounded, in-memory stand-in for the oplog that change streams read. Every committed
 * write appends its changes in commit order, each at its own cluster time ({@code seconds << 32 | increment},
 * increasing); aborted transactions append nothing.
 *
 * <p>A committing transaction first reserves times for its changes, then commits in storage, then publishes
 * them (or cancels the reservation if the commit failed). Readers only see changes below the oldest open
 * reservation, as mongod hides oplog holes: a writer that committed later but reserved earlier can never
 * appear after a reader has moved past its time. When the log is over its bounds the oldest changes are
 * dropped and {@link #lostThrough()} moves forward: a stream that needs them gets ChangeStreamHistoryLost.
 */
public final class ChangeLog {
    /**
     * Changes kept at most. MongoDB keeps an oplog of 5% of the disk (990 MB at least); jmongos keeps its log in
     * the heap, so it keeps the most recent 100 000 changes or {@link #DEFAULT_MAX_BYTES}, whichever is less.
     */
    public static final int DEFAULT_MAX_EVENTS = 100_000;
    /** Bytes of change data kept at most (see {@link #DEFAULT_MAX_EVENTS}): 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** A change and its cluster time. */
    public record Entry(long time, ChangeRecord record) {
    }

    /** Times reserved by one committing transaction: {@code first} .. {@code first + count - 1}. */
    public static final class Reservation {
        private final long first;
        private final int count;

        private Reservation(long first, int count) {
            this.first = first;
            this.count = count;
        }

        public long first() {
            return first;
        }

        public int count() {
            return count;
        }
    }

    /**
     * Changes after a time, as far as readers may see.
     *
     * @param entries     the visible changes after the requested time, oldest first
     * @param scannedTo   the time the read covered: the last entry's when {@code max} was reached, else the
     *                    visible end of the log
     * @param historyLost changes after the requested time were dropped
     */
    public record Read(List<Entry> entries, long scannedTo, boolean historyLost) {
    }

    private static final class Slot {
        final ChangeRecord record;
        boolean visible;

        Slot(ChangeRecord record) {
            this.record = record;
        }
    }

    private final int maxEvents;
    private final long maxBytes;
    private final LongSupplier wallMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    private final TreeMap<Long, Reservation> open = new TreeMap<>();
    private long lastTime;
    private long lostThrough;
    private long bytes;
    private boolean closed;

    public ChangeLog() {
        this(DEFAULT_MAX_EVENTS, DEFAULT_MAX_BYTES, System::currentTimeMillis);
    }

    public ChangeLog(int maxEvents, long maxBytes, LongSupplier wallMillis) {
        if (maxEvents <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("change log bounds must be positive");
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.wallMillis = wallMillis;
        this.lastTime = (wallMillis.getAsLong() / 1000) << 32;
        this.lostThrough = lastTime; // nothing before the log started can be resumed from
    }

    /** Reserves consecutive times for {@code records} (in order); publish or cancel the reservation later. */
    public Reservation reserve(List<ChangeRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("nothing to reserve");
        }
        lock.lock();
        try {
            long first = 0;
            for (ChangeRecord r : records) {
                long t = nextTime();
                if (first == 0) {
                    first = t;
                }
                slots.put(t, new Slot(r));
            }
            Reservation res = new Reservation(first, records.size());
            open.put(first, res);
            return res;
        } finally {
            lock.unlock();
        }
    }

    /** The reserved changes committed: readers may see them. */
    public void publish(Reservation res) {
        lock.lock();
        try {
            for (Slot s : slots.subMap(res.first, true, res.first + res.count - 1, true).values()) {
                s.visible = true;
                bytes += s.record.approxBytes();
            }
            open.remove(res.first);
            evict();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reserving transaction did not commit: its changes never happened. */
    public void cancel(Reservation res) {
        lock.lock();
        try {
            slots.subMap(res.first, true, res.first + res.count - 1, true).clear();
            open.remove(res.first);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Appends committed changes at once (DDL that is not part of a storage transaction); returns the first time. */
    public long append(List<ChangeRecord> records) {
        Reservation r = reserve(records);
        publish(r);
        return r.first;
    }

    /** The visible changes after {@code after}, at most {@code max}. */
    public Read read(long after, int max) {
        lock.lock();
        try {
            long visible = visibleThrough();
            boolean lost = Long.compare(after, lostThrough) < 0;
            List<Entry> out = new ArrayList<>();
            if (Long.compare(after, visible) >= 0) {
                return new Read(out, after, lost);
            }
            for (Map.Entry<Long, Slot> e : slots.subMap(after, false, visible, true).entrySet()) {
                out.add(new Entry(e.getKey(), e.getValue().record));
                if (out.size() >= max) {
                    return new Read(out, e.getKey(), lost);
                }
            }
            return new Read(out, visible, lost);
        } finally {
            lock.unlock();
        }
    }

    /** The visible change at exactly {@code time}, or null (never logged, not yet visible, or dropped). */
    public ChangeRecord at(long time) {
        lock.lock();
        try {
            Slot s = Long.compare(time, visibleThrough()) <= 0 ? slots.get(time) : null;
            return s == null ? null : s.record;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a change after {@code after} is visible, {@code stop} says so, the log closes or the time runs
     * out; returns at once if one is visible already. Signals and interrupts end the wait early (callers loop).
     */
    public void awaitAfter(long after, long timeoutMillis, BooleanSupplier stop) {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (!closed && !stop.getAsBoolean() && Long.compare(visibleThrough(), after) <= 0
                    && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting reader (a cursor was killed; they re-check their state). */
    public void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends every wait for good (engine shutdown). */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** The latest time readers may see: just before the oldest open reservation, else the last time given out. */
    public long visibleTime() {
        lock.lock();
        try {
            return visibleThrough();
        } finally {
            lock.unlock();
        }
    }

    /** Changes at or before this time may have been dropped (the log's start, then the newest evicted change). */
    public long lostThrough() {
        lock.lock();
        try {
            return lostThrough;
        } finally {
            lock.unlock();
        }
    }

    /** Changes held (visible or reserved). */
    public int size() {
        lock.lock();
        try {
            return slots.size();
        } finally {
            lock.unlock();
        }
    }

    private long visibleThrough() {
        return open.isEmpty() ? lastTime : open.firstKey() - 1;
    }

    private long nextTime() {
        long wall = (wallMillis.getAsLong() / 1000) << 32 | 1;
        lastTime = Long.compare(wall, lastTime) > 0 ? wall : lastTime + 1;
        return lastTime;
    }

    private void evict() {
        NavigableMap<Long, Slot> all = slots;
        while (!all.isEmpty() && (all.size() > maxEvents || bytes > maxBytes)) {
            Map.Entry<Long, Slot> first = all.firstEntry();
            if (!first.getValue().visible) {
                return; // a commit in progress holds the head; evict once it is published
            }
            all.pollFirstEntry();
            bytes -= first.getValue().record.approxBytes();
            lostThrough = first.getKey();
        }
    }
}
