package io.jmongos.router.cluster;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry.ShardEntry;
import io.jmongos.router.shard.ShardReply;

/**
 * {@code addShard: "host:port"} (admin; {@code name} optional): checks that the host answers as a shard server
 * (not a router, not a config server), gives it its identity ({@code _shardsvrAddShard}), records it in
 * {@code config.shards} under the given name or the next {@code shard0000}-style one, and refreshes the router's
 * shard registry. Adding the same host under the same name again succeeds, as in MongoDB.
 */
final class AddShardCommand implements CommandHandler {
    /** Width of generated shard names: MongoDB's {@code shard0000}. */
    private static final int NAME_DIGITS = 4;

    private final ClusterContext cluster;

    AddShardCommand(ClusterContext cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "addShard";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        String host = CommandArgs.requiredString(command, name(), name());
        BsonValue given = command.get("name");
        List<ShardEntry> shards = cluster.catalog().shards();
        for (ShardEntry existing : shards) {
            if (existing.host().equals(host)) {
                if (given == null || given.isString() && given.asString().getValue().equals(existing.name())) {
                    return new BsonDocument("shardAdded", new BsonString(existing.name()));
                }
                throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "A shard already exists with host "
                        + host + " under the name " + existing.name());
            }
        }
        String shardName = given != null && given.isString() ? given.asString().getValue() : nextName(shards);
        Shard candidate = ctx.services().shards().open(shardName, host);
        try {
            check(candidate, host);
            BsonDocument identity = new BsonDocument("shardName", new BsonString(shardName))
                    .append("clusterId", new BsonObjectId(cluster.catalog().clusterId()))
                    .append("configsvrConnectionString", new BsonString(cluster.configHost()));
            candidate.run("admin", new BsonDocument("_shardsvrAddShard", new BsonInt32(1))
                    .append("shardIdentity", identity)).bodyOrThrow();
        } finally {
            candidate.close();
        }
        BsonDocument entry = new BsonDocument("_id", new BsonString(shardName)).append("host", new BsonString(host))
                .append("state", new BsonInt32(1));
        if (!cluster.catalog().insert("shards", entry)) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "A shard named " + shardName
                    + " already exists");
        }
        ctx.services().shards().update(cluster.catalog().shards());
        return new BsonDocument("shardAdded", new BsonString(shardName));
    }

    /** MongoDB's checks of a new shard's hello: not a router, not a config server. */
    private static void check(Shard candidate, String host) {
        ShardReply hello = candidate.run("admin", new BsonDocument("hello", new BsonInt32(1)));
        BsonDocument h = hello.bodyOrThrow();
        if (h.isString("msg") && h.getString("msg").getValue().equals("isdbgrid")) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "can't add a mongos process as a shard");
        }
        if (h.containsKey("configsvr")) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "Cannot add " + host
                    + " as a shard since it is a config server");
        }
    }

    /** The first {@code shardNNNN} name from the number of shards on that no shard has. */
    private static String nextName(List<ShardEntry> shards) {
        for (int n = shards.size(); ; n++) {
            String candidate = "shard" + String.format("%0" + NAME_DIGITS + "d", n);
            if (shards.stream().noneMatch(e -> e.name().equals(candidate))) {
                return candidate;
            }
        }
    }
}
