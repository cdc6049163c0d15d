package io.jmongos.router.drain;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;

/**
 * The graceful drain of a shutdown (SIGTERM, SIGINT or the {@code shutdown} command): readiness turns 503, the
 * agent says {@code drain} and hello fails with ShutdownInProgress at once; the listeners stop accepting; idle
 * load-balanced connections are closed (their drivers open the next connection through the balancer, on another
 * router); connections with an open cursor or transaction, and commands in flight, are waited for until they
 * finish, the timeout ends or {@link #endWait} is called (a second signal); then every remaining connection is
 * closed, which runs the load-balancer cleanup. One log line per step, with the counts left. Netty-free: the
 * frontend hands in how to stop accepting; connections close through their own event loops.
 */
public final class GracefulDrain {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulDrain.class);
    /** How often the wait looks at the connections again: 50 ms (jmongos' own choice: a tenth of HAProxy's
     *  usual agent-inter, and cheap: one pass over the open connections). */
    static final long POLL_MILLIS = 50;
    /** After the wait, how long a connection may still take to finish the reply it is writing: 1 s (jmongos' own). */
    static final long FINAL_GRACE_MILLIS = 1000;
    static final int LOG_DRAIN_STARTED = LogIds.JMONGOS_BASE + 400;
    static final int LOG_LISTENERS_CLOSED = LogIds.JMONGOS_BASE + 401;
    static final int LOG_WAIT_ENDED = LogIds.JMONGOS_BASE + 402;
    static final int LOG_REMAINING_CLOSED = LogIds.JMONGOS_BASE + 403;

    private final RouterServices services;
    private final Runnable stopAccepting;
    private final Object lock = new Object();
    private boolean waitEnded;

    /** What a drain did: how its wait ended and how many connections it closed where. */
    public record Result(String waitEndedBy, int idleClosedRequests, int waitedFor, int closedAtEnd) {
    }

    public GracefulDrain(RouterServices services, Runnable stopAccepting) {
        this.services = services;
        this.stopAccepting = stopAccepting;
    }

    /** End the wait now (a second SIGTERM): the remaining connections are closed at once. */
    public void endWait() {
        synchronized (lock) {
            waitEnded = true;
            lock.notifyAll();
        }
    }

    /** Run the drain; returns when every connection was closed (the store is the caller's to close). */
    public Result run(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        services.health().startDraining();
        Counts start = count();
        StructuredLog.info(LOG, LOG_DRAIN_STARTED, LogComponent.CONTROL, "Shutdown: draining")
                .addKeyValue("timeoutMillis", timeoutMillis)
                .addKeyValue("connections", start.open)
                .addKeyValue("loadBalancedIdle", start.idle.size())
                .addKeyValue("loadBalancedWithWork", start.withWork)
                .addKeyValue("activeCommands", start.active).log();
        stopAccepting.run();
        StructuredLog.info(LOG, LOG_LISTENERS_CLOSED, LogComponent.NETWORK,
                        "Shutdown: listeners closed, closing idle load-balanced connections")
                .addKeyValue("connections", start.open)
                .addKeyValue("loadBalancedIdle", start.idle.size()).log();
        int idleRequests = 0;
        int waitedFor = start.withWork;
        String endedBy;
        while (true) {
            Counts c = count();
            c.idle.forEach(this::closeIfIdleWithoutWork);
            idleRequests += c.idle.size();
            waitedFor = Math.max(waitedFor, c.withWork);
            if (c.withWork == 0 && c.active == 0) {
                endedBy = "finished";
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                endedBy = "timeout";
                break;
            }
            if (awaitEnd(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000L)))) {
                endedBy = "signal";
                break;
            }
        }
        Counts end = count();
        StructuredLog.info(LOG, LOG_WAIT_ENDED, LogComponent.CONTROL, "Shutdown: drain wait ended")
                .addKeyValue("endedBy", endedBy)
                .addKeyValue("connections", end.open)
                .addKeyValue("loadBalancedWithWork", end.withWork)
                .addKeyValue("activeCommands", end.active).log();
        List<ClientConnectionState> rest = new ArrayList<>(services.connections().openConnections());
        closeRemaining(endedBy.equals("finished"));
        StructuredLog.info(LOG, LOG_REMAINING_CLOSED, LogComponent.NETWORK,
                        "Shutdown: closed the remaining connections (load-balancer cleanup follows)")
                .addKeyValue("connections", rest.size()).log();
        return new Result(endedBy, idleRequests, waitedFor, rest.size());
    }

    /**
     * Close every connection as soon as no request runs on it (so a reply being written is not cut off) and, when
     * the wait finished ({@code keepWork}), it holds no cursor or transaction either (the clients kept using their
     * open connections after the wait saw none: a cursor opened since is served to its end rather than killed;
     * between two requests the connection goes), for at most {@link #FINAL_GRACE_MILLIS}; then close what is left
     * at once.
     */
    private void closeRemaining(boolean keepWork) {
        long deadline = System.nanoTime() + FINAL_GRACE_MILLIS * 1_000_000L;
        while (!services.connections().openConnections().isEmpty() && System.nanoTime() < deadline) {
            for (ClientConnectionState conn : services.connections().openConnections()) {
                if (keepWork) {
                    closeIfIdleWithoutWork(conn);
                } else {
                    conn.closeIfIdle();
                }
            }
            try {
                Thread.sleep(POLL_MILLIS / 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        services.connections().openConnections().forEach(ClientConnectionState::closeNow);
    }

    /**
     * Close {@code conn} if, on its event loop, no request runs on it and it holds no cursor or transaction (it may
     * have opened one since it was counted idle).
     */
    private void closeIfIdleWithoutWork(ClientConnectionState conn) {
        conn.closeIfIdle(() -> !services.health().holdsWork(conn));
    }

    private boolean awaitEnd(long millis) {
        synchronized (lock) {
            if (!waitEnded) {
                try {
                    lock.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return waitEnded;
        }
    }

    /** One pass over the open connections. */
    private Counts count() {
        Counts c = new Counts();
        for (ClientConnectionState conn : services.connections().openConnections()) {
            c.open++;
            if (!conn.loadBalancerPort()) {
                continue; // main port and plain proxy clients: closed at the end
            }
            if (services.health().holdsWork(conn)) {
                c.withWork++;
            } else {
                c.idle.add(conn);
            }
        }
        c.active = services.connections().active();
        return c;
    }

    private static final class Counts {
        int open;
        int withWork;
        int active;
        final List<ClientConnectionState> idle = new ArrayList<>();
    }
}
