package io.jmongos.router.shard;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;

/** The router could not reach a shard (transport failure, shard closed). */
public class ShardUnavailableException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    public ShardUnavailableException(String shardName, String reason) {
        super(ErrorCode.HOST_UNREACHABLE, "shard " + shardName + " unavailable: " + reason);
    }
}
