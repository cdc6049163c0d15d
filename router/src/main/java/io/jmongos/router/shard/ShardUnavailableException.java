package io.jmongos.router.shard;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/**
 * The router could not reach a shard (transport failure, shard closed), with MongoDB's code for why:
 * HostUnreachable (6) by default, NetworkTimeout (89) when a request to a remote shard timed out.
 */
public class ShardUnavailableException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    public ShardUnavailableException(String shardName, String reason) {
        this(ErrorCode.HOST_UNREACHABLE, shardName, reason);
    }

    public ShardUnavailableException(ErrorCode code, String shardName, String reason) {
        super(code, "shard " + shardName + " unavailable: " + reason);
    }
}
