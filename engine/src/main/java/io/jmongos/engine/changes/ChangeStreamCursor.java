package io.jmongos.engine.changes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.storage.BsonBytes;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * An open change stream: its scope, the stages after {@code $changeStream}, and its position in the change log
 * (the time of the last change it examined). Each batch reads the visible changes after the position, keeps those
 * the scope shows and the stages let through, and reports a {@code postBatchResumeToken}: the last returned
 * event's token when the batch is full or nothing after that event was examined, else the high-water mark of
 * everything examined. A change that
 * invalidates the stream is followed by an {@code invalidate} event, after which the cursor is finished.
 */
public final class ChangeStreamCursor {
    /** ErrorCodes::ChangeStreamHistoryLost. */
    public static final int HISTORY_LOST = 286;
    /** Changes read from the log at a time while filling a batch. */
    static final int READ_CHUNK = 1000;

    /** One batch: its documents, its postBatchResumeToken, and whether the stream ended (invalidated). */
    public record Batch(BsonArray documents, BsonDocument postBatchResumeToken, boolean finished) {
    }

    private record Out(BsonDocument doc, ResumeToken token) {
    }

    private final long id;
    private final String ns;
    private final ChangeStreamScope scope;
    private final ChangeStreamPipeline pipeline;
    private final ChangeEvents events;
    private final ChangeLog log;
    private final BsonDocument lsid;
    private final ReentrantLock inUse = new ReentrantLock();
    private final Deque<Out> pending = new ArrayDeque<>();
    private long position;
    private ChangeLog.Entry invalidateAfter;
    private boolean finished;
    private volatile boolean killed;

    ChangeStreamCursor(long id, String ns, ChangeStreamScope scope, ChangeStreamPipeline pipeline, ChangeEvents events,
                       ChangeLog log, BsonDocument lsid, long position, ChangeLog.Entry invalidateAfter) {
        this.id = id;
        this.ns = ns;
        this.scope = scope;
        this.pipeline = pipeline;
        this.events = events;
        this.log = log;
        this.lsid = lsid;
        this.position = position;
        this.invalidateAfter = invalidateAfter;
    }

    public long id() {
        return id;
    }

    /** The namespace getMore and killCursors must name. */
    public String ns() {
        return ns;
    }

    /** The session that opened the stream, or null. */
    public BsonDocument lsid() {
        return lsid;
    }

    public boolean killed() {
        return killed;
    }

    void kill() {
        killed = true;
    }

    /** Taken by the getMore running on the cursor; false when another one holds it. */
    public boolean tryUse() {
        return inUse.tryLock();
    }

    public void release() {
        inUse.unlock();
    }

    /**
     * Fills the next batch from what is visible now, without waiting.
     *
     * @param maxDocs  at most this many documents
     * @param maxBytes at most this many bytes of documents (the first one always fits)
     * @throws CommandFailedException 286 ChangeStreamHistoryLost when changes after the position were dropped
     */
    public Batch next(long maxDocs, long maxBytes) {
        BsonArray out = new BsonArray();
        long bytes = 0;
        ResumeToken last = null;
        boolean full = false;
        while (!finished) {
            if (out.size() >= maxDocs) {
                full = true;
                break;
            }
            Out next = pending.poll();
            if (next == null) {
                if (invalidateAfter != null) {
                    last = emitInvalidate(out);
                    break;
                }
                if (!readMore(maxDocs - out.size())) {
                    break;
                }
                continue;
            }
            long size = BsonBytes.size(next.doc);
            if (!out.isEmpty() && bytes + size > maxBytes) {
                pending.addFirst(next);
                full = true;
                break;
            }
            out.add(next.doc);
            bytes += size;
            last = next.token;
        }
        boolean endsAtLast = last != null && (full || finished || last.time() == position);
        BsonDocument pbrt = endsAtLast ? last.toBson() : ResumeToken.highWaterMark(position).toBson();
        return new Batch(out, pbrt, finished);
    }

    /** The position, for waiting on the log. */
    public long position() {
        return position;
    }

    private ResumeToken emitInvalidate(BsonArray out) {
        ChangeLog.Entry e = invalidateAfter;
        invalidateAfter = null;
        finished = true;
        BsonDocument doc = pipeline.apply(ChangeEvents.invalidate(e.time(), e.record().wallMillis()));
        if (doc == null) {
            return null;
        }
        out.add(doc);
        return ResumeToken.invalidate(e.time());
    }

    /** Examines more changes into {@code pending}; false when none are visible. */
    private boolean readMore(long wanted) {
        ChangeLog.Read read = log.read(position, READ_CHUNK);
        if (read.historyLost()) {
            throw historyLost();
        }
        if (read.entries().isEmpty()) {
            position = Math.max(position, read.scannedTo());
            return false;
        }
        for (ChangeLog.Entry e : read.entries()) {
            position = e.time();
            ChangeRecord r = e.record();
            if (scope.shows(r)) {
                BsonDocument doc = pipeline.apply(events.event(e));
                if (doc != null) {
                    pending.add(new Out(doc, ResumeToken.event(e.time())));
                }
            }
            if (scope.invalidatedBy(r)) {
                invalidateAfter = e;
                return true;
            }
            if (pending.size() >= wanted) {
                return true;
            }
        }
        if (read.entries().size() < READ_CHUNK) {
            position = Math.max(position, read.scannedTo());
        }
        return true;
    }

    static CommandFailedException historyLost() {
        return new CommandFailedException(HISTORY_LOST, "ChangeStreamHistoryLost",
                "Resume of change stream was not possible, as the resume point may no longer be in the oplog.");
    }
}
