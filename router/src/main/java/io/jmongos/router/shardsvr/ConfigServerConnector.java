package io.jmongos.router.shardsvr;

import io.jmongos.router.shard.Shard;

/**
 * Opens the {@link Shard} a shard server reads the cluster metadata through, from the config server's connection
 * string in its shard identity ({@code host:port[,...]} or {@code setName/host:port[,...]}).
 */
@FunctionalInterface
public interface ConfigServerConnector {
    /** A shard for the config server at {@code connectionString}; the shard server closes it when it closes. */
    Shard connect(String connectionString);
}
