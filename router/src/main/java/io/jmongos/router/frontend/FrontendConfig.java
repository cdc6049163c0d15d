package io.jmongos.router.frontend;

import java.util.List;
import java.util.Objects;

/**
 * Where the frontend listens.
 *
 * @param bindIps          addresses or host names to bind (IPv4 and IPv6 literals, "localhost" ...)
 * @param bindAll          bind the wildcard address instead (IPv4 and IPv6 where the OS has it)
 * @param port             the main port; 0 picks a free port (a test aid)
 * @param loadBalancerPort the LB port; 0 = off
 */
public record FrontendConfig(List<String> bindIps, boolean bindAll, int port, int loadBalancerPort) {
    /** mongos' default port. */
    public static final int DEFAULT_PORT = 27017;
    /** Highest TCP port. */
    public static final int MAX_PORT = 65535;

    public FrontendConfig {
        bindIps = List.copyOf(Objects.requireNonNull(bindIps));
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be between 0 and " + MAX_PORT + ", got " + port);
        }
        if (loadBalancerPort < 0 || loadBalancerPort > MAX_PORT) {
            throw new IllegalArgumentException("loadBalancerPort must be between 0 and " + MAX_PORT);
        }
        if (!bindAll && bindIps.isEmpty()) {
            throw new IllegalArgumentException("no address to bind");
        }
    }
}
