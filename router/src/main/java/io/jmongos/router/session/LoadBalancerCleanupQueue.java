package io.jmongos.router.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.conn.ConnectionDecoration;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.StructuredLog;

/**
 * Closed load-balanced connections waiting for their cleanup, drained in batches by a few daemon threads (never
 * the event loop). Each cleanup is O(the connection's own cursors and transactions); many clients that
 * disconnect at once are shared between the drainers, which take them in chunks ({@link #CHUNK}: one killCursors
 * per shard and namespace for a whole chunk), and each drained batch logs one summary line.
 */
final class LoadBalancerCleanupQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancerCleanupQueue.class);
    /**
     * Drainer threads: 2, enough to overlap one cleanup's shard round trips with another's work without taking
     * the worker pool's cores (jmongos' own choice; mongos cleans up on the closing connection's thread).
     */
    static final int DRAINERS = 2;
    /**
     * Connections cleaned up together: 64, so their shard cursors share killCursors commands while the first of a
     * chunk waits only for the others' router-side kills (microseconds each) before its transactions are aborted
     * (jmongos' own choice).
     */
    static final int CHUNK = 64;
    /** How long close() waits for pending cleanups: 5 s, generous for in-process shard calls. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    /** System.nanoTime() when the closed connection was queued for its cleanup. */
    static final ConnectionDecoration<Long> QUEUED_AT = ConnectionDecoration.declareEmpty("cleanupQueuedAt");

    private final LoadBalancerCleanup sessions;
    private final Queue<ClientConnectionState> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainers = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(DRAINERS, r -> {
        Thread t = new Thread(r, "jmongos-lb-disconnect-cleanup");
        t.setDaemon(true);
        return t;
    });

    LoadBalancerCleanupQueue(LoadBalancerCleanup sessions) {
        this.sessions = sessions;
    }

    /**
     * Queue the cleanup of a closed connection; runs it here when the queue is shut down. A connection that left
     * no cursor and no transaction (most of them) is not queued: no drainer is woken for it.
     */
    void submit(ClientConnectionState conn) {
        if (!sessions.hasCleanupFor(conn)) {
            return;
        }
        conn.set(QUEUED_AT, System.nanoTime());
        pending.add(conn);
        startDrainer();
    }

    private void startDrainer() {
        while (!pending.isEmpty()) {
            int n = drainers.get();
            if (n >= DRAINERS) {
                return; // a running drainer re-checks the queue before it stops
            }
            if (drainers.compareAndSet(n, n + 1)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    drainers.decrementAndGet();
                    drainHere(); // shutting down: do it here rather than never
                }
                return;
            }
        }
    }

    private void drain() {
        try {
            drainHere();
        } finally {
            drainers.decrementAndGet();
        }
        startDrainer(); // a connection queued after our last poll, when every drainer was still counted
    }

    private void drainHere() {
        long start = System.nanoTime();
        int connections = 0;
        int cursors = 0;
        int transactions = 0;
        List<ClientConnectionState> chunk = new ArrayList<>(CHUNK);
        while (true) {
            ClientConnectionState conn;
            while (chunk.size() < CHUNK && (conn = pending.poll()) != null) {
                chunk.add(conn);
            }
            if (chunk.isEmpty()) {
                break;
            }
            LoadBalancerCleanup.Cleanup done = cleanUp(chunk);
            recordLatency(chunk);
            connections += chunk.size();
            cursors += done.cursorsKilled();
            transactions += done.transactionsAborted();
            chunk.clear();
        }
        if (cursors > 0 || transactions > 0) {
            StructuredLog.info(LOG, LoadBalancerCleanup.LOG_LB_CLEANUP, LogComponent.NETWORK,
                            "Cleaned up after load-balanced clients disconnected")
                    .addKeyValue("connections", connections)
                    .addKeyValue("cursorsKilled", cursors)
                    .addKeyValue("transactionsAborted", transactions)
                    .addKeyValue("durationMillis", (System.nanoTime() - start) / 1_000_000L)
                    .log();
        }
    }

    /** jmongos_load_balancer_cleanup_duration_seconds: from the queueing at close to the end of the cleanup. */
    private void recordLatency(List<ClientConnectionState> chunk) {
        long now = System.nanoTime();
        for (ClientConnectionState conn : chunk) {
            Long queued = conn.remove(QUEUED_AT);
            if (queued != null) {
                sessions.cleanupLatency().accept(now - queued);
            }
        }
    }

    /** One chunk together; should it fail, each of its connections alone, so one failure leaves no other behind. */
    private LoadBalancerCleanup.Cleanup cleanUp(List<ClientConnectionState> chunk) {
        try {
            return sessions.cleanUp(chunk);
        } catch (RuntimeException e) {
            LOG.debug("cleanup of a chunk of load-balanced connections failed, cleaning them up one by one", e);
        }
        int cursors = 0;
        int transactions = 0;
        for (ClientConnectionState conn : chunk) {
            try {
                LoadBalancerCleanup.Cleanup done = sessions.cleanUp(conn);
                cursors += done.cursorsKilled();
                transactions += done.transactionsAborted();
            } catch (RuntimeException e) {
                LOG.warn("cleanup after load-balanced client disconnected failed connectionId={}",
                        conn.connectionId(), e);
            }
        }
        return new LoadBalancerCleanup.Cleanup(cursors, transactions);
    }

    /** No cleanup waiting or running (for tests). */
    boolean idle() {
        return pending.isEmpty() && drainers.get() == 0;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainHere(); // whatever arrived after the drainers stopped
    }
}
