package io.jmongos.router.sharding;

/** MongoDB's error codes of sharded collections that {@code common.ErrorCode} does not list (error_codes.yml). */
public final class ShardingErrors {
    /** A document or query has no usable shard key value (an array). */
    public static final int SHARD_KEY_NOT_FOUND = 61;
    public static final String SHARD_KEY_NOT_FOUND_NAME = "ShardKeyNotFound";
    /** shardCollection of a collection already sharded with other options. */
    public static final int ALREADY_INITIALIZED = 23;
    public static final String ALREADY_INITIALIZED_NAME = "AlreadyInitialized";
    /** A shard's placement of a collection differs from the router's (with extra info ns, vReceived, vWanted). */
    public static final int STALE_CONFIG = 13388;
    public static final String STALE_CONFIG_NAME = "StaleConfig";
    /** shardCollection of a view. */
    public static final int COMMAND_NOT_SUPPORTED_ON_VIEW = 166;
    public static final String COMMAND_NOT_SUPPORTED_ON_VIEW_NAME = "CommandNotSupportedOnView";

    private ShardingErrors() {
    }
}
