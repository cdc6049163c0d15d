package io.jmongos.router.sharding.ddl;

import java.util.Set;
import java.util.TreeSet;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code createIndexes} and {@code dropIndexes} on a sharded collection: sent to the primary shard and to every
 * shard that owns a chunk, as mongos sends them ({@code cluster_create_indexes_cmd.cpp}), so every copy has the same
 * indexes; the reply keeps each shard's answer under {@code raw} by its host, as mongos does, and the first error
 * is the command's.
 */
public final class ShardedIndexCommand implements ShardedOperation {
    @Override
    public boolean retriesWhole() {
        return false;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        Set<String> targets = new TreeSet<>(table.shards());
        targets.add(ctx.services().routing().route(ctx.db(), false).primary().name());
        BsonDocument raw = new BsonDocument();
        for (String name : targets) {
            Shard shard = ShardLookup.get(ctx, name);
            ShardReply r = ctx.services().sender().toShard(shard, ctx.db(), command);
            if (!r.ok()) {
                throw r.error();
            }
            raw.append(shard.host(), r.bodyOrThrow());
        }
        return new BsonDocument("raw", raw);
    }
}
