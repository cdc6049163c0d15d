package io.jmongos.router.cluster;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;

/**
 * {@code enableSharding: db} (admin): since MongoDB 6.0 it only makes sure the database exists, with a primary
 * shard chosen as on a first write (or the one named by {@code primaryShard}, not supported here yet).
 */
final class EnableShardingCommand implements CommandHandler {
    @Override
    public String name() {
        return "enableSharding";
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        String db = CommandArgs.requiredString(command, name(), name());
        ctx.services().routing().route(db, true);
        return new BsonDocument();
    }
}
