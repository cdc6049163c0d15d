package io.jmongos.bench.scale;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.bench.jit.JitCounters;
import io.jmongos.bench.target.RunningTarget;

/**
 * Waits, before a disconnect round, until the target's JIT compiler is quiet (the load scenarios' rule,
 * {@link JitCounters#SETTLED_COMPILES_PER_SECOND}), so the round times the cleanup and not the compiler still
 * busy with the round's own setup on the same cores.
 */
final class JitSettle {
    /** Compile counts are compared over windows this long. */
    static final long WINDOW_MILLIS = 400;
    /** Waits no longer than this, settled or not (the result says which). */
    static final long MAX_WAIT_MILLIS = 20_000;

    private JitSettle() {
    }

    /** The target's compile count so far, or -1 when it cannot be read. */
    static long compiles(RunningTarget target) {
        JitCounters c = target.server() == null ? null : JitCounters.of(target.server().pid());
        return c == null ? -1 : c.compiles();
    }

    /** Wait for the target's JIT to settle; what happened, or a note when the counters cannot be read. */
    static BsonDocument await(RunningTarget target) throws InterruptedException {
        if (target.server() == null) {
            return new BsonDocument("note", new BsonString("no target process to watch"));
        }
        long pid = target.server().pid();
        long start = System.nanoTime();
        JitCounters previous = JitCounters.of(pid);
        if (previous == null) {
            return new BsonDocument("note", new BsonString("JIT counters unreadable"));
        }
        double rate;
        while (true) {
            Thread.sleep(WINDOW_MILLIS);
            JitCounters now = JitCounters.of(pid);
            if (now == null) {
                return new BsonDocument("note", new BsonString("JIT counters unreadable"));
            }
            rate = now.minus(previous).compiles() * 1000.0 / WINDOW_MILLIS;
            previous = now;
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (rate < JitCounters.SETTLED_COMPILES_PER_SECOND || waited >= MAX_WAIT_MILLIS) {
                return new BsonDocument("waitedMillis", new BsonInt64(waited))
                        .append("settled", BsonBoolean.valueOf(rate < JitCounters.SETTLED_COMPILES_PER_SECOND))
                        .append("lastCompilesPerSec", new BsonDouble(rate));
            }
        }
    }
}
