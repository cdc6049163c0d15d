package io.jmongos.engine.cursor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.jmongos.common.BsonObjectTooLarge;
import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.common.Limits;
import io.jmongos.engine.exec.DocumentStream;
import io.jmongos.engine.storage.BsonBytes;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * The engine's cursors by id. Batches hold at most {@code batchSize} documents and at most 16 MiB (the
 * first document always fits), so no reply passes maxMessageSizeBytes; a result document over BSONObjMaxInternalSize
 * fails the command with 10334 BSONObjectTooLarge, as in MongoDB. A cursor found exhausted is closed at once and
 * reported with id 0.
 * Idle timeouts are the router's business when the engine is embedded (it kills shard cursors with killCursors);
 * a shard server reaps idle cursors itself with {@link #reapIdle}.
 */
public final class CursorManager {
    private final CursorIds ids = new CursorIds();
    private final ConcurrentHashMap<Long, EngineCursor> cursors = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong timedOut = new java.util.concurrent.atomic.AtomicLong();

    /** What to open a cursor over. */
    public record Spec(String ns, DocumentStream stream, AutoCloseable resources, BsonDocument lsid, Long txnNumber,
                       BsonDocument originatingCommand) {
    }

    /**
     * Runs the first batch of a new cursor and registers it unless exhausted.
     *
     * @param batchSize   documents in the first batch (MongoDB default 101 when absent)
     * @param singleBatch close after the first batch
     * @return the cursor (use {@link EngineCursor#id()}; 0-id replies come from {@link Batch#exhausted()})
     */
    public Opened open(Spec spec, long batchSize, boolean singleBatch) {
        EngineCursor c = new EngineCursor(ids.next(), spec.ns(), spec.stream(), spec.resources(), spec.lsid(),
                spec.txnNumber(), spec.originatingCommand());
        Batch b;
        synchronized (c) {
            try {
                b = fill(c, batchSize);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            if (b.exhausted() || singleBatch) {
                c.close();
                return new Opened(0, b);
            }
            cursors.put(c.id(), c);
            opened.incrementAndGet();
        }
        return new Opened(c.id(), b);
    }

    /** A newly opened cursor's id (0 when already closed) and first batch. */
    public record Opened(long id, Batch batch) {
    }

    /** The cursor for a getMore, checked against the namespace; 43 CursorNotFound if unknown. */
    public EngineCursor get(long id, String ns) {
        EngineCursor c = cursors.get(id);
        if (c == null) {
            throw new CommandFailedException(ErrorCode.CURSOR_NOT_FOUND, "cursor id " + id + " not found");
        }
        if (!c.ns().equals(ns)) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED, "Requested getMore on namespace '" + ns
                    + "', but cursor belongs to a different namespace " + c.ns());
        }
        return c;
    }

    /** The next batch of a cursor; closes and forgets it when exhausted. */
    public Batch next(EngineCursor c, long batchSize) {
        synchronized (c) {
            if (c.killedBecause() != null) {
                cursors.remove(c.id(), c);
                throw new CommandFailedException(ErrorCode.QUERY_PLAN_KILLED, c.killedBecause());
            }
            if (c.isClosed()) {
                throw new CommandFailedException(ErrorCode.CURSOR_NOT_FOUND, "cursor id " + c.id() + " not found");
            }
            c.touch();
            Batch b;
            try {
                b = fill(c, batchSize);
            } catch (RuntimeException e) {
                forget(c);
                throw e;
            }
            if (b.exhausted()) {
                forget(c);
            }
            c.touch(); // idle time counts from the end of the last batch, as mongod's
            return b;
        }
    }

    private void forget(EngineCursor c) {
        cursors.remove(c.id(), c);
        c.close();
    }

    /** Kills one cursor; false if it does not exist. */
    public boolean kill(long id) {
        EngineCursor c = cursors.remove(id);
        if (c == null) {
            return false;
        }
        synchronized (c) {
            c.close();
        }
        return true;
    }

    /**
     * The collection {@code ns} is gone (dropped, its database dropped, or renamed): its cursors release their
     * snapshots now and stay registered until their next getMore, which fails with QueryPlanKilled (175) and
     * {@code why}, as mongod's plan executor fails when it restores a plan whose collection is gone.
     */
    public void killPlans(String ns, String why) {
        for (EngineCursor c : cursors.values()) {
            if (c.ns().equals(ns)) {
                synchronized (c) {
                    c.killPlan(why);
                }
            }
        }
    }

    public void killAll(Set<Long> idsToKill) {
        idsToKill.forEach(this::kill);
    }

    /**
     * Kills every cursor not used for more than {@code idleMillis} (mongod's cursorTimeoutMillis). A cursor a
     * getMore is reading now is busy, not idle, and is left alone.
     *
     * @return how many were killed
     */
    public int reapIdle(long idleMillis) {
        long now = System.currentTimeMillis();
        int n = 0;
        for (EngineCursor c : cursors.values()) {
            if (now - c.lastUsedMillis() <= idleMillis) {
                continue;
            }
            synchronized (c) {
                if (!c.isClosed() && now - c.lastUsedMillis() > idleMillis && cursors.remove(c.id(), c)) {
                    c.close();
                    timedOut.incrementAndGet();
                    n++;
                }
            }
        }
        return n;
    }

    /** Cursors opened (that outlived their first batch) since start. */
    public long totalOpened() {
        return opened.get();
    }

    /** Cursors killed by {@link #reapIdle} since start. */
    public long timedOut() {
        return timedOut.get();
    }

    public EngineCursor find(long id) {
        return cursors.get(id);
    }

    public int size() {
        return cursors.size();
    }

    public List<EngineCursor> list() {
        return new ArrayList<>(cursors.values());
    }

    public void closeAll() {
        for (Long id : new ArrayList<>(cursors.keySet())) {
            kill(id);
        }
    }

    private static Batch fill(EngineCursor c, long maxDocs) {
        BsonArray out = new BsonArray();
        long bytes = 0;
        DocumentStream s = c.stream();
        while (out.size() < maxDocs) {
            BsonDocument doc = c.takePending();
            if (doc == null) {
                doc = s.next();
            }
            if (doc == null) {
                return new Batch(out, true);
            }
            RawBsonDocument raw = raw(doc);
            int size = raw.getByteBuffer().remaining();
            if (BsonObjectTooLarge.exceeds(size)) {
                throw BsonObjectTooLarge.exception(size, raw);
            }
            if (!out.isEmpty() && bytes + size > Limits.MAX_BATCH_BYTES) {
                c.setPending(raw);
                s.suspend();
                return new Batch(out, false);
            }
            out.add(raw);
            bytes += size;
        }
        if (maxDocs > 0) {
            BsonDocument ahead = c.takePending();
            if (ahead == null) {
                ahead = s.next();
            }
            if (ahead == null) {
                return new Batch(out, true);
            }
            c.setPending(ahead);
        }
        s.suspend();
        return new Batch(out, false);
    }

    private static RawBsonDocument raw(BsonDocument doc) {
        return doc instanceof RawBsonDocument ? (RawBsonDocument) doc : BsonBytes.toRaw(BsonBytes.toBytes(doc));
    }
}
