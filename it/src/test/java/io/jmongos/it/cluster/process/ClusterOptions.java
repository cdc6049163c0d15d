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
 */
record ClusterOptions(int routers, boolean balancer, boolean durableShards, List<String> shardParameters) {
    ClusterOptions {
        if (routers < 1) {
            throw new IllegalArgumentException("a cluster needs a router, got " + routers);
        }
        shardParameters = List.copyOf(shardParameters);
    }

    /** Issue 11's cluster: three routers behind HAProxy, shard servers in memory with default parameters. */
    static ClusterOptions balancedThreeRouters() {
        return new ClusterOptions(3, true, false, List.of());
    }
}
