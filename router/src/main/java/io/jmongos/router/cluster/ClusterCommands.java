package io.jmongos.router.cluster;

import io.jmongos.router.RouterServices;

/**
 * Registers the commands of a cluster router: addShard, listShards, removeShard, enableSharding, movePrimary, and
 * mongos's versions of the commands that ask every shard (listDatabases, dbStats, dropDatabase), connPoolStats and
 * the serverStatus sections of a router (sharding, shardingStatistics).
 */
public final class ClusterCommands {
    private ClusterCommands() {
    }

    /**
     * @param configHost the config server's connection string, handed to each shard as part of its identity
     */
    public static void install(RouterServices services, ConfigCatalog catalog, String configHost) {
        ClusterContext cluster = new ClusterContext(catalog, configHost);
        services.commands().register(new AddShardCommand(cluster));
        services.commands().register(new ListShardsCommand(cluster));
        services.commands().register(new RemoveShardCommand(cluster));
        services.commands().register(new EnableShardingCommand());
        services.commands().register(new MovePrimaryCommand(cluster));
        services.commands().register(new ClusterListDatabasesCommand(cluster));
        services.commands().register(new ClusterDbStatsCommand());
        services.commands().register(new ClusterDropDatabaseCommand(cluster));
        services.commands().register(new ConnPoolStatsCommand(cluster));
        if (services.routing() instanceof ClusterDatabaseRouting routing) {
            ClusterStatusSections.register(services, cluster, routing);
        }
    }
}
