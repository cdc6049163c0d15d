package io.jmongos.router.sharding.merge;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.QueryTargeter;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code count} on a sharded collection (MongoDB's {@code cluster_count_cmd.cpp}): each targeted shard counts with
 * {@code skip} removed and {@code limit} raised to {@code limit + skip}; the router sums the counts, then applies the
 * skip and the limit to the sum.
 */
public final class ShardedCount implements ShardedOperation {
    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        BsonDocument query = command.isDocument("query") ? command.getDocument("query") : new BsonDocument();
        long skip = ShardedFind.nonNegative(command, "skip");
        long limit = ShardedFind.limit(command);
        BsonDocument toShards = command.clone();
        toShards.remove("skip");
        if (limit > 0) {
            toShards.put("limit", new BsonInt64(limit + skip));
        }
        long total = 0;
        for (String name : QueryTargeter.shards(table, query)) {
            ShardReply r = ctx.services().sender().toShardVersioned(ShardLookup.get(ctx, name), ctx.db(),
                    toShards);
            BsonValue n = r.bodyOrThrow().get("n");
            total += n == null ? 0 : n.asNumber().longValue();
        }
        long n = Math.max(0, total - skip);
        if (limit > 0) {
            n = Math.min(n, limit);
        }
        return new BsonDocument("n", n <= Integer.MAX_VALUE ? new BsonInt32((int) n) : new BsonInt64(n));
    }
}
