package io.jmongos.router.metrics;

import java.util.Map;
import java.util.function.Supplier;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The Prometheus families that mirror {@code serverStatus}: read from the same sections at each scrape (one
 * {@code serverStatus} report per scrape), so nothing is counted twice. Families of a section that is not
 * registered (no sessions module, LB port off) still appear, at 0, so dashboards see every name.
 */
public final class ServerStatusCollector implements MultiCollector {
    private static final String[][] PROXY_REJECTIONS = {
        {"notProxy", "not_proxy"}, {"malformed", "malformed"}, {"oversized", "oversized"},
        {"timeout", "timeout"}, {"closedEarly", "closed_early"}};
    private static final String[][] OPCOUNTERS = {
        {"insert", "insert"}, {"query", "query"}, {"update", "update"}, {"delete", "delete"},
        {"getmore", "getmore"}, {"command", "command"}};
    private static final String[][] CURSOR_KILLS = {
        {"timedOut", "timeout"}, {"killedByLoadBalancerDisconnect", "load_balancer_disconnect"},
        {"killedBySessionEnd", "session_end"}, {"killedByTransactionEnd", "transaction_end"}};

    private final Supplier<BsonDocument> status;
    private final CommandMetrics commands;
    private final Supplier<double[]> health;

    /**
     * @param status   the serverStatus report (all default sections)
     * @param commands the command counters
     * @param health   {uptime seconds, ready 0/1, draining 0/1}
     */
    public ServerStatusCollector(Supplier<BsonDocument> status, CommandMetrics commands, Supplier<double[]> health) {
        this.status = status;
        this.commands = commands;
        this.health = health;
    }

    /** The serverStatus command as a scrape asks for it: every default section. */
    public static BsonDocument scrapeCommand() {
        return new BsonDocument("serverStatus", new BsonInt32(1));
    }

    @Override
    public MetricSnapshots collect() {
        BsonDocument s = status.get();
        SnapshotBuilder b = new SnapshotBuilder();
        connections(b, s);
        proxyProtocol(b, s);
        commands(b);
        opcounters(b, s);
        cursors(b, s);
        transactions(b, s);
        process(b, s);
        return new MetricSnapshots(b.snapshots());
    }

    private static void connections(SnapshotBuilder b, BsonDocument s) {
        double current = SnapshotBuilder.number(s, "connections.current");
        double lb = SnapshotBuilder.number(s, "connections.loadBalanced");
        b.gauge("jmongos_connections", "Open client connections by port (main, load_balanced)")
                .point(Math.max(0, current - lb), "port", "main").point(lb, "port", "load_balanced").add();
        b.counter("jmongos_connections_created", "Client connections accepted since start")
                .point(SnapshotBuilder.number(s, "connections.totalCreated")).add();
        b.counter("jmongos_connections_rejected", "Client connections refused over maxIncomingConnections")
                .point(SnapshotBuilder.number(s, "connections.rejected")).add();
        b.gauge("jmongos_connections_active", "Client connections running a command now")
                .point(SnapshotBuilder.number(s, "connections.active")).add();
    }

    private static void proxyProtocol(SnapshotBuilder b, BsonDocument s) {
        b.counter("jmongos_proxy_protocol_headers_accepted", "PROXY protocol headers accepted on the LB port, "
                        + "by version and command (proxy, local)")
                .point(SnapshotBuilder.number(s, "proxyProtocol.accepted.v1"), "version", "1")
                .point(SnapshotBuilder.number(s, "proxyProtocol.accepted.v2"), "version", "2").add();
        b.counter("jmongos_proxy_protocol_headers_by_command", "PROXY protocol headers accepted, by command")
                .point(SnapshotBuilder.number(s, "proxyProtocol.accepted.proxy"), "command", "proxy")
                .point(SnapshotBuilder.number(s, "proxyProtocol.accepted.local"), "command", "local").add();
        SnapshotBuilder.Counter rejected = b.counter("jmongos_proxy_protocol_headers_rejected",
                "Connections closed on the LB port for their PROXY header, by reason");
        for (String[] r : PROXY_REJECTIONS) {
            rejected.point(SnapshotBuilder.number(s, "proxyProtocol.rejected." + r[0]), "reason", r[1]);
        }
        rejected.add();
        b.counter("jmongos_proxy_protocol_main_port_detected", "PROXY headers seen (and closed) on the main port")
                .point(SnapshotBuilder.number(s, "proxyProtocol.mainPortDetected")).add();
    }

