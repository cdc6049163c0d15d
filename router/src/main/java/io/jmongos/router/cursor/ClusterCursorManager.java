package io.jmongos.router.cursor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.session.LogicalSessionId;

/**
 * The router's client-visible cursors (mongos's ClusterCursorManager): registration with fresh ids,
 * check-out/check-in around getMore with the namespace, session and transaction checks, kills (deferred
 * while a cursor is pinned), the idle reaper's pass, and the counters behind {@code metrics.cursor}.
 */
public final class ClusterCursorManager {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCursorManager.class);

    private final Map<Long, ClusterCursor> cursors = new ConcurrentHashMap<>();
    private final CursorIdGenerator ids = new CursorIdGenerator();
    private final LongSupplier clock;
    private final AtomicLong totalOpened = new AtomicLong();
    private final Map<CursorKillReason, AtomicLong> killed = new EnumMap<>(CursorKillReason.class);
    /** Cursors of load-balanced connections by connection id: the disconnect cleanup's own cursors. */
    private final CursorIndex<Long> byLoadBalancedConnection = new CursorIndex<>();
    /** Cursors by session: the session-end and transaction-end cleanups' own cursors. */
    private final CursorIndex<LogicalSessionId> bySession = new CursorIndex<>();

    public ClusterCursorManager(LongSupplier clockMillis) {
        this.clock = clockMillis;
        for (CursorKillReason r : CursorKillReason.values()) {
            killed.put(r, new AtomicLong());
        }
    }

    /** Register a cursor whose first batch ({@code firstBatchDocs} documents) was just returned; gives its id. */
    public ClusterCursor register(String ns, CursorSource source, CursorOrigin origin, BsonDocument originating,
                                  CursorOptions options, long firstBatchDocs) {
        long id;
        ClusterCursor cursor;
        do {
            id = ids.next();
            cursor = new ClusterCursor(id, ns, source, origin, originating, clock.getAsLong(), options, firstBatchDocs);
        } while (cursors.putIfAbsent(id, cursor) != null);
        index(cursor);
        if (cursors.get(id) != cursor) {
            unindex(cursor); // killed before it was indexed: its remover found nothing to unindex
        }
        totalOpened.incrementAndGet();
        return cursor;
    }

    private void index(ClusterCursor c) {
        CursorOrigin o = c.origin();
        if (o.loadBalanced()) {
            byLoadBalancedConnection.add(o.connectionId(), c);
        }
        if (o.lsid() != null) {
            bySession.add(o.lsid(), c);
        }
    }

    private void unindex(ClusterCursor c) {
        CursorOrigin o = c.origin();
        if (o.loadBalanced()) {
            byLoadBalancedConnection.remove(o.connectionId(), c);
        }
        if (o.lsid() != null) {
            bySession.remove(o.lsid(), c);
        }
    }

    /** Remove from the cursor table and the indexes; true if this call removed it. */
    private boolean unregister(ClusterCursor c) {
        if (cursors.remove(c.id(), c)) {
            unindex(c);
            return true;
        }
        return false;
    }

    /**
     * Pin a cursor for a getMore after checking it exists, is idle, and belongs to the namespace, session and
     * transaction of the request. On a failed check the cursor stays as it was.
     */
    public ClusterCursor checkOut(long id, String ns, LogicalSessionId lsid, Long txnNumber) {
        ClusterCursor c = cursors.get(id);
        if (c == null || c.isDeadOrDying()) {
            throw CursorErrors.notFound(id);
        }
        if (!c.ns().equals(ns)) {
            throw CursorErrors.wrongNamespace(ns, c.ns());
        }
        CommandFailedException e = CursorErrors.sessionMismatch(id, c.origin().lsid(), lsid);
        if (e == null) {
            e = CursorErrors.txnMismatch(id, c.origin().txnNumber(), txnNumber);
        }
        if (e != null) {
            throw e;
        }
        if (!c.tryPin()) {
            if (c.isDeadOrDying()) {
                throw CursorErrors.notFound(id);
            }
            throw CursorErrors.inUse(id);
        }
        return c;
    }

    /** Return a pinned cursor after a getMore that returned {@code docs} documents. */
    public void checkIn(ClusterCursor c, int docs, boolean exhausted) {
        boolean killRequested = c.unpin(clock.getAsLong(), docs);
        if (exhausted) {
            c.markDead();
            unregister(c);
        } else if (killRequested) {
            CursorKillReason reason = c.pendingKillReason();
            destroy(c, reason != null ? reason : CursorKillReason.CLIENT);
        }
    }

    /**
     * A getMore failed: the cursor is destroyed (as mongos does when a pinned cursor is not returned). A failure
     * caused by a kill that arrived meanwhile (an awaitData getMore interrupted) counts under the kill's reason.
     */
    public void checkInAfterError(ClusterCursor c) {
        CursorKillReason pending = c.pendingKillReason();
        c.markDead();
        if (unregister(c)) {
            killed.get(pending != null ? pending : CursorKillReason.ERROR).incrementAndGet();
        }
        c.source().kill();
    }

    /** killCursors: true if the cursor existed in {@code ns} (killed now, or when its getMore finishes). */
    public boolean kill(long id, String ns) {
        ClusterCursor c = cursors.get(id);
        if (c == null || !c.ns().equals(ns)) {
            return false;
        }
        if (c.markKilled(CursorKillReason.CLIENT)) {
            destroy(c, CursorKillReason.CLIENT);
        } else {
            interruptAwait(c);
        }
        return true;
    }

    /** Kill every cursor matching {@code filter} (a scan of all cursors); returns how many were killed or marked. */
    public int killMatching(Predicate<ClusterCursor> filter, CursorKillReason reason) {
        int n = 0;
        for (ClusterCursor c : new ArrayList<>(cursors.values())) {
            if (filter.test(c)) {
                n++;
                killOne(c, reason);
            }
        }
        return n;
    }

    /** Whether a cursor created on load-balanced connection {@code connectionId} is open; O(1). */
    public boolean hasCursorsOfLoadBalancedConnection(long connectionId) {
        return byLoadBalancedConnection.contains(connectionId);
    }

    /** Kill every cursor created on load-balanced connection {@code connectionId}; O(its cursors). */
    public int killForLoadBalancedConnection(long connectionId, CursorKillReason reason) {
        return killForLoadBalancedConnections(new long[] {connectionId}, reason);
    }

    /**
     * Kill every cursor created on the load-balanced connections {@code connectionIds}; O(their cursors). The
     * shard cursors among them are closed together: one killCursors per shard and namespace.
     */
    public int killForLoadBalancedConnections(long[] connectionIds, CursorKillReason reason) {
        ShardCursorKills shardKills = new ShardCursorKills();
        int n = 0;
        try {
            for (long id : connectionIds) {
                for (ClusterCursor c : byLoadBalancedConnection.get(id)) {
                    n++;
                    killOne(c, reason, shardKills);
                }
            }
        } finally {
            shardKills.send();
        }
        return n;
    }

    /** Kill every cursor of session {@code lsid}; O(its cursors). */
    public int killForSession(LogicalSessionId lsid, CursorKillReason reason) {
        ClusterCursor[] own = bySession.get(lsid);
        for (ClusterCursor c : own) {
            killOne(c, reason);
        }
        return own.length;
    }

    /** Kill every cursor of transaction {@code txnNumber} of session {@code lsid}; O(the session's cursors). */
    public int killForTransaction(LogicalSessionId lsid, long txnNumber, CursorKillReason reason) {
        int n = 0;
        for (ClusterCursor c : bySession.get(lsid)) {
            Long txn = c.origin().txnNumber();
            if (txn != null && txn == txnNumber) {
                n++;
                killOne(c, reason);
            }
        }
        return n;
    }

    private void killOne(ClusterCursor c, CursorKillReason reason) {
        killOne(c, reason, null);
    }

    private void killOne(ClusterCursor c, CursorKillReason reason, ShardCursorKills shardKills) {
        if (c.markKilled(reason)) {
            destroy(c, reason, shardKills);
        } else {
            LOG.debug("cursor kill deferred until its getMore finishes cursorId={} reason={}", c.id(), reason);
            interruptAwait(c);
        }
    }

    /** One reaper pass: kill cursors idle longer than {@code timeoutMillis} (not pinned, not noCursorTimeout). */
    public int reapIdle(long timeoutMillis) {
        long now = clock.getAsLong();
        return killMatching(c -> !c.noCursorTimeout() && !c.pinned() && now - c.lastUsedMillis() > timeoutMillis,
                CursorKillReason.TIMEOUT);
    }

    /** A kill deferred on a pinned awaitData cursor: its getMore may be waiting for data, so end the wait. */
    private static void interruptAwait(ClusterCursor c) {
        if (c.awaitData() && c.pinned()) {
            c.source().interrupt();
        }
    }

    private void destroy(ClusterCursor c, CursorKillReason reason) {
        destroy(c, reason, null);
    }

    /** With {@code shardKills}, a shard cursor is left to it to kill (with others); null: killed now. */
    private void destroy(ClusterCursor c, CursorKillReason reason, ShardCursorKills shardKills) {
        c.markDead();
        if (unregister(c)) {
            killed.get(reason).incrementAndGet();
            LOG.debug("cursor killed cursorId={} ns={} reason={}", c.id(), c.ns(), reason);
        }
        if (shardKills == null || !shardKills.add(c.source())) {
            c.source().kill();
        }
    }

    public ClusterCursor get(long id) {
        return cursors.get(id);
    }

    /** The open cursors, for $currentOp and the session and connection cleanups. */
    public List<ClusterCursor> snapshot() {
        return new ArrayList<>(cursors.values());
    }

    public int openTotal() {
        return cursors.size();
    }

    public long openNoTimeout() {
        return cursors.values().stream().filter(ClusterCursor::noCursorTimeout).count();
    }

    public long openPinned() {
        return cursors.values().stream().filter(ClusterCursor::pinned).count();
    }

    /** Connections (load-balanced) and sessions the indexes hold cursors for, for tests: {connections, sessions}. */
    int[] indexedKeys() {
        return new int[] {byLoadBalancedConnection.keys(), bySession.keys()};
    }

    /** Cursors the indexes hold, for tests: {by connection, by session}. */
    int[] indexedCursors() {
        return new int[] {byLoadBalancedConnection.size(), bySession.size()};
    }

    public long totalOpened() {
        return totalOpened.get();
    }

    public long killedCount(CursorKillReason reason) {
        return killed.get(reason).get();
    }
}
