package io.jmongos.router.shardsvr;

import java.util.concurrent.ConcurrentHashMap;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * The movePrimary critical section of each database on this shard (MongoDB's database critical section): while a
 * database's section is held, versioned commands on it (those carrying {@code databaseVersion}) wait; entering waits
 * for the versioned commands already running on it to finish. Commands without {@code databaseVersion} (the
 * router's own cloning and metadata reads) are never held.
 */
final class DatabaseCriticalSections {
    /** One database: versioned commands running now, and whether the section is held (with why). */
    private static final class Gate {
        private int inFlight;
        private String heldFor;
    }

    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

    private Gate gate(String db) {
        return gates.computeIfAbsent(db, k -> new Gate());
    }

    /**
     * A versioned command on {@code db} begins: waits while the section is held, until {@code deadlineNanos}.
     *
     * @return null when the command may run (call {@link #commandDone} after it), else why the section is held
     */
    String commandBegins(String db, long deadlineNanos) {
        Gate g = gate(db);
        synchronized (g) {
            while (g.heldFor != null) {
                if (!waitUntil(g, deadlineNanos)) {
                    return g.heldFor;
                }
            }
            g.inFlight++;
            return null;
        }
    }

    void commandDone(String db) {
        Gate g = gate(db);
        synchronized (g) {
            g.inFlight--;
            g.notifyAll();
        }
    }

    /**
     * Enter the section of {@code db}: new versioned commands wait from now on; returns once the running ones have
     * finished. Entering a section already held for the same reason is a no-op (a retried enter); held for another
     * reason (another movePrimary) it is 117 ConflictingOperationInProgress. If the running commands do not finish by
     * {@code deadlineNanos} the section is left again and 50 MaxTimeMSExpired is thrown.
     */
    void enter(String db, String reason, long deadlineNanos) {
        Gate g = gate(db);
        synchronized (g) {
            if (g.heldFor != null) {
                if (!g.heldFor.equals(reason)) {
                    throw conflict(db, reason, g.heldFor, "acquire");
                }
                return;
            }
            g.heldFor = reason;
            while (g.inFlight > 0) {
                if (!waitUntil(g, deadlineNanos)) {
                    g.heldFor = null;
                    g.notifyAll();
                    throw new CommandFailedException(ErrorCode.MAX_TIME_MS_EXPIRED, "operation exceeded time limit: "
                            + g.inFlight + " versioned command(s) on database " + db
                            + " still running; the critical section was not entered");
                }
            }
        }
    }

    /**
     * Leave the section of {@code db}: the waiting commands go on (and re-check their version). With a
     * {@code reason}, only the section entered for that reason is left (117 if another operation holds it); without
     * one, whoever holds it.
     */
    void exit(String db, String reason) {
        Gate g = gate(db);
        synchronized (g) {
            if (reason != null && g.heldFor != null && !g.heldFor.equals(reason)) {
                throw conflict(db, reason, g.heldFor, "release");
            }
            g.heldFor = null;
            g.notifyAll();
        }
    }

    /** MongoDB's refusal of a critical section taken by another operation (sharding_recovery_service). */
    private static CommandFailedException conflict(String db, String reason, String heldFor, String verb) {
        return new CommandFailedException(ErrorCode.CONFLICTING_OPERATION_IN_PROGRESS, "Trying to " + verb
                + " a critical section for database " + db + " and reason " + reason
                + " but it is already taken by another operation with different reason " + heldFor);
    }

    /** Why the section of {@code db} is held, or null. */
    String heldFor(String db) {
        Gate g = gates.get(db);
        if (g == null) {
            return null;
        }
        synchronized (g) {
            return g.heldFor;
        }
    }

    /** Wait on {@code g}'s monitor until notified or the deadline; false once the deadline has passed. */
    private static boolean waitUntil(Object g, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            long ms = Math.max(1, left / 1_000_000L);
            g.wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(ErrorCode.INTERRUPTED, "interrupted while waiting for the critical "
                    + "section");
        }
        return true;
    }
}
