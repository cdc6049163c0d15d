package io.jmongos.router.shardsvr;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.ClusterRole;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.server.AdminOnly;

/**
 * {@code _shardsvrAddShard} (MongoDB's internal command, sent by addShard to the new shard):
 * {@code {_shardsvrAddShard: 1, shardIdentity: {shardName, clusterId, configsvrConnectionString}}} on admin.
 * Stores the identity durably ({@link ShardingState#accept}); 50876 on a process not started with --shardsvr.
 */
final class ShardsvrAddShardCommand implements CommandHandler {
    static final String NAME = "_shardsvrAddShard";

    private final ClusterRole role;
    private final ShardingState sharding;

    ShardsvrAddShardCommand(ClusterRole role, ShardingState sharding) {
        this.role = role;
        this.sharding = sharding;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.DDL;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        AdminOnly.check(ctx, NAME);
        if (role != ClusterRole.SHARDSVR) {
            throw new CommandFailedException(ShardingState.NOT_A_SHARD_SERVER, "Location"
                    + ShardingState.NOT_A_SHARD_SERVER, "Cannot run addShard on a node started without --shardsvr");
        }
        sharding.accept(ShardIdentity.parse(command.get("shardIdentity")));
        return new BsonDocument();
    }
}
