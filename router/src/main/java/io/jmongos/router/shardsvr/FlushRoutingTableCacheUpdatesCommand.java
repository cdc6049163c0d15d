package io.jmongos.router.shardsvr;

import java.util.List;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;

/**
 * {@code _flushRoutingTableCacheUpdates: "<db.coll>"} (admin; alias
 * {@code _flushRoutingTableCacheUpdatesWithWriteConcern}): drops this shard's cached version of the collection,
 * so the next versioned command reads it from the config server (mongod refreshes at once; jmongos on that next
 * command, with the same answers).
 */
final class FlushRoutingTableCacheUpdatesCommand implements CommandHandler {
    private final CollectionVersionCheck versions;

    FlushRoutingTableCacheUpdatesCommand(CollectionVersionCheck versions) {
        this.versions = versions;
    }

    @Override
    public String name() {
        return "_flushRoutingTableCacheUpdates";
    }

    @Override
    public List<String> aliases() {
        return List.of("_flushRoutingTableCacheUpdatesWithWriteConcern");
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        versions.drop(CommandArgs.requiredString(command, name(), name()));
        return new BsonDocument();
    }
}
