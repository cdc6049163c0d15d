package io.jmongos.router.conn;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The open client connections, as the frontend reports them, with the counters behind
 * {@code serverStatus.connections}. Netty-free: other services (currentOp, killOp) read it.
 */
public final class ConnectionRegistry {
    private final Map<Long, ClientConnectionState> open = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger loadBalanced = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder totalCreated = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /** A new connection id (MongoDB's connection ids start at 1 and only grow). */
    public long nextConnectionId() {
        return nextId.getAndIncrement();
    }

    /**
     * Count an accepted TCP connection against {@code maxIncoming}; false (and counted as rejected)
     * when the limit is reached.
     */
    public boolean tryReserve(int maxIncoming) {
        while (true) {
            int c = current.get();
            if (c >= maxIncoming) {
                rejected.increment();
                return false;
            }
            if (current.compareAndSet(c, c + 1)) {
                totalCreated.increment();
                return true;
            }
        }
    }

    /** Undo {@link #tryReserve} when the TCP connection closes. */
    public void release() {
        current.decrementAndGet();
    }

    /** The connection is usable (after the PROXY header on the LB port). */
    public void opened(ClientConnectionState state) {
        open.put(state.connectionId(), state);
        if (state.arrivedOnLoadBalancerPort()) {
            loadBalanced.incrementAndGet();
        }
    }

    public void closed(ClientConnectionState state) {
        if (open.remove(state.connectionId()) != null && state.arrivedOnLoadBalancerPort()) {
            loadBalanced.decrementAndGet();
        }
    }

    public void commandStarted() {
        active.incrementAndGet();
    }

    public void commandFinished() {
        active.decrementAndGet();
    }

    public Collection<ClientConnectionState> openConnections() {
        return Collections.unmodifiableCollection(open.values());
    }

    public Optional<ClientConnectionState> find(long connectionId) {
        return Optional.ofNullable(open.get(connectionId));
    }

    /** TCP connections currently counted (including LB connections still waiting for their header). */
    public int current() {
        return current.get();
    }

    public int loadBalanced() {
        return loadBalanced.get();
    }

    public int active() {
        return active.get();
    }

    public long totalCreated() {
        return totalCreated.sum();
    }

    public long rejected() {
        return rejected.sum();
    }
}
