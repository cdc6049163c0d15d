package io.jmongos.router.shard.remote;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.jmongos.router.param.ServerParameters;
import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.client.WireClientSecurity;

/**
 * The settings of one {@link RemoteShard}'s pool and connections (see {@link RemoteShardParameters} for where the
 * defaults come from).
 *
 * @param minSize        connections kept open while the host is in use (at most {@code maxSize})
 * @param maxSize        most connections open at once; -1 is no limit
 * @param hostTimeout    an idle connection unused this long is closed; after this long without a request the pool
 *                       keeps none
 * @param connectTimeout bound on opening a connection (TCP connect, then the handshake)
 * @param requestTimeout bound on a reply (plus the command's maxTimeMS); also bounds the wait for a free connection
 * @param compressors    compressors offered in the handshake (none by default)
 * @param security       TLS and authentication of every new connection (the cluster's TLS and keyFile; none by
 *                       default)
 */
public record RemoteShardSettings(int minSize, int maxSize, Duration hostTimeout, Duration connectTimeout,
                                  Duration requestTimeout, List<WireCompressor> compressors,
                                  WireClientSecurity security) {
    public RemoteShardSettings {
        if (minSize < 0 || maxSize == 0 || maxSize < -1) {
            throw new IllegalArgumentException("pool sizes out of range: min " + minSize + ", max " + maxSize);
        }
        if (maxSize > 0 && minSize > maxSize) {
            minSize = maxSize;
        }
        Objects.requireNonNull(hostTimeout, "hostTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        compressors = List.copyOf(compressors);
        Objects.requireNonNull(security, "security");
    }

    /** MongoDB's defaults, as {@link RemoteShardParameters} registers them. */
    public static RemoteShardSettings defaults() {
        return new RemoteShardSettings(RemoteShardParameters.DEFAULT_POOL_MIN_SIZE,
                RemoteShardParameters.DEFAULT_POOL_MAX_SIZE,
                Duration.ofMillis(RemoteShardParameters.DEFAULT_POOL_HOST_TIMEOUT_MS),
                Duration.ofMillis(RemoteShardParameters.DEFAULT_CONNECT_TIMEOUT_MS),
                Duration.ofMillis(RemoteShardParameters.DEFAULT_REQUEST_TIMEOUT_MS), List.of(),
                WireClientSecurity.NONE);
    }

    /** The current values of the parameters {@link RemoteShardParameters#register} defined. */
    public static RemoteShardSettings from(ServerParameters parameters) {
        return new RemoteShardSettings(parameters.getInt(RemoteShardParameters.POOL_MIN_SIZE),
                parameters.getInt(RemoteShardParameters.POOL_MAX_SIZE),
                Duration.ofMillis(parameters.getLong(RemoteShardParameters.POOL_HOST_TIMEOUT_MS)),
                Duration.ofMillis(parameters.getLong(RemoteShardParameters.CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(parameters.getLong(RemoteShardParameters.REQUEST_TIMEOUT_MS)), List.of(),
                WireClientSecurity.NONE);
    }

    public RemoteShardSettings withPoolSizes(int min, int max) {
        return new RemoteShardSettings(min, max, hostTimeout, connectTimeout, requestTimeout, compressors, security);
    }

    public RemoteShardSettings withTimeouts(Duration connect, Duration request) {
        return new RemoteShardSettings(minSize, maxSize, hostTimeout, connect, request, compressors, security);
    }

    public RemoteShardSettings withHostTimeout(Duration timeout) {
        return new RemoteShardSettings(minSize, maxSize, timeout, connectTimeout, requestTimeout, compressors,
                security);
    }

    public RemoteShardSettings withCompressors(List<WireCompressor> offered) {
        return new RemoteShardSettings(minSize, maxSize, hostTimeout, connectTimeout, requestTimeout, offered,
                security);
    }

    /** The same settings with TLS and authentication for new connections. */
    public RemoteShardSettings withSecurity(WireClientSecurity s) {
        return new RemoteShardSettings(minSize, maxSize, hostTimeout, connectTimeout, requestTimeout, compressors, s);
    }

    /** Whether {@code total} connections leave room for one more. */
    boolean roomFor(int total) {
        return maxSize < 0 || total < maxSize;
    }
}
