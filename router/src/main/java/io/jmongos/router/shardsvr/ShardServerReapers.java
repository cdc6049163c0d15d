package io.jmongos.router.shardsvr;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.session.SessionParameters;

/**
 * A shard server's own reapers, as mongod's: idle engine cursors are killed after {@code cursorTimeoutMillis}
 * (checked every {@code clientCursorMonitorFrequencySecs}), transactions older than
 * {@code transactionLifetimeLimitSeconds} are aborted (checked every min(1 s, half the limit), mongod's
 * abortExpiredTransactions job). Both limits are read at every pass, so a runtime setParameter applies at once.
 * This is what frees the shard-side cursors and transactions of a router that died without cleaning up.
 */
final class ShardServerReapers implements AutoCloseable {
    /** jmongos' log ids: a reaper pass that killed cursors / aborted transactions. */
    static final int LOG_CURSORS_TIMED_OUT = LogIds.JMONGOS_BASE + 500;
    static final int LOG_TRANSACTIONS_EXPIRED = LogIds.JMONGOS_BASE + 501;
    private static final Logger LOG = LoggerFactory.getLogger(ShardServerReapers.class);
    /** Upper bound of the transaction reaper's period: 1 second (mongod's abortExpiredTransactions job). */
    private static final long MAX_TRANSACTION_REAPER_PERIOD_MILLIS = 1000;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jmongos-shard-reaper");
        t.setDaemon(true);
        return t;
    });

    ShardServerReapers(EmbeddedEngine engine, ServerParameters params) {
        schedule(() -> {
            long timeout = params.getLong(SessionParameters.CURSOR_TIMEOUT_MILLIS);
            return logged(engine.reapIdleCursors(timeout), LOG_CURSORS_TIMED_OUT, LogComponent.QUERY,
                    "Killed idle cursors",
                    "cursorTimeoutMillis", timeout);
        }, () -> params.getLong(SessionParameters.CLIENT_CURSOR_MONITOR_FREQUENCY_SECS) * 1000);
        schedule(() -> {
            long limitMillis = lifetimeMillis(params);
            return logged(engine.abortExpiredTransactions(limitMillis), LOG_TRANSACTIONS_EXPIRED, LogComponent.TXN,
                    "Aborted expired transactions", "transactionLifetimeLimitSeconds", limitMillis / 1000);
        }, () -> Math.max(1, Math.min(MAX_TRANSACTION_REAPER_PERIOD_MILLIS, lifetimeMillis(params) / 2)));
    }

    private static long lifetimeMillis(ServerParameters params) {
        return params.getLong(SessionParameters.TRANSACTION_LIFETIME_LIMIT_SECONDS) * 1000;
    }

    private static int logged(int n, int id, String component, String msg, String limitName, long limit) {
        if (n > 0) {
            StructuredLog.info(LOG, id, component, msg)
                    .addKeyValue("count", n).addKeyValue(limitName, limit).log();
        }
        return n;
    }

    private void schedule(IntSupplier pass, LongSupplier periodMillis) {
        if (scheduler.isShutdown()) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                try {
                    pass.getAsInt();
                } catch (RuntimeException e) {
                    LOG.warn("shard reaper pass failed error={}", e.toString(), e);
                } finally {
                    schedule(pass, periodMillis);
                }
            }, periodMillis.getAsLong(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("shard reaper stopped");
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
