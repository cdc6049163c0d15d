package io.jmongos.it.spec;

import java.util.List;
import java.util.Map;

/**
 * The ways the runner reaches jmongos; {@link SpecCluster} provides the addresses. Each has the name
 * runOnRequirements knows ({@link #specName}: "sharded" or "load-balanced") and the name the reports and the
 * expected-failures list use ({@link #reportName}). The {@code cluster-} ones run against routers in front of
 * remote shard servers ({@link SpecCluster#startRemote}), the others against routers over one embedded store.
 */
enum Topology {
    SHARDED("sharded", "sharded", false),
    LOAD_BALANCED("load-balanced", "load-balanced", false),
    CLUSTER_SHARDED("sharded", "cluster-sharded", true),
    CLUSTER_LOAD_BALANCED("load-balanced", "cluster-load-balanced", true);

    private final String specName;
    private final String reportName;
    private final boolean remoteShards;

    Topology(String specName, String reportName, boolean remoteShards) {
        this.specName = specName;
        this.reportName = reportName;
        this.remoteShards = remoteShards;
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

    /** A target on these addresses: jmongos main ports and the balancer's single/multi ports. */
    SpecTarget target(List<String> mongoses, String lbSingle, String lbMulti) {
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
        };
    }
}
