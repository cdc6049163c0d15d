package io.jmongos.router.shard.remote;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.jmongos.wire.client.WireClientConnection;
import io.jmongos.wire.client.WireClientException;
import io.jmongos.wire.client.WireClientException.Kind;

/**
 * The connections to one shard host, kept apart from the connection class as the Java driver keeps
 * {@code DefaultConnectionPool} apart from {@code InternalStreamConnection}. A request checks out an idle
 * connection (most recently used first), or opens one while fewer than the maximum exist, or waits for one to be
 * returned until its deadline. A connection that closes while idle leaves the pool at once. {@link #maintain}
 * (run periodically) closes connections idle longer than the host timeout and, while the host is in use, opens
 * connections up to the minimum. Every open attempt reports to the {@link Listener} (the host's reachability).
 */
final class ShardConnectionPool implements AutoCloseable {
    /** Told of every attempt to open a connection. */
    interface Listener {
        void opened();

        void openFailed(WireClientException error);
    }

    private final String host;
    private final ShardConnector connector;
    private final RemoteShardSettings settings;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    private int total;
    private int inUse;
    private int peak;
    private long created;
    private long lastRequestNanos;
    private boolean closed;

    ShardConnectionPool(String host, ShardConnector connector, RemoteShardSettings settings, Listener listener) {
        this.host = host;
        this.connector = connector;
        this.settings = settings;
        this.listener = listener;
        this.lastRequestNanos = System.nanoTime();
    }

    /**
     * A connection for one request, opened if need be (blocking up to the connect timeout) or waited for until
     * {@code deadlineNanos}.
     *
     * @throws WireClientException the open failure; TIMEOUT when none was free by the deadline; INTERRUPTED;
     *                             CLOSED when the pool is closed
     */
    PooledConnection acquire(long deadlineNanos) {
        lock.lock();
        try {
            lastRequestNanos = System.nanoTime();
            while (true) {
                checkOpen();
                PooledConnection c;
                while ((c = idle.pollFirst()) != null) {
                    if (c.connection().isOpen()) {
                        c.state = PooledConnection.State.IN_USE;
                        inUse++;
                        return c;
                    }
                    retire(c);
                }
                if (settings.roomFor(total)) {
                    reserve();
                    break;
                }
                long wait = deadlineNanos - System.nanoTime();
                if (wait <= 0) {
                    throw new WireClientException(Kind.TIMEOUT, "no connection to " + host + " became free within "
                            + settings.requestTimeout().toMillis() + " ms (all " + total + " in use)");
                }
                try {
                    returned.awaitNanos(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WireClientException(Kind.INTERRUPTED, "interrupted waiting for a connection to " + host);
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            return openReserved(true).join();
        } catch (CompletionException e) {
            throw asWireError(e);
        }
    }

    /** Returns a connection after a request that got its reply. */
    void release(PooledConnection c) {
        WireClientConnection toClose = null;
        lock.lock();
        try {
            inUse--;
            c.lastUsedNanos = System.nanoTime();
            if (closed || !c.connection().isOpen()) {
                retire(c);
                toClose = c.connection();
            } else {
                c.state = PooledConnection.State.IDLE;
                idle.addFirst(c);
            }
            returned.signal();
        } finally {
            lock.unlock();
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** Closes a connection whose request failed (its state is unknown) and gives its place back. */
    void discard(PooledConnection c) {
        lock.lock();
        try {
            inUse--;
            retire(c);
            returned.signal();
        } finally {
            lock.unlock();
        }
        c.connection().close();
    }

    /** Opens one idle connection if there is room (the reconnect probe); the future completes either way. */
    CompletableFuture<Void> openIdle() {
        lock.lock();
        try {
            if (closed || !settings.roomFor(total)) {
                return CompletableFuture.completedFuture(null);
            }
            reserve();
        } finally {
            lock.unlock();
        }
        return openReserved(false).handle((c, e) -> null);
    }

    /** Closes connections idle past the host timeout; while the host is in use, opens up to the minimum. */
    void maintain() {
        List<WireClientConnection> toClose = new ArrayList<>();
        int toOpen = 0;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            long timeout = settings.hostTimeout().toNanos();
            boolean hostInUse = now - lastRequestNanos < timeout;
            int keep = hostInUse ? settings.minSize() : 0;
            Iterator<PooledConnection> oldestFirst = idle.descendingIterator();
            while (oldestFirst.hasNext()) {
                PooledConnection c = oldestFirst.next();
                boolean expired = now - c.lastUsedNanos >= timeout && total > keep;
                if (expired || !c.connection().isOpen()) {
                    oldestFirst.remove();
                    retire(c);
                    toClose.add(c.connection());
                }
            }
            while (hostInUse && total < settings.minSize() && settings.roomFor(total)) {
                reserve();
                toOpen++;
            }
        } finally {
            lock.unlock();
        }
        toClose.forEach(WireClientConnection::close);
        for (int i = 0; i < toOpen; i++) {
            openReserved(false);
        }
    }

    PoolStats stats() {
        lock.lock();
        try {
            return new PoolStats(total, idle.size(), inUse, peak, created);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<PooledConnection> toClose;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            toClose.forEach(this::retire);
            returned.signalAll();
        } finally {
            lock.unlock();
        }
        toClose.forEach(c -> c.connection().close());
    }

    /** Counts a connection about to be opened; caller holds the lock and checked there is room. */
    private void reserve() {
        total++;
        peak = Math.max(peak, total);
    }

    /**
     * Opens the connection {@link #reserve} made room for; checked out when {@code forRequest}, else parked idle.
     * The future fails with the open error (after giving the place back and telling the listener).
     */
    private CompletableFuture<PooledConnection> openReserved(boolean forRequest) {
        CompletableFuture<WireClientConnection> opening;
        try {
            opening = connector.connect();
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        return opening.handle((connection, error) -> {
            if (error != null) {
                WireClientException e = asWireError(error);
                giveBack();
                listener.openFailed(e);
                throw e;
            }
            PooledConnection c = admit(connection, forRequest);
            listener.opened();
            if (c == null) {
                throw new WireClientException(Kind.CLOSED, "the pool of " + host + " is closed");
            }
            return c;
        });
    }

    private PooledConnection admit(WireClientConnection connection, boolean forRequest) {
        long now = System.nanoTime();
        lock.lock();
        try {
            created++;
            if (closed) {
                total--;
                connection.close();
                return null;
            }
            PooledConnection c = new PooledConnection(connection,
                    forRequest ? PooledConnection.State.IN_USE : PooledConnection.State.IDLE, now);
            if (forRequest) {
                inUse++;
            } else {
                idle.addFirst(c);
                returned.signal();
            }
            connection.closeFuture().thenRun(() -> closedWhileIdle(c));
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** A connection closed (the shard went away, or a timeout closed it): drop it now if it sat idle. */
    private void closedWhileIdle(PooledConnection c) {
        lock.lock();
        try {
            if (c.state == PooledConnection.State.IDLE) {
                idle.remove(c);
                retire(c);
                returned.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void giveBack() {
        lock.lock();
        try {
            total--;
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Uncounts a connection once; caller holds the lock. */
    private void retire(PooledConnection c) {
        if (c.state != PooledConnection.State.RETIRED) {
            c.state = PooledConnection.State.RETIRED;
            total--;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new WireClientException(Kind.CLOSED, "the pool of " + host + " is closed");
        }
    }

    static WireClientException asWireError(Throwable error) {
        Throwable t = error;
        while (!(t instanceof WireClientException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof WireClientException w ? w
                : new WireClientException(Kind.CONNECT_FAILED, String.valueOf(error), error);
    }
}
