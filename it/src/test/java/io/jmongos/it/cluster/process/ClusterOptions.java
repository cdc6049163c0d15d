package io.jmongos.it.cluster.process;

import java.util.List;

/**
 * The shape of a {@link ClusterProcesses}: always one config server and two shard servers.
 *
 * @param routers         how many {@code --configdb} routers, each with its own LB port
 * @param balancer        whether HAProxy fronts the routers' LB ports (skipped quietly when not installed; a test
 *                        that needs it calls {@link ClusterProcesses#balancer()}, which skips it with a message)
 * @param durableShards   whether the shard servers keep their data in a {@code --dbpath} (needed to restart one)
 * @param shardParameters {@code name=value} server parameters given to both shard servers with --setParameter
 * @param agentCheck      whether every router answers HAProxy's agent-check ({@code agentCheckPort}) and HAProxy
 *                        uses it, with docs/OPERATIONS.md's configuration ({@code agent-check agent-port N
 *                        agent-inter 1s} on each server, {@code retries 3} and {@code option redispatch})
 */
record ClusterOptions(int routers, boolean balancer, boolean durableShards, List<String> shardParameters,
                      boolean agentCheck) {
    ClusterOptions {
        if (routers < 1) {
            throw new IllegalArgumentException("a cluster needs a router, got " + routers);
        }
        shardParameters = List.copyOf(shardParameters);
    }

    ClusterOptions(int routers, boolean balancer, boolean durableShards, List<String> shardParameters) {
        this(routers, balancer, durableShards, shardParameters, false);
    }

    /** Issue 14's cluster: {@code routers} routers behind HAProxy with check and agent-check. */
    static ClusterOptions agentChecked(int routers) {
        return new ClusterOptions(routers, true, false, List.of(), true);
    }

    /** Issue 11's cluster: three routers behind HAProxy, shard servers in memory with default parameters. */
    static ClusterOptions balancedThreeRouters() {
        return new ClusterOptions(3, true, false, List.of());
    }
}
