package io.jmongos.router.txn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonDocument;

import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.LogicalSessionId;
import io.jmongos.router.shard.Shard;

/**
 * One multi-document transaction as the router knows it (mongos's TransactionRouter state for one
 * txnNumber): its participants, every connection that ran a statement in it, its state and timings.
 * Mutable state is guarded by the object's monitor.
 */
public final class RouterTransaction {
    private final LogicalSessionId lsid;
    private final long txnNumber;
    private final BsonDocument readConcern;
    private final long startWallMillis;
    private final long startNanos;
    private final Map<String, Shard> participants = new LinkedHashMap<>();
    private final Set<Long> connectionIds = new LinkedHashSet<>();
    private TransactionState state = TransactionState.IN_PROGRESS;
    private String abortCause;
    private int activeStatements;
    private boolean countedActive;
    private long activeSinceNanos;
    private long activeNanos;
    private long endNanos;
    private ClientInfo lastClient;

    RouterTransaction(LogicalSessionId lsid, long txnNumber, BsonDocument readConcern, long startWallMillis,
                      long startNanos) {
        this.lsid = lsid;
        this.txnNumber = txnNumber;
        this.readConcern = readConcern;
        this.startWallMillis = startWallMillis;
        this.startNanos = startNanos;
    }

    public LogicalSessionId lsid() {
        return lsid;
    }

    public long txnNumber() {
        return txnNumber;
    }

    /** The readConcern of the first statement (empty when it gave none). */
    public BsonDocument readConcern() {
        return readConcern;
    }

    public long startWallMillis() {
        return startWallMillis;
    }

    public long startNanos() {
        return startNanos;
    }

    public synchronized TransactionState state() {
        return state;
    }

    public synchronized String abortCause() {
        return abortCause;
    }

    public synchronized boolean inProgress() {
        return state == TransactionState.IN_PROGRESS;
    }

    public synchronized boolean active() {
        return activeStatements > 0;
    }

    public synchronized List<Shard> participants() {
        return new ArrayList<>(participants.values());
    }

    public synchronized List<Long> connectionIds() {
        return new ArrayList<>(connectionIds);
    }

    public synchronized ClientInfo lastClient() {
        return lastClient;
    }

    public synchronized long activeMicros(long nowNanos) {
        long a = activeNanos + (activeStatements > 0 ? nowNanos - activeSinceNanos : 0);
        return a / 1000;
    }

    /** Time from start to now (or to the end), in microseconds. */
    public synchronized long openMicros(long nowNanos) {
        return ((state == TransactionState.IN_PROGRESS ? nowNanos : endNanos) - startNanos) / 1000;
    }

    synchronized boolean addParticipant(Shard shard) {
        return participants.putIfAbsent(shard.name(), shard) == null;
    }

    /** Forget a participant added by a statement the shard refused before it ran (a stale routing version). */
    synchronized void removeParticipant(Shard shard) {
        participants.remove(shard.name(), shard);
    }

    /** A statement starts on {@code client}; returns true if the transaction became active. */
    synchronized boolean statementStarted(ClientInfo client, long nowNanos) {
        connectionIds.add(client.connectionId());
        lastClient = client;
        if (activeStatements++ == 0 && state == TransactionState.IN_PROGRESS) {
            activeSinceNanos = nowNanos;
            countedActive = true;
            return true;
        }
        return false;
    }

    /** A statement ended; returns true if the transaction stopped counting as active. */
    synchronized boolean statementFinished(long nowNanos) {
        if (--activeStatements == 0) {
            activeNanos += nowNanos - activeSinceNanos;
            if (countedActive) {
                countedActive = false;
                return true;
            }
        }
        return false;
    }

    /**
     * Move to a final state. Returns null if it was no longer in progress, else whether it was counted
     * active (the caller adjusts the gauges).
     */
    synchronized Boolean end(TransactionState finalState, String cause, long nowNanos) {
        if (state != TransactionState.IN_PROGRESS) {
            return null;
        }
        state = finalState;
        abortCause = cause;
        endNanos = nowNanos;
        boolean wasActive = countedActive;
        countedActive = false;
        return wasActive;
    }
}
