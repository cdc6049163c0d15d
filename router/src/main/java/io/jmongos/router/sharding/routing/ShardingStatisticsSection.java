package io.jmongos.router.sharding.routing;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.router.status.ServerStatusSection;

/**
 * serverStatus {@code shardingStatistics.catalogCache} as mongos reports it, for the fields jmongos keeps:
 * {@code numCollectionEntries} (cached namespaces, sharded or not), {@code countStaleConfigErrors} (StaleConfig
 * answers that made the router refresh) and {@code countFullRefreshesStarted} (routing table reads from the config
 * server).
 */
public final class ShardingStatisticsSection implements ServerStatusSection {
    private final CollectionRoutingCache cache;

    public ShardingStatisticsSection(CollectionRoutingCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "shardingStatistics";
    }

    @Override
    public BsonValue report() {
        return new BsonDocument("catalogCache", new BsonDocument("numCollectionEntries", new BsonInt64(cache.size()))
                .append("countStaleConfigErrors", new BsonInt64(cache.staleConfigErrors()))
                .append("countFullRefreshesStarted", new BsonInt64(cache.refreshes())));
    }
}
