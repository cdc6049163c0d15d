package io.jmongos.it.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ways the runner reaches jmongos; {@link SpecCluster} provides the addresses. Each has the name
 * runOnRequirements knows ({@link #specName}: "sharded" or "load-balanced") and the name the reports and the
 * expected-failures list use ({@link #reportName}). The {@code cluster-} ones run against routers in front of
 * remote shard servers ({@link SpecCluster#startRemote}), the others against routers over one embedded store; the
 * {@code secured-} ones against the same cluster with TLS everywhere, a key file and the runner's own user
 * ({@link SpecSecurity}), for the suites of {@link #SECURED_SUITES} only.
 */
enum Topology {
    SHARDED("sharded", "sharded", false, false),
    LOAD_BALANCED("load-balanced", "load-balanced", false, false),
    CLUSTER_SHARDED("sharded", "cluster-sharded", true, false),
    CLUSTER_LOAD_BALANCED("load-balanced", "cluster-load-balanced", true, false),
    SECURED_SHARDED("sharded", "secured-sharded", true, true),
    SECURED_LOAD_BALANCED("load-balanced", "secured-load-balanced", true, true);

    /** The suites the secured topologies run (issue 13): load-balancers, transactions, CRUD. */
    static final Set<String> SECURED_SUITES = Set.of("load-balancers", "transactions", "crud");

    private final String specName;
    private final String reportName;
    private final boolean remoteShards;
    private final boolean secured;

    Topology(String specName, String reportName, boolean remoteShards, boolean secured) {
        this.specName = specName;
        this.reportName = reportName;
        this.remoteShards = remoteShards;
        this.secured = secured;
    }

    /** Whether TLS and authentication are on (the secured cluster). */
    boolean secured() {
        return secured;
    }

    /** Whether this topology runs the files of {@code suite}. */
    boolean runs(String suite) {
        return !secured || SECURED_SUITES.contains(suite);
    }

    /** The topology without TLS and authentication that this one is compared with in the report, or null. */
    Topology unsecured() {
        return switch (this) {
            case SECURED_SHARDED -> CLUSTER_SHARDED;
            case SECURED_LOAD_BALANCED -> CLUSTER_LOAD_BALANCED;
            default -> null;
        };
    }

    /** The topology name of runOnRequirements. */
    String specName() {
        return specName;
    }

    /** The name in reports, JUnit display names and the expected-failures list. */
    String reportName() {
        return reportName;
    }

    /** Whether the routers reach their data through remote shard servers (a config server and two shards). */
    boolean remoteShards() {
        return remoteShards;
    }

    boolean loadBalanced() {
        return specName.equals("load-balanced");
    }

    static Topology fromReportName(String name) {
        for (Topology t : values()) {
            if (t.reportName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topology " + name);
    }

    /**
     * A target on these addresses: jmongos main ports and the balancer's single/multi ports; {@code security} the
     * TLS and credentials of every client (null: none).
     */
    SpecTarget target(List<String> mongoses, String lbSingle, String lbMulti, SpecSecurity security) {
        Topology self = this;
        return new SpecTarget() {
            @Override
            public String topology() {
                return self.specName;
            }

            @Override
            public List<String> hosts(boolean multi) {
                if (!self.loadBalanced()) {
                    return multi ? mongoses : List.of(mongoses.get(0));
                }
                return List.of(multi ? lbMulti : lbSingle);
            }

            @Override
            public Map<String, String> defaultUriOptions() {
                return self.loadBalanced() ? Map.of("loadBalanced", "true") : Map.of();
            }

            @Override
            public List<String> mongoses() {
                return mongoses;
            }

            @Override
            public SpecSecurity security() {
                return security;
            }
        };
    }
}
