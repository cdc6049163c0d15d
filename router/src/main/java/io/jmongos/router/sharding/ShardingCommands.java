package io.jmongos.router.sharding;

import io.jmongos.router.RouterServices;
import io.jmongos.router.cluster.ConfigCatalog;
import io.jmongos.router.sharding.catalog.ShardingCatalog;
import io.jmongos.router.sharding.ddl.ShardCollectionCommand;
import io.jmongos.router.sharding.ddl.ShardCollectionCoordinator;

/** Registers the sharded-collection commands of a cluster router: shardCollection. */
public final class ShardingCommands {
    private ShardingCommands() {
    }

    public static void install(RouterServices services, ConfigCatalog config) {
        ShardingCatalog catalog = new ShardingCatalog(config::configShard);
        ShardCollectionCoordinator coordinator = new ShardCollectionCoordinator(catalog, services.routing(),
                services.shards(), () -> services.shards().update(config.shards()), services.clock());
        services.commands().register(new ShardCollectionCommand(coordinator));
    }
}
