package io.jmongos.router.cursor;

import org.bson.BsonDocument;

/**
 * A client-visible cursor held by the router, wrapping a {@link CursorSource}. While a getMore runs the
 * cursor is pinned (checked out); a kill that arrives meanwhile is deferred until it is checked in.
 */
public final class ClusterCursor {
    private final long id;
    private final String ns;
    private final CursorSource source;
    private final CursorOrigin origin;
    private final BsonDocument originatingCommand;
    private final long createdMillis;
    private final boolean noCursorTimeout;
    private final boolean tailable;
    private final boolean awaitData;
    private volatile long lastUsedMillis;
    private volatile long docsReturned;
    private volatile long batchesReturned;
    private boolean pinned;
    private boolean killPending;
    private CursorKillReason pendingReason;
    private boolean dead;

    ClusterCursor(long id, String ns, CursorSource source, CursorOrigin origin, BsonDocument originatingCommand,
                  long nowMillis, CursorOptions options, long firstBatchDocs) {
        this.id = id;
        this.ns = ns;
        this.source = source;
        this.origin = origin;
        this.originatingCommand = originatingCommand;
        this.createdMillis = nowMillis;
        this.lastUsedMillis = nowMillis;
        this.noCursorTimeout = options.noCursorTimeout();
        this.tailable = options.tailable();
        this.awaitData = options.awaitData();
        this.docsReturned = firstBatchDocs;
        this.batchesReturned = 1;
    }

    public long id() {
        return id;
    }

    public String ns() {
        return ns;
    }

    public CursorSource source() {
        return source;
    }

    public CursorOrigin origin() {
        return origin;
    }

    public BsonDocument originatingCommand() {
        return originatingCommand;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public long lastUsedMillis() {
        return lastUsedMillis;
    }

    public boolean noCursorTimeout() {
        return noCursorTimeout;
    }

    public boolean tailable() {
        return tailable;
    }

    public boolean awaitData() {
        return awaitData;
    }

    public long docsReturned() {
        return docsReturned;
    }

    public long batchesReturned() {
        return batchesReturned;
    }

    public synchronized boolean pinned() {
        return pinned;
    }

    /** Pin for a getMore; false if already pinned or dead. */
    synchronized boolean tryPin() {
        if (pinned || dead || killPending) {
            return false;
        }
        pinned = true;
        return true;
    }

    synchronized boolean isDeadOrDying() {
        return dead || killPending;
    }

    /** Unpin after a getMore; returns true if the cursor must now be destroyed (kill arrived meanwhile). */
    synchronized boolean unpin(long nowMillis, int docs) {
        pinned = false;
        lastUsedMillis = nowMillis;
        docsReturned += docs;
        batchesReturned++;
        return killPending;
    }

    /**
     * Mark for killing: returns true if the caller must destroy it now (it was idle), false if it is pinned
     * (the getMore will destroy it on check-in) or already dead.
     */
    synchronized boolean markKilled(CursorKillReason reason) {
        if (dead) {
            return false;
        }
        if (pinned) {
            if (!killPending) {
                pendingReason = reason;
            }
            killPending = true;
            return false;
        }
        dead = true;
        return true;
    }

    /** Why a kill that arrived during a getMore was requested, or null. */
    synchronized CursorKillReason pendingKillReason() {
        return killPending ? pendingReason : null;
    }

    synchronized void markDead() {
        dead = true;
        pinned = false;
    }
}
