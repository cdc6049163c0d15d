package io.jmongos.bench.target;

import java.util.Arrays;
import java.util.List;
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
    LIMIT("limit", "limit server (Netty, fixed replies)");

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

    public boolean isJmongos() {
        return this == JMONGOS || this == JMONGOS_LB || this == JMONGOS_HAPROXY;
    }

    /** Whether clients connect in load-balanced mode (hello with loadBalanced: true). */
    public boolean loadBalanced() {
        return this == JMONGOS_LB || this == JMONGOS_HAPROXY;
    }

    /** Whether the client itself writes a PROXY v2 header first. */
    public boolean clientWritesProxyHeader() {
        return this == JMONGOS_LB;
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
