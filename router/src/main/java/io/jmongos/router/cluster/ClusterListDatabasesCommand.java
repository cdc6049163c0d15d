package io.jmongos.router.cluster;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.command.CommandSpec;
import io.jmongos.router.command.data.CommandArgs;
import io.jmongos.router.routing.ShardBroadcast;
import io.jmongos.router.shard.Shard;

/**
 * {@code listDatabases} on a cluster router, as mongos answers it: the command (its {@code filter},
 * {@code nameOnly} and {@code authorizedDatabases} as the client sent them) goes to every shard and to the config
 * server, and {@link ListDatabasesMerge} sums the answers per database with the {@code shards} breakdown. The first
 * shard that fails fails the command, as mongos's {@code uassertStatusOK} on each response. Who may run it is the
 * single-process router's rule (the {@code listDatabases} cluster privilege; see docs/CONFORMANCE.md).
 */
final class ClusterListDatabasesCommand implements CommandHandler {
    /** A read of no user data that may not run in a transaction. */
    static final CommandSpec SPEC = new CommandSpec(true, false, true, false, false);

    private final ClusterContext cluster;

    ClusterListDatabasesCommand(ClusterContext cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "listDatabases";
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command) {
        CommandArgs.requireAdmin(ctx.db(), name());
        ListDatabasesMerge merge = new ListDatabasesMerge(CommandArgs.optionalBool(command, "nameOnly"));
        ShardBroadcast broadcast = new ShardBroadcast(ctx.services().shards(), ctx.services().sender());
        for (ShardBroadcast.Answer a : broadcast.toAllShards("admin", command)) {
            if (a.error() != null) {
                throw a.error();
            }
            merge.add(a.shardName(), false, a.reply().bodyOrThrow());
        }
        Shard config = cluster.catalog().configShard();
        merge.add(config.name(), true, ctx.services().sender().toShard(config, "admin", command).bodyOrThrow());
        return merge.reply();
    }
}
