package io.jmongos.router.shard.remote;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.wire.client.WireClientException;

/**
 * Whether one shard host answers: unknown until the first connection attempt, then reachable or unreachable, with
 * one log line per change. While unreachable, requests fail at once (no connect attempt each) and a probe opens a
 * connection with exponential backoff until one succeeds: first after 500 ms, the drivers' minHeartbeatFrequencyMS
 * (server discovery and monitoring specification), doubling up to 10 s, their heartbeatFrequencyMS default.
 */
final class HostReachability implements ShardConnectionPool.Listener {
    /** First probe delay: the drivers' minHeartbeatFrequencyMS, 500 ms. */
    static final long FIRST_PROBE_DELAY_MILLIS = 500;
    /** Longest probe delay: the drivers' heartbeatFrequencyMS default, 10 s. */
    static final long MAX_PROBE_DELAY_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(HostReachability.class);

    enum State { UNKNOWN, REACHABLE, UNREACHABLE }

    private final String shard;
    private final String host;
    private final ScheduledExecutorService timer;
    private Supplier<CompletableFuture<Void>> probe;
    private State state = State.UNKNOWN;
    private WireClientException lastError;
    private long nextDelayMillis = FIRST_PROBE_DELAY_MILLIS;
    private boolean closed;

    HostReachability(String shard, String host, ScheduledExecutorService timer) {
        this.shard = shard;
        this.host = host;
        this.timer = timer;
    }

    /** What a probe does: open one connection (the pool's {@code openIdle}). Set once, before any attempt. */
    void probeWith(Supplier<CompletableFuture<Void>> openOne) {
        this.probe = openOne;
    }

    synchronized State state() {
        return state;
    }

    /** The error that made the host unreachable, while it is; else null. */
    synchronized WireClientException unreachableBecause() {
        return state == State.UNREACHABLE ? lastError : null;
    }

    @Override
    public void opened() {
        State previous;
        synchronized (this) {
            previous = state;
            if (previous == State.REACHABLE || closed) {
                return;
            }
            state = State.REACHABLE;
            lastError = null;
            nextDelayMillis = FIRST_PROBE_DELAY_MILLIS;
        }
        StructuredLog.info(LOG, LogIds.REMOTE_SHARD_HOST_REACHABLE, LogComponent.SHARDING, "Shard host is reachable")
                .addKeyValue("shard", shard).addKeyValue("host", host)
                .addKeyValue("previousState", previous.name().toLowerCase(Locale.ROOT)).log();
    }

    @Override
    public void openFailed(WireClientException error) {
        synchronized (this) {
            lastError = error;
            if (state == State.UNREACHABLE || closed) {
                return;
            }
            state = State.UNREACHABLE;
            nextDelayMillis = FIRST_PROBE_DELAY_MILLIS;
        }
        StructuredLog.warn(LOG, LogIds.REMOTE_SHARD_HOST_UNREACHABLE, LogComponent.SHARDING,
                        "Shard host is unreachable")
                .addKeyValue("shard", shard).addKeyValue("host", host).addKeyValue("error", error.getMessage()).log();
        scheduleProbe();
    }

    void close() {
        synchronized (this) {
            closed = true;
        }
    }

    private void scheduleProbe() {
        long delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            delay = nextDelayMillis;
            nextDelayMillis = Math.min(nextDelayMillis * 2, MAX_PROBE_DELAY_MILLIS);
        }
        timer.schedule(this::runProbe, delay, TimeUnit.MILLISECONDS);
    }

    private void runProbe() {
        synchronized (this) {
            if (closed || state != State.UNREACHABLE) {
                return;
            }
        }
        probe.get().whenComplete((ignored, error) -> {
            if (state() == State.UNREACHABLE) {
                scheduleProbe();
            }
        });
    }
}
