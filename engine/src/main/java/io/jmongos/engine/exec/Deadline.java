package io.jmongos.engine.exec;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/** An operation's maxTimeMS deadline, checked while scanning. */
public final class Deadline {
    /** No time limit. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** A deadline {@code maxTimeMS} from now; 0 or less means none (MongoDB: 0 = no limit). */
    public static Deadline afterMillis(long maxTimeMS) {
        if (maxTimeMS <= 0) {
            return NONE;
        }
        long now = System.nanoTime();
        long d = now + maxTimeMS * 1_000_000L;
        return new Deadline(d < now ? Long.MAX_VALUE : d);
    }

    /** Throws MaxTimeMSExpired (50) once the deadline has passed. */
    public void check() {
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
            throw new CommandFailedException(ErrorCode.MAX_TIME_MS_EXPIRED, "operation exceeded time limit");
        }
    }
}
