package io.jmongos.router.shard.remote;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds: readiness, never a timing assertion (the bound only stops a hang). */
final class Poll {
    /** Bound on any wait of these tests: far above what any of them needs on a loaded 2-core machine. */
    static final long BOUND_MILLIS = 30_000;
    /** Pause between two looks at the condition. */
    static final long STEP_MILLIS = 10;

    private Poll() {
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not true after " + BOUND_MILLIS + " ms: " + what);
            }
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
