package io.jmongos.router.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Commands by name and outcome, and their latency: the counters behind {@code serverStatus().metrics.commands}
 * (mongos's {@code <name>: {total, failed}}, unknown names under {@code <UNKNOWN>}) and the Prometheus families
 * {@code jmongos_commands_total{command, outcome}} and {@code jmongos_command_duration_seconds{command}}. A
 * command is failed when its reply has {@code ok: 0} (write errors inside an {@code ok: 1} reply are not).
 * Names come from the command registry only, so the label set is bounded.
 */
public final class CommandMetrics {
    /** mongos's serverStatus name for commands it does not know. */
    public static final String UNKNOWN = "<UNKNOWN>";
    /** Label value of commands the registry does not know (Prometheus label values should stay plain). */
    static final String UNKNOWN_LABEL = "unknown";
    /**
     * Latency buckets in seconds: 100 us to 10 s, about three per decade (jmongos' own choice: a point read in
     * process takes tens of microseconds, a getMore waiting on a change stream up to its maxTimeMS).
     */
    static final double[] LATENCY_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
        0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Histogram latency = Histogram.builder()
            .name("jmongos_command_duration_seconds")
            .help("Time from a command's dispatch to its reply, by command name")
            .unit(Unit.SECONDS)
            .labelNames("command")
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .build();
    private final Map<String, Entry> byName = new ConcurrentHashMap<>();

    private static final class Entry {
        final LongAdder total = new LongAdder();
        final LongAdder failed = new LongAdder();
        final DistributionDataPoint latency;

        Entry(DistributionDataPoint latency) {
            this.latency = latency;
        }
    }

    /**
     * Count one command.
     *
     * @param name         the command name as the registry knows it, or null when no handler matched
     * @param reply        the reply sent
     * @param elapsedNanos dispatch to reply
     */
    public void record(String name, BsonDocument reply, long elapsedNanos) {
        String key = name == null ? UNKNOWN : name;
        Entry e = byName.get(key);
        if (e == null) {
            e = byName.computeIfAbsent(key, k -> new Entry(latency.labelValues(name == null ? UNKNOWN_LABEL : k)));
        }
        e.total.increment();
        if (!isOk(reply)) {
            e.failed.increment();
        }
        e.latency.observe(elapsedNanos / 1e9);
    }

    private static boolean isOk(BsonDocument reply) {
        BsonValue ok = reply == null ? null : reply.get("ok");
        return ok != null && ok.isNumber() && ok.asNumber().doubleValue() == 1;
    }

    /** The latency histogram, registered in the Prometheus registry. */
    Histogram latency() {
        return latency;
    }

    /** Calls per command: name to {total, failed}. */
    Map<String, long[]> counts() {
        Map<String, long[]> out = new TreeMap<>();
        byName.forEach((k, v) -> out.put(k, new long[] {v.total.sum(), v.failed.sum()}));
        return out;
    }

    /** {@code metrics.commands} as mongos reports it: {@code {find: {failed, total}, ...}}. */
    public BsonDocument toBson() {
        BsonDocument d = new BsonDocument();
        counts().forEach((k, v) -> d.append(k, new BsonDocument("failed", new BsonInt64(v[1]))
                .append("total", new BsonInt64(v[0]))));
        return d;
    }

    /** Label value of a command name (the serverStatus name of unknown commands is not a plain word). */
    static String label(String name) {
        return UNKNOWN.equals(name) ? UNKNOWN_LABEL : name;
    }
}
