package io.jmongos.server;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.cluster.ClusterDatabaseRouting;
import io.jmongos.router.cluster.ConfigCatalog;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.shard.remote.RemoteShard;
import io.jmongos.router.shard.remote.RemoteShardResources;
import io.jmongos.router.shard.remote.RemoteShardSettings;
import io.jmongos.wire.client.WireClientResources;
import io.jmongos.wire.client.WireClientSecurity;

/**
 * What a cluster router ({@code --configdb}) reads and writes instead of an embedded store: the config server as
 * a remote shard, the cluster's shards connected as the config server lists them, and where each database lives.
 * At start it waits for the config server, retrying with one log line per try, as mongos waits.
 */
final class ClusterStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterStore.class);
    /** jmongos' own log id: waiting for the config server at start. */
    static final int LOG_WAITING_FOR_CONFIG = LogIds.JMONGOS_BASE + 530;
    /** Pause between tries to reach the config server at start: 1 s (mongos retries its config connection). */
    static final long CONFIG_RETRY_MILLIS = 1000;
    /** The name the config server has as a shard of the registry (MongoDB's ShardId "config"). */
    static final String CONFIG_SHARD = "config";

    private final WireClientResources resources;
    private final RemoteShard config;
    private final ShardRegistry registry;
    private final ConfigCatalog catalog;
    private final ClusterDatabaseRouting routing;
    private final String configHost;

    private ClusterStore(WireClientResources resources, RemoteShard config, ShardRegistry registry, String host) {
        this.resources = resources;
        this.config = config;
        this.registry = registry;
        this.catalog = new ConfigCatalog(config);
        this.routing = new ClusterDatabaseRouting(catalog, registry);
        registry.followConfigServer(catalog::shards);
        this.configHost = host;
    }

    /**
     * Connect to the config server ({@code hosts}: its members) and read the cluster's shards; every connection, to
     * the config server and to the shards, is secured with {@code links} (TLS, the key file's authentication).
     */
    static ClusterStore connect(List<String> hosts, String setName, ServerParameters params,
                                WireClientSecurity links) {
        String host = setName == null ? String.join(",", hosts) : setName + "/" + String.join(",", hosts);
        RemoteShardSettings settings = RemoteShardSettings.from(params).withSecurity(links);
        WireClientResources resources = RemoteShardResources.create();
        RemoteShard config = new RemoteShard(CONFIG_SHARD, host, settings, resources);
        ShardRegistry registry = ShardRegistry.connecting((name, h) -> new RemoteShard(name, h, settings, resources));
        ClusterStore store = new ClusterStore(resources, config, registry, host);
        store.awaitConfigServer();
        return store;
    }

    private void awaitConfigServer() {
        for (int attempt = 1; ; attempt++) {
            try {
                catalog.clusterId();
                registry.update(catalog.shards());
                return;
            } catch (RuntimeException e) {
                StructuredLog.info(LOG, LOG_WAITING_FOR_CONFIG, LogComponent.SHARDING,
                                "Waiting for the config server")
                        .addKeyValue("configdb", configHost).addKeyValue("attempt", attempt)
                        .addKeyValue("error", e.getMessage()).log();
                try {
                    Thread.sleep(CONFIG_RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new StartupException("interrupted while waiting for the config server " + configHost);
                }
            }
        }
    }

    ShardRegistry registry() {
        return registry;
    }

    ClusterDatabaseRouting routing() {
        return routing;
    }

    ConfigCatalog catalog() {
        return catalog;
    }

    String configHost() {
        return configHost;
    }

    @Override
    public void close() {
        registry.close();
        config.close();
        resources.close();
    }
}
