package io.jmongos.bench.target;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The targets of one benchmark run, in the order they run. */
public enum TargetKind {
    /** jmongos main port, embedded in-memory store; driver with directConnection. */
    JMONGOS("jmongos", "jmongos main port"),
    /** jmongos LB port, the PROXY v2 header written by the load generator itself; driver loadBalanced. */
    JMONGOS_LB("jmongos-lb", "jmongos LB port, PROXY v2 header from the client (no balancer)"),
    /** jmongos LB port behind a real HAProxy with send-proxy-v2; driver loadBalanced. */
    JMONGOS_HAPROXY("jmongos-haproxy", "jmongos LB port behind HAProxy (send-proxy-v2)"),
    /** The peer: mongo-java-server with its memory backend. */
    MJS("mjs", "mongo-java-server 1.46.0, memory backend"),
    /** The limit: fixed replies after framing. */
    LIMIT("limit", "limit server (Netty, fixed replies)"),
    /** A shard server alone ({@code --shardsvr}, embedded store): what a router's remote shard can do at most. */
    SHARDSVR("shardsvr", "jmongos --shardsvr alone (embedded store), driver directConnection"),
    /** A {@code --configdb} router in front of its own remote shard server (and config server): main port. */
    CLUSTER("cluster", "router (--configdb) -> remote shard (--shardsvr), router main port"),
    /** The same router's LB port, the PROXY v2 header written by the load generator; driver loadBalanced. */
    CLUSTER_LB("cluster-lb", "router -> remote shard, router LB port, PROXY v2 header from the client"),
    /** A jmongos process of its own in requireTLS: what TLS costs per request and per connection. */
    JMONGOS_TLS("jmongos-tls", "jmongos main port, --tlsMode requireTLS (EC P-256 certificate), driver tls=true"),
    /** Another in requireTLS with --auth: the driver authenticates each connection with SCRAM-SHA-256. */
    JMONGOS_AUTH("jmongos-auth", "jmongos main port, requireTLS and --auth, driver tls=true with SCRAM-SHA-256");

    /**
     * The scenarios measured on the shard-server and router -> remote shard targets (issue 11's findOne, insertOne
     * and 100-document find, and ping for the hop alone): the rest would lengthen the run without telling more about
     * the hop.
     */
    static final Set<String> CLUSTER_SCENARIOS = Set.of("ping", "insert", "findOne", "find100");
    /**
     * The scenarios of the TLS target (issue 13's findOne at 64 threads with TLS vs without, the ping for TLS's
     * per-request cost alone, connect for the TLS handshake) and of the auth target (connect + authenticate, and
     * findOne for authorization's per-request check on top of TLS).
     */
    static final Set<String> TLS_SCENARIOS = Set.of("ping", "findOne", "connect");
    static final Set<String> AUTH_SCENARIOS = Set.of("findOne", "connectAuth");
    /** The scenario only an authenticating target runs. */
    static final String CONNECT_AUTH = "connectAuth";

    private final String id;
    private final String description;

    TargetKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** One of the targets of the embedded single jmongos process (router and store in one process). */
    public boolean isJmongos() {
        return this == JMONGOS || this == JMONGOS_LB || this == JMONGOS_HAPROXY;
    }

    /** A router in front of a remote shard: one router process, its shard server and its config server. */
    public boolean isCluster() {
        return this == CLUSTER || this == CLUSTER_LB;
    }

    /** Whether the target's processes run jmongos (they get the JFR, profiler and extra jmongos JVM flags). */
    public boolean runsJmongos() {
        return isJmongos() || isCluster() || this == SHARDSVR || usesTls();
    }

    /** Whether clients reach the target over TLS (the secured targets, each its own process). */
    public boolean usesTls() {
        return this == JMONGOS_TLS || this == JMONGOS_AUTH;
    }

    /** Whether clients authenticate (SCRAM-SHA-256 as the load generator's user). */
    public boolean authenticates() {
        return this == JMONGOS_AUTH;
    }

    /** Whether scenario {@code name} is measured on this target (a scenario may still refuse a target). */
    public boolean measures(String scenario) {
        if (this == JMONGOS_TLS) {
            return TLS_SCENARIOS.contains(scenario);
        }
        if (this == JMONGOS_AUTH) {
            return AUTH_SCENARIOS.contains(scenario);
        }
        if (scenario.equals(CONNECT_AUTH)) {
            return false;
        }
        return !(isCluster() || this == SHARDSVR) || CLUSTER_SCENARIOS.contains(scenario);
    }

    /** Whether clients connect in load-balanced mode (hello with loadBalanced: true). */
    public boolean loadBalanced() {
        return this == JMONGOS_LB || this == JMONGOS_HAPROXY || this == CLUSTER_LB;
    }

    /** Whether the client itself writes a PROXY v2 header first. */
    public boolean clientWritesProxyHeader() {
        return this == JMONGOS_LB || this == CLUSTER_LB;
    }

    public static TargetKind byId(String id) {
        for (TargetKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown target '" + id + "'; targets: " + ids(List.of(values())));
    }

    public static String ids(List<TargetKind> kinds) {
        return kinds.stream().map(TargetKind::id).collect(Collectors.joining(","));
    }

    public static List<TargetKind> all() {
        return Arrays.asList(values());
    }
}
