package io.jmongos.router.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

import io.jmongos.router.conn.ClientConnectionState;

/**
 * What the router tells balancers and orchestrators: the readiness checks, whether a shutdown is draining the
 * router, and which connections still hold work a drain must wait for. Netty-free; the HTTP endpoint, the HAProxy
 * agent, {@code hello} and the drain read it. Remote shards plug in with {@link #addReadinessCheck}.
 */
public final class RouterHealth {
    private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
    private final List<Predicate<ClientConnectionState>> connectionWork = new CopyOnWriteArrayList<>();
    private volatile boolean draining;
    private volatile LongConsumer shutdownHandler;

    /** Add a condition of readiness (e.g. a remote shard or the config server reachable). */
    public void addReadinessCheck(ReadinessCheck check) {
        checks.add(check);
    }

    public List<ReadinessCheck> readinessChecks() {
        return List.copyOf(checks);
    }

    /**
     * Add a test of whether a connection holds work a drain waits for (an open cursor or transaction created
     * on it): such a connection keeps being served until the work ends or the drain times out.
     */
    public void addConnectionWork(Predicate<ClientConnectionState> holdsWork) {
        connectionWork.add(holdsWork);
    }

    /** Whether any registered test says {@code conn} holds work. */
    public boolean holdsWork(ClientConnectionState conn) {
        for (Predicate<ClientConnectionState> p : connectionWork) {
            if (p.test(conn)) {
                return true;
            }
        }
        return false;
    }

    /** Enter the drain: from now on the router is not ready, the agent says drain and hello fails. */
    public void startDraining() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Set by the server: how the {@code shutdown} command starts a drain (timeout in ms), off the caller. */
    public void setShutdownHandler(LongConsumer handler) {
        this.shutdownHandler = handler;
    }

    /**
     * Start a drain and shutdown in the background ({@code shutdown} command).
     *
     * @return false when no server installed a handler (a router without a process to stop, in tests)
     */
    public boolean requestShutdown(long timeoutMillis) {
        LongConsumer h = shutdownHandler;
        if (h == null) {
            return false;
        }
        h.accept(timeoutMillis);
        return true;
    }

    /** Ask every check (in order; all of them, so the report names every problem). */
    public ReadinessReport evaluate() {
        Map<String, String> failing = new LinkedHashMap<>();
        for (ReadinessCheck c : checks) {
            ReadinessStatus s;
            try {
                s = c.check();
            } catch (RuntimeException e) {
                s = ReadinessStatus.failed(e.toString());
            }
            if (!s.ready()) {
                failing.put(c.name(), s.reason());
            }
        }
        boolean d = draining;
        if (d) {
            failing.put("drain", "shutdown in progress");
        }
        return new ReadinessReport(failing.isEmpty(), d, failing);
    }
}
