package io.jmongos.router.txn;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.bson.BsonDocument;
import org.bson.BsonInt64;

/** The counters behind {@code serverStatus().transactions} (mongos's RouterTransactionsMetrics). */
public final class TransactionMetrics {
    private final AtomicLong currentOpen = new AtomicLong();
    private final AtomicLong currentActive = new AtomicLong();
    private final LongAdder totalStarted = new LongAdder();
    private final LongAdder totalCommitted = new LongAdder();
    private final LongAdder totalAborted = new LongAdder();
    private final LongAdder totalContactedParticipants = new LongAdder();
    private final LongAdder abortedByLoadBalancerDisconnect = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final Map<String, LongAdder> abortCause = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> commitInitiated = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> commitSuccessful = new ConcurrentHashMap<>();

    void started() {
        totalStarted.increment();
        currentOpen.incrementAndGet();
    }

    void becameActive() {
        currentActive.incrementAndGet();
    }

    void becameInactive() {
        currentActive.decrementAndGet();
    }

    void participantAdded() {
        totalContactedParticipants.increment();
    }

    void committed(boolean wasActive) {
        totalCommitted.increment();
        ended(wasActive);
    }

    void aborted(String cause, boolean wasActive) {
        totalAborted.increment();
        abortCause.computeIfAbsent(cause, k -> new LongAdder()).increment();
        ended(wasActive);
    }

    void abortedByLoadBalancerDisconnect() {
        abortedByLoadBalancerDisconnect.increment();
    }

    void expired() {
        expired.increment();
    }

    void commitInitiated(String type) {
        commitInitiated.computeIfAbsent(type, k -> new LongAdder()).increment();
    }

    void commitSuccessful(String type) {
        commitSuccessful.computeIfAbsent(type, k -> new LongAdder()).increment();
    }

    private void ended(boolean wasActive) {
        currentOpen.decrementAndGet();
        if (wasActive) {
            currentActive.decrementAndGet();
        }
    }

    public long currentOpen() {
        return currentOpen.get();
    }

    public long currentActive() {
        return currentActive.get();
    }

    public long totalAborted() {
        return totalAborted.sum();
    }

    public long totalCommitted() {
        return totalCommitted.sum();
    }

    public long abortCause(String cause) {
        LongAdder a = abortCause.get(cause);
        return a == null ? 0 : a.sum();
    }

    public long abortedByLoadBalancerDisconnectCount() {
        return abortedByLoadBalancerDisconnect.sum();
    }

    /** The {@code transactions} section of serverStatus. */
    public BsonDocument toBson() {
        long open = currentOpen.get();
        long active = Math.min(currentActive.get(), open);
        BsonDocument causes = new BsonDocument();
        new TreeMap<>(abortCause).forEach((k, v) -> causes.append(k, new BsonInt64(v.sum())));
        BsonDocument commitTypes = new BsonDocument();
        for (String type : new String[] {"noShards", "singleShard", "singleWriteShard", "readOnly", "twoPhaseCommit",
            "recoverWithToken"}) {
            commitTypes.append(type, new BsonDocument("initiated", count(commitInitiated, type))
                    .append("successful", count(commitSuccessful, type)));
        }
        return new BsonDocument("currentOpen", new BsonInt64(open))
                .append("currentActive", new BsonInt64(active))
                .append("currentInactive", new BsonInt64(Math.max(0, open - active)))
                .append("totalStarted", new BsonInt64(totalStarted.sum()))
                .append("totalCommitted", new BsonInt64(totalCommitted.sum()))
                .append("totalAborted", new BsonInt64(totalAborted.sum()))
                .append("abortCause", causes)
                .append("totalContactedParticipants", new BsonInt64(totalContactedParticipants.sum()))
                .append("commitTypes", commitTypes)
                .append("totalExpired", new BsonInt64(expired.sum()))
                .append("abortedByLoadBalancerDisconnect", new BsonInt64(abortedByLoadBalancerDisconnect.sum()));
    }

    private static BsonInt64 count(Map<String, LongAdder> m, String k) {
        LongAdder a = m.get(k);
        return new BsonInt64(a == null ? 0 : a.sum());
    }
}
