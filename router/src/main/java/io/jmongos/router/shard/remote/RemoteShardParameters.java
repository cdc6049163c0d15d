package io.jmongos.router.shard.remote;

import org.bson.BsonInt32;
import org.bson.BsonValue;

import io.jmongos.router.param.ServerParameter;
import io.jmongos.router.param.ServerParameters;

/**
 * The server parameters of the router's connections to remote shards. The pool parameters keep MongoDB's names
 * and defaults (mongos's {@code ShardingTaskExecutorPool*}); jmongos has one pool per shard host, as MongoDB with
 * {@code taskExecutorPoolSize: 1}. All are startup-only here: a {@link RemoteShard} reads them when it is created.
 */
public final class RemoteShardParameters {
    /** Connections kept open to each shard host while it is in use. */
    public static final String POOL_MIN_SIZE = "ShardingTaskExecutorPoolMinSize";
    /** Most connections open to each shard host; -1 is no limit. */
    public static final String POOL_MAX_SIZE = "ShardingTaskExecutorPoolMaxSize";
    /** A connection unused this long is closed; a host unused this long keeps none (not even the minimum). */
    public static final String POOL_HOST_TIMEOUT_MS = "ShardingTaskExecutorPoolHostTimeoutMS";
    /** Bound on opening one connection (TCP connect, then the hello handshake). */
    public static final String CONNECT_TIMEOUT_MS = "shardConnectTimeoutMS";
    /** Bound on one request's reply, plus the command's own maxTimeMS when it has one. */
    public static final String REQUEST_TIMEOUT_MS = "shardRequestTimeoutMS";

    /** MongoDB's ShardingTaskExecutorPoolMinSize default (ConnectionPool::kDefaultMinConns): 1. */
    public static final int DEFAULT_POOL_MIN_SIZE = 1;
    /** MongoDB's ShardingTaskExecutorPoolMaxSize default: -1, no limit (the router's 64 command workers bound it). */
    public static final int DEFAULT_POOL_MAX_SIZE = -1;
    /** MongoDB's ShardingTaskExecutorPoolHostTimeoutMS default (ConnectionPool::kDefaultHostTimeout): 5 minutes. */
    public static final int DEFAULT_POOL_HOST_TIMEOUT_MS = 300_000;
    /** The drivers' connectTimeoutMS default (URI options specification): 10 s. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    /**
     * jmongos's own bound, with no MongoDB counterpart (mongos puts no deadline on a shard request without
     * maxTimeMS): one minute, far above any single command of the embedded shard and the 1 s default wait of an
     * awaitData getMore, so that a shard that accepts connections but stops answering gives NetworkTimeout instead
     * of holding a command worker forever.
     */
    public static final int DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
    /** Largest pool size accepted: MongoDB's default maxIncomingConnections (1,000,000) on the shard side. */
    public static final int MAX_POOL_SIZE = 1_000_000;
    /** Largest timeout accepted: a day, in milliseconds (beyond that a timeout is a mistake, not a setting). */
    public static final int MAX_TIMEOUT_MS = 86_400_000;

    private RemoteShardParameters() {
    }

    public static void register(ServerParameters parameters) {
        parameters.register(startup(POOL_MIN_SIZE, DEFAULT_POOL_MIN_SIZE, ServerParameters.intRange(0, MAX_POOL_SIZE)));
        parameters.register(startup(POOL_MAX_SIZE, DEFAULT_POOL_MAX_SIZE, RemoteShardParameters::maxSize));
        parameters.register(startup(POOL_HOST_TIMEOUT_MS, DEFAULT_POOL_HOST_TIMEOUT_MS,
                ServerParameters.intRange(1, MAX_TIMEOUT_MS)));
        parameters.register(startup(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS,
                ServerParameters.intRange(1, MAX_TIMEOUT_MS)));
        parameters.register(startup(REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS,
                ServerParameters.intRange(1, MAX_TIMEOUT_MS)));
    }

    private static ServerParameter startup(String name, int defaultValue,
                                           java.util.function.Function<BsonValue, BsonValue> parser) {
        return new ServerParameter(name, new BsonInt32(defaultValue), true, false, parser);
    }

    /** -1 (no limit) or 1 … {@link #MAX_POOL_SIZE}. */
    private static BsonValue maxSize(BsonValue value) {
        BsonValue parsed = ServerParameters.intRange(-1, MAX_POOL_SIZE).apply(value);
        if (parsed.asNumber().intValue() == 0) {
            throw new IllegalArgumentException("must be -1 (no limit) or between 1 and " + MAX_POOL_SIZE + ", got 0");
        }
        return parsed;
    }
}
