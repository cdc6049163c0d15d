package io.jmongos.router.cluster;

import java.util.function.Supplier;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.RouterServices;
import io.jmongos.router.status.ServerStatusSection;

/**
 * The serverStatus sections a cluster router adds, in mongos 7.0's shape ({@code s_sharding_server_status.cpp}):
 * {@code sharding} ({@code configsvrConnectionString}, {@code maxChunkSizeInBytes}) and
 * {@code shardingStatistics.catalogCache.numDatabaseEntries} (databases whose placement this router holds). mongos's
 * {@code lastSeenConfigServerOpTime}/{@code lastSeenTopologyOpTime} are left out: jmongos keeps no config-server
 * time. The sharded collections' counters of the same section come from
 * {@code sharding.routing.ShardingStatisticsSection} (serverStatus merges the two).
 */
final class ClusterStatusSections {
    /**
     * The chunk size mongos reports without a {@code config.settings} chunksize document: 128 MiB, MongoDB 6.0+'s
     * default ({@code ChunkSizeSettingsType::kDefaultMaxChunkSizeBytes}).
     */
    static final long DEFAULT_MAX_CHUNK_SIZE_BYTES = 128L * 1024 * 1024;

    private ClusterStatusSections() {
    }

    static void register(RouterServices services, ClusterContext cluster, ClusterDatabaseRouting routing) {
        services.serverStatus().register(section("sharding", () -> new BsonDocument("configsvrConnectionString",
                new BsonString(cluster.configHost()))
                .append("maxChunkSizeInBytes", new BsonInt64(DEFAULT_MAX_CHUNK_SIZE_BYTES))));
        services.serverStatus().register(section("shardingStatistics", () -> new BsonDocument("catalogCache",
                new BsonDocument("numDatabaseEntries", new BsonInt64(routing.cachedEntries())))));
    }

    private static ServerStatusSection section(String name, Supplier<BsonValue> report) {
        return new ServerStatusSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BsonValue report() {
                return report.get();
            }
        };
    }
}
