package io.jmongos.router.session;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.bson.BsonTimestamp;

/**
 * The router's cluster time: a Timestamp (seconds, increment) that never goes back, ticks on every
 * write and is advanced by times gossiped in from clients and shards. Reads report the current time as
 * their {@code operationTime}, so a causally consistent client's {@code afterClusterTime} is always
 * satisfied by the router's single shard view.
 */
public final class LogicalClock {
    /**
     * Gossiped times further than this ahead of the wall clock are ignored: MongoDB's
     * maxAcceptableLogicalClockDriftSecs default (one year).
     */
    static final long MAX_ACCEPTABLE_DRIFT_SECS = 365L * 24 * 60 * 60;
    private static final long INC_MASK = 0xFFFF_FFFFL;

    private final LongSupplier wallMillis;
    private final AtomicLong packed;

    public LogicalClock() {
        this(System::currentTimeMillis);
    }

    public LogicalClock(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
        this.packed = new AtomicLong(((wallMillis.getAsLong() / 1000) << 32) | 1L);
    }

    public BsonTimestamp current() {
        return new BsonTimestamp(packed.get());
    }

    /** The current time as a Timestamp's 64-bit value (seconds << 32 | increment), without allocating. */
    public long currentValue() {
        return packed.get();
    }

    /** Reserve the next time for a write and return it. */
    public BsonTimestamp tick() {
        long secs = wallMillis.getAsLong() / 1000;
        long next = packed.updateAndGet(cur -> {
            long curSecs = cur >>> 32;
            if (secs > curSecs) {
                return (secs << 32) | 1L;
            }
            long inc = cur & INC_MASK;
            return inc == INC_MASK ? ((curSecs + 1) << 32) | 1L : cur + 1;
        });
        return new BsonTimestamp(next);
    }

    /** Move the clock forward to {@code t} if it is later and not absurdly far ahead of the wall clock. */
    public void advanceTo(BsonTimestamp t) {
        if (t == null || Long.compareUnsigned(t.getValue(), packed.get()) <= 0) {
            return; // the usual case, a client or shard gossiping a time the router has reached: no write
        }
        long limitSecs = wallMillis.getAsLong() / 1000 + MAX_ACCEPTABLE_DRIFT_SECS;
        if ((t.getValue() >>> 32) > limitSecs) {
            return;
        }
        packed.accumulateAndGet(t.getValue(), (cur, in) -> Long.compareUnsigned(in, cur) > 0 ? in : cur);
    }
}
