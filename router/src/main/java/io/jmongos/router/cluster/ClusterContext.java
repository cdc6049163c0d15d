package io.jmongos.router.cluster;

/**
 * What the cluster commands of a router share: the config server's catalog and its connection string (given to
 * every shard as part of its identity).
 */
record ClusterContext(ConfigCatalog catalog, String configHost) {
}
