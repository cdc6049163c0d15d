package io.jmongos.it.spec;

import java.util.Set;

/**
 * Which suites the JUnit entry points run on the secured topologies ({@code secured-sharded},
 * {@code secured-load-balanced}: the cluster with TLS everywhere, a key file and the runner's user), chosen with
 * the system property {@value #PROPERTY}: {@code lb} (the default: the load-balancers suite only, to keep the
 * build's time: the three suites on both secured topologies add well over a minute on two cores, see
 * docs/CONFORMANCE.md), {@code on} (load-balancers, transactions and CRUD, as {@code it/spec-run} runs them) or
 * {@code off}.
 */
final class SecuredSpecSelection {
    static final String PROPERTY = "spec.secured";
    private static final String DEFAULT = "lb";

    private SecuredSpecSelection() {
    }

    /** The suites to run on the secured topologies (empty: none). */
    static Set<String> suites() {
        String mode = System.getProperty(PROPERTY, DEFAULT).strip();
        return switch (mode) {
            case "lb" -> Set.of("load-balancers");
            case "on" -> Topology.SECURED_SUITES;
            case "off" -> Set.of();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " is lb, on or off, not " + mode);
        };
    }

    static String disabledMessage(String suite) {
        return "secured topologies do not run " + suite + " here (-D" + PROPERTY + "="
                + System.getProperty(PROPERTY, DEFAULT).strip() + "; on runs load-balancers, transactions and crud)";
    }
}