    private void commands(SnapshotBuilder b) {
        SnapshotBuilder.Counter c = b.counter("jmongos_commands", "Commands run, by name and outcome (ok, failed)");
        for (Map.Entry<String, long[]> e : commands.counts().entrySet()) {
            String name = CommandMetrics.label(e.getKey());
            long total = e.getValue()[0];
            long failed = e.getValue()[1];
            c.point(total - failed, "command", name, "outcome", "ok");
            c.point(failed, "command", name, "outcome", "failed");
        }
        c.add();
    }

    private static void opcounters(SnapshotBuilder b, BsonDocument s) {
        SnapshotBuilder.Counter c = b.counter("jmongos_opcounters", "serverStatus opcounters, by type");
        for (String[] o : OPCOUNTERS) {
            c.point(SnapshotBuilder.number(s, "opcounters." + o[0]), "type", o[1]);
        }
        c.add();
        b.counter("jmongos_network_in_bytes", "Bytes received from clients")
                .point(SnapshotBuilder.number(s, "network.bytesIn")).add();
        b.counter("jmongos_network_out_bytes", "Bytes sent to clients")
                .point(SnapshotBuilder.number(s, "network.bytesOut")).add();
    }

    private static void cursors(SnapshotBuilder b, BsonDocument s) {
        b.gauge("jmongos_cursors_open", "Open cluster cursors")
                .point(SnapshotBuilder.number(s, "metrics.cursor.open.total")).add();
        b.counter("jmongos_cursors_opened", "Cluster cursors opened since start")
                .point(SnapshotBuilder.number(s, "metrics.cursor.totalOpened")).add();
        SnapshotBuilder.Counter killed = b.counter("jmongos_cursors_killed",
                "Cluster cursors killed by the router, by reason");
        for (String[] k : CURSOR_KILLS) {
            killed.point(SnapshotBuilder.number(s, "metrics.cursor." + k[0]), "reason", k[1]);
        }
        killed.add();
    }

    private static void transactions(SnapshotBuilder b, BsonDocument s) {
        b.gauge("jmongos_transactions_open", "Transactions in progress")
                .point(SnapshotBuilder.number(s, "transactions.currentOpen")).add();
        b.counter("jmongos_transactions_started", "Transactions started")
                .point(SnapshotBuilder.number(s, "transactions.totalStarted")).add();
        b.counter("jmongos_transactions_committed", "Transactions committed")
                .point(SnapshotBuilder.number(s, "transactions.totalCommitted")).add();
        SnapshotBuilder.Counter aborted = b.counter("jmongos_transactions_aborted",
                "Transactions aborted, by cause (a MongoDB code name, e.g. Interrupted, abort)");
        for (Map.Entry<String, BsonValue> e : SnapshotBuilder.document(s, "transactions.abortCause").entrySet()) {
            if (e.getValue().isNumber()) {
                aborted.point(e.getValue().asNumber().doubleValue(), "cause", e.getKey());
            }
        }
        aborted.add();
        b.counter("jmongos_transactions_aborted_by_load_balancer_disconnect",
                        "Transactions aborted because a load-balanced connection that ran them closed")
                .point(SnapshotBuilder.number(s, "transactions.abortedByLoadBalancerDisconnect")).add();
        b.gauge("jmongos_logical_sessions_active", "Logical sessions in the router's cache")
                .point(SnapshotBuilder.number(s, "logicalSessionRecordCache.activeSessionsCount")).add();
    }

    private void process(SnapshotBuilder b, BsonDocument s) {
        double[] h = health.get();
        b.gauge("jmongos_uptime_seconds", "Seconds since the router started").point(h[0]).add();
        b.gauge("jmongos_ready", "1 when /health/ready answers 200").point(h[1]).add();
        b.gauge("jmongos_draining", "1 while a shutdown drains the router").point(h[2]).add();
    }
}
