package io.jmongos.router.shardsvr;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.server.AdminOnly;

/**
 * {@code {_flushDatabaseCacheUpdates: "<db>"}} (MongoDB's name, admin): forget this shard's cached version and
 * primary of the database; the next versioned command on it refreshes from the config server. (mongod refreshes at
 * once; jmongos refreshes lazily, which gives the same answers.)
 */
final class FlushDatabaseCacheUpdatesCommand implements CommandHandler {
    static final String NAME = "_flushDatabaseCacheUpdates";

    private final DatabaseVersionCheck versions;

    FlushDatabaseCacheUpdatesCommand(DatabaseVersionCheck versions) {
        this.versions = versions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.ADMIN;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        AdminOnly.check(ctx, NAME);
        versions.drop(DatabaseArgument.of(command));
        return new BsonDocument();
    }
}
