package io.jmongos.it.spec;

/**
 * Whether the JUnit entry points run the cluster topologies ({@code cluster-sharded},
 * {@code cluster-load-balanced}: routers in front of remote shard servers), chosen with the system property
 * {@value #PROPERTY}: {@code on} (the default: every file, as on the other two topologies) or {@code off}
 * ({@code mvn verify -Dspec.cluster=off}, to save the cluster's share of the build while working on something
 * else). Every file runs by default because the cluster topologies add about a minute to the full build on
 * two cores (docs/CONFORMANCE.md). {@code it/spec-run} chooses its topologies with {@code --topology}.
 */
final class ClusterSpecSelection {
    static final String PROPERTY = "spec.cluster";
    private static final String DEFAULT = "on";

    private ClusterSpecSelection() {
    }

    static boolean enabled() {
        String mode = System.getProperty(PROPERTY, DEFAULT).strip();
        return switch (mode) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " is on or off, not " + mode);
        };
    }

    static String disabledMessage() {
        return "cluster topologies off (-D" + PROPERTY + "=off)";
    }
}
