package io.jmongos.router.metrics;

import java.util.concurrent.atomic.AtomicBoolean;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The router's own meters (what no serverStatus counter already holds: command latency, load-balancer cleanup
 * latency) and the Prometheus registry that {@code GET /metrics} writes. One per router (tests run several in
 * one JVM, so nothing goes to the library's default registry). Families that mirror serverStatus are read from
 * it at scrape time ({@link ServerStatusCollector}); services add their own with {@link #register}.
 */
public final class RouterMeters {
    /**
     * Cleanup latency buckets in seconds: 100 us to 10 s (the bench's cleanup p99 is about 25 ms on a
     * two-core box; jmongos' own choice).
     */
    static final double[] CLEANUP_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
        0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CommandMetrics commands = new CommandMetrics();
    private final Histogram loadBalancerCleanup = Histogram.builder()
            .name("jmongos_load_balancer_cleanup_duration_seconds")
            .help("Time from a load-balanced connection's close to the end of its cleanup (cursors killed, "
                    + "transactions aborted), for connections that left something to clean up")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(CLEANUP_BUCKETS)
            .build();
    private final AtomicBoolean jvmRegistered = new AtomicBoolean();

    public RouterMeters() {
        registry.register(commands.latency());
        registry.register(loadBalancerCleanup);
    }

    public CommandMetrics commands() {
        return commands;
    }

    /** Record the cleanup of one closed load-balanced connection. */
    public void loadBalancerCleanupDone(long elapsedNanos) {
        loadBalancerCleanup.observe(elapsedNanos / 1e9);
    }

    /** Add a family collected at scrape time (e.g. a remote shard pool's use). */
    public void register(MultiCollector collector) {
        registry.register(collector);
    }

    /** JVM memory, GC, threads, class loading (the client library's JVM instrumentation); once. */
    public void registerJvmMetrics() {
        if (jvmRegistered.compareAndSet(false, true)) {
            JvmMetrics.builder().register(registry);
        }
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
