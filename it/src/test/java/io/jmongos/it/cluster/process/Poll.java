package io.jmongos.it.cluster.process;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for a condition with a deadline: the condition is checked again every {@value #PAUSE_MILLIS} ms until it
 * holds or the deadline passes, then the test fails with what was last seen. Never a fixed sleep: a fast machine
 * goes on as soon as the condition holds, a slow one gets the whole deadline.
 */
final class Poll {
    /** Pause between two checks: short enough not to slow a test, long enough not to busy the 2 CI cores. */
    static final long PAUSE_MILLIS = 50;

    private Poll() {
    }

    /** A check that may throw (a server not answering yet counts as "not yet"). */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    /**
     * Wait until {@code check} holds.
     *
     * @param what    what is awaited, for the failure message
     * @param seen    what is currently seen, for the failure message (called only on failure)
     * @throws AssertionError when the deadline passes first
     */
    static void until(String what, Duration within, Check check, Supplier<String> seen) {
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError("not within " + within + ": " + what + "; seen: "
                        + safely(seen));
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            pause();
        }
    }

    static void until(String what, Duration within, Check check) {
        until(what, within, check, () -> "(nothing to show)");
    }

    private static String safely(Supplier<String> seen) {
        try {
            return seen.get();
        } catch (RuntimeException e) {
            return "(could not read: " + e + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
