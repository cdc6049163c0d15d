package io.jmongos.router;

/**
 * What a jmongos process is in a cluster, with MongoDB's names ({@code sharding.clusterRole}).
 * {@link #NONE} is a router: the one-process default (router plus embedded shard) or a router of a cluster
 * ({@code --configdb}). {@link #SHARDSVR} serves the embedded engine over the wire as a mongod shard does;
 * {@link #CONFIGSVR} is a shard server whose {@code config} database holds the cluster's metadata.
 */
public enum ClusterRole {
    NONE(null),
    SHARDSVR("shardsvr"),
    CONFIGSVR("configsvr");

    private final String mongodName;

    ClusterRole(String mongodName) {
        this.mongodName = mongodName;
    }

    /** The value of {@code sharding.clusterRole} in mongod.conf and getCmdLineOpts; null for a router. */
    public String mongodName() {
        return mongodName;
    }

    /** Whether this process serves data as a mongod does (a shard server or the config server). */
    public boolean servesData() {
        return this != NONE;
    }

    /** The role named {@code name} in a config file, or null when no role has that name. */
    public static ClusterRole fromMongodName(String name) {
        for (ClusterRole r : values()) {
            if (r.mongodName != null && r.mongodName.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
