package io.jmongos.router.sharding;

import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonString;

import io.jmongos.router.RouterServices;
import io.jmongos.router.cluster.ConfigCatalog;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.sharding.catalog.ShardingCatalog;
import io.jmongos.router.sharding.balancer.Balancer;
import io.jmongos.router.sharding.balancer.BalancerCommand;
import io.jmongos.router.sharding.chunks.ChunkMigration;
import io.jmongos.router.sharding.chunks.MoveChunkCommand;
import io.jmongos.router.sharding.chunks.SplitChunkCommand;
import io.jmongos.router.sharding.ddl.ShardCollectionCommand;
import io.jmongos.router.sharding.ddl.ShardCollectionCoordinator;
import io.jmongos.router.sharding.ddl.ShardedDrop;
import io.jmongos.router.sharding.ddl.ShardedIndexCommand;
import io.jmongos.router.sharding.routing.CollectionRoutingCache;
import io.jmongos.router.sharding.merge.ShardedAggregate;
import io.jmongos.router.sharding.merge.ShardedCount;
import io.jmongos.router.sharding.merge.ShardedDistinct;
import io.jmongos.router.sharding.merge.ShardedExplain;
import io.jmongos.router.sharding.merge.ShardedFind;
import io.jmongos.router.sharding.routing.ShardingStatisticsSection;
import io.jmongos.router.sharding.targeting.ShardedCollectionInterceptor;
import io.jmongos.router.sharding.write.ShardedFindAndModify;
import io.jmongos.router.sharding.write.ShardedInsert;
import io.jmongos.router.sharding.write.ShardedWrite;

/**
 * Installs sharded collections on a cluster router: the collection routing cache (every versioned command then
 * carries {@code shardVersion}, serverStatus gains {@code shardingStatistics}), shardCollection, and the
 * innermost interceptor that sends commands on sharded collections where their chunks are.
 */
public final class ShardingCommands {
    private ShardingCommands() {
    }

    public static void install(RouterServices services, ConfigCatalog config) {
        ShardingCatalog catalog = new ShardingCatalog(config::configShard);
        CollectionRoutingCache cache = new CollectionRoutingCache(catalog);
        services.sender().useShardVersioning(cache);
        services.serverStatus().register(new ShardingStatisticsSection(cache));
        ShardCollectionCoordinator coordinator = new ShardCollectionCoordinator(catalog, services.routing(),
                services.shards(), () -> services.shards().update(config.shards()), services.clock(),
                ns -> flushEverywhere(services, cache, ns));
        services.commands().register(new ShardCollectionCommand(coordinator));
        services.commands().register(new SplitChunkCommand(catalog, cache, ns -> flushEverywhere(services, cache,
                ns)));
        ChunkMigration migration = new ChunkMigration(catalog, services.clock(), ns -> flushEverywhere(services,
                cache, ns));
        services.commands().register(new MoveChunkCommand(false, cache, migration));
        services.commands().register(new MoveChunkCommand(true, cache, migration));
        Balancer balancer = new Balancer(catalog, cache, services.shards(), migration, config.configShard());
        for (BalancerCommand.Kind kind : BalancerCommand.Kind.values()) {
            services.commands().register(new BalancerCommand(kind, balancer));
        }
        services.closeOnShutdown(balancer);
        balancer.start();
        ShardedExplain explain = new ShardedExplain();
        ShardedIndexCommand indexes = new ShardedIndexCommand();
        services.interceptors().add(new ShardedCollectionInterceptor(cache, Map.ofEntries(
                Map.entry("find", new ShardedFind()), Map.entry("count", new ShardedCount()),
                Map.entry("distinct", new ShardedDistinct()), Map.entry("aggregate", new ShardedAggregate(explain)),
                Map.entry("explain", explain), Map.entry("insert", new ShardedInsert(cache)),
                Map.entry("update", new ShardedWrite(cache, true)), Map.entry("delete", new ShardedWrite(cache, false)),
                Map.entry("findAndModify", new ShardedFindAndModify()),
                Map.entry("createIndexes", indexes), Map.entry("dropIndexes", indexes),
                Map.entry("drop", new ShardedDrop(catalog, ns -> flushEverywhere(services, cache, ns))))));
    }

    /**
     * A collection's placement changed: every shard drops its cached version ({@code _flushRoutingTableCacheUpdates},
     * as MongoDB's coordinator sends it), so a router that still has the old placement gets StaleConfig; this router
     * forgets its own. A shard that cannot be reached refreshes on its own when a router's version differs.
     */
    static void flushEverywhere(RouterServices services, CollectionRoutingCache cache, String ns) {
        for (Shard s : services.shards().all()) {
            try {
                s.run("admin", new BsonDocument("_flushRoutingTableCacheUpdates", new BsonString(ns)));
            } catch (RuntimeException e) {
                // the shard's next versioned command for ns finds a different version and refreshes
            }
        }
        cache.invalidate(ns);
    }
}
