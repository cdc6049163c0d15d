package io.jmongos.router.cluster;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;

/** {@code listShards} (admin): the {@code config.shards} documents, as mongos lists them. */
final class ListShardsCommand implements CommandHandler {
    private final ClusterContext cluster;

    ListShardsCommand(ClusterContext cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "listShards";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        BsonArray shards = new BsonArray();
        for (var s : cluster.catalog().shards()) {
            shards.add(new BsonDocument("_id", new BsonString(s.name())).append("host", new BsonString(s.host()))
                    .append("state", new BsonInt32(1)));
        }
        return new BsonDocument("shards", shards);
    }
}
