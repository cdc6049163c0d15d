package io.jmongos.router.shard.remote;

import java.util.concurrent.CompletableFuture;

import io.jmongos.wire.client.WireClientConnection;
import io.jmongos.wire.client.WireClientOptions;
import io.jmongos.wire.client.WireClientResources;

/**
 * Opens one handshaken connection to a shard: to its single host ({@link #direct}), or to the primary of its
 * replica set ({@link ReplicaSetPrimaryConnector}). Never blocks the caller; the future fails with a
 * {@link io.jmongos.wire.client.WireClientException}.
 */
interface ShardConnector {
    CompletableFuture<WireClientConnection> connect();

    /** The connector for a shard host string: direct for {@code host:port}, primary discovery for {@code rs/...}. */
    static ShardConnector of(ShardHostAddress address, WireClientResources resources, WireClientOptions options) {
        if (address.isReplicaSet()) {
            return new ReplicaSetPrimaryConnector(address, resources, options);
        }
        return direct(address.members().get(0), resources, options);
    }

    static ShardConnector direct(ShardHostAddress.Member member, WireClientResources resources,
                                 WireClientOptions options) {
        return () -> WireClientConnection.connectAsync(resources, member.socketAddress(), options);
    }
}
