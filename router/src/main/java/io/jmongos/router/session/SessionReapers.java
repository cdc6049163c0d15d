package io.jmongos.router.session;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background passes: idle cursors (every clientCursorMonitorFrequencySecs), expired transactions
 * (every min(1 s, transactionLifetimeLimitSeconds / 2), as mongod's transaction reaper) and idle sessions
 * (every logicalSessionRefreshMillis). Each pass reschedules itself with the parameter's current value.
 */
final class SessionReapers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionReapers.class);
    /** Upper bound of the transaction reaper's period: 1 second (mongod's abortExpiredTransactions job). */
    private static final long MAX_TRANSACTION_REAPER_PERIOD_MILLIS = 1000;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jmongos-session-reaper");
        t.setDaemon(true);
        return t;
    });

    void start(Runnable cursorPass, LongSupplier cursorPeriodMillis, Runnable transactionPass,
               LongSupplier transactionLifetimeMillis, Runnable sessionPass, LongSupplier sessionPeriodMillis) {
        schedule(cursorPass, cursorPeriodMillis);
        schedule(transactionPass, () -> Math.max(1, Math.min(MAX_TRANSACTION_REAPER_PERIOD_MILLIS,
                transactionLifetimeMillis.getAsLong() / 2)));
        schedule(sessionPass, sessionPeriodMillis);
    }

    private void schedule(Runnable pass, LongSupplier periodMillis) {
        if (scheduler.isShutdown()) {
            return;
        }
        try {
            scheduler.schedule(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                LOG.warn("reaper pass failed error={}", e.toString(), e);
            } finally {
                schedule(pass, periodMillis);
            }
        }, periodMillis.getAsLong(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("reaper stopped");
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
