package io.jmongos.router.cluster;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.shard.ShardRegistry.ShardEntry;

/**
 * {@code removeShard: name} (admin). While the shard is some database's primary it is not removed: the reply is
 * MongoDB's {@code state: "ongoing"} with {@code dbsToMove} and its note to run movePrimary; once no database
 * lives there, the shard leaves {@code config.shards} ({@code state: "completed"}).
 */
final class RemoveShardCommand implements CommandHandler {
    private final ClusterContext cluster;

    RemoveShardCommand(ClusterContext cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "removeShard";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        String shard = CommandArgs.requiredString(command, name(), name());
        ctx.services().shards().get(shard); // ShardNotFound (70) for an unknown name
        BsonArray dbsToMove = new BsonArray();
        for (BsonValue v : cluster.catalog().databases()) {
            if (v.asDocument().getString("primary").getValue().equals(shard)) {
                dbsToMove.add(v.asDocument().get("_id"));
            }
        }
        if (!dbsToMove.isEmpty()) {
            return new BsonDocument("msg", new BsonString("draining ongoing"))
                    .append("state", new BsonString("ongoing"))
                    .append("dbsToMove", dbsToMove)
                    .append("note", new BsonString("you need to call moveCollection for collectionsToMove and "
                            + "afterwards movePrimary for the dbsToMove"))
                    .append("shard", new BsonString(shard));
        }
        cluster.catalog().delete("shards", new BsonDocument("_id", new BsonString(shard)));
        List<ShardEntry> rest = cluster.catalog().shards();
        ctx.services().shards().update(rest);
        return new BsonDocument("msg", new BsonString("removeshard completed successfully"))
                .append("state", new BsonString("completed")).append("shard", new BsonString(shard));
    }
}
