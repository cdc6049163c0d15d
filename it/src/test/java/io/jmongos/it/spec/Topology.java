package io.jmongos.it.spec;

import java.util.List;
import java.util.Map;

/** The two ways the runner reaches jmongos; {@link SpecCluster} provides the addresses. */
enum Topology {
    SHARDED("sharded"),
    LOAD_BALANCED("load-balanced");

    private final String specName;

    Topology(String specName) {
        this.specName = specName;
    }

    String specName() {
        return specName;
    }

    static Topology fromSpecName(String name) {
        for (Topology t : values()) {
            if (t.specName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topology " + name + " (sharded or load-balanced)");
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
                if (self == SHARDED) {
                    return multi ? mongoses : List.of(mongoses.get(0));
                }
                return List.of(multi ? lbMulti : lbSingle);
            }

            @Override
            public Map<String, String> defaultUriOptions() {
                return self == LOAD_BALANCED ? Map.of("loadBalanced", "true") : Map.of();
            }

            @Override
            public List<String> mongoses() {
                return mongoses;
            }
        };
    }
}
