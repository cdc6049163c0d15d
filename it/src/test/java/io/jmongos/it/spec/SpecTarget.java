package io.jmongos.it.spec;

import java.util.List;
import java.util.Map;

/**
 * Where the tests' clients connect: jmongos directly ({@code sharded}) or through a load balancer
 * ({@code load-balanced}). Utility work (initial data, outcome, fail points off, killAllSessions) goes
 * to each jmongos's main port directly.
 */
interface SpecTarget {
    /** The topology name used by runOnRequirements: "sharded" or "load-balanced". */
    String topology();

    /** host:port list for a client entity; {@code multi} for useMultipleMongoses. */
    List<String> hosts(boolean multi);

    /** Connection-string options every client of this topology starts with (e.g. loadBalanced=true). */
    Map<String, String> defaultUriOptions();

    /** host:port of every jmongos's main port (direct connections for the runner's own work). */
    List<String> mongoses();

    /** TLS and the runner's credentials for every client, or null when the target has neither. */
    SpecSecurity security();
}
