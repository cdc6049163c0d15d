package io.jmongos.router.sharding.write;

import java.util.Set;

import org.bson.BsonDocument;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.QueryTargeter;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code findAndModify} on a sharded collection: the query picks the shards; one shard runs it; over several the
 * router asks them in turn until one found a document (MongoDB 7 runs its two-phase "write without shard key"
 * here; jmongos does not, see docs). An upsert must target one shard (MongoDB's 72 otherwise). StaleConfig before
 * anything ran is retried by the interceptor on a fresh table.
 */
public final class ShardedFindAndModify implements ShardedOperation {
    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        BsonDocument query = command.isDocument("query") ? command.getDocument("query") : new BsonDocument();
        ShardKeyUpdates.check(table.key(), query, command.get("update"));
        Set<String> targets = QueryTargeter.shards(table, query);
        if (targets.size() > 1 && command.getBoolean("upsert", org.bson.BsonBoolean.FALSE).getValue()) {
            throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "Query for sharded findAndModify must "
                    + "contain the shard key " + table.key() + " when upsert is true and the query targets more "
                    + "than one shard");
        }
        BsonDocument last = null;
        for (String name : targets) {
            last = ctx.services().sender().toShardVersioned(ShardLookup.get(ctx, name), ctx.db(), command)
                    .bodyOrThrow();
            BsonDocument info = last.isDocument("lastErrorObject") ? last.getDocument("lastErrorObject")
                    : new BsonDocument();
            if (info.containsKey("n") && info.getNumber("n").intValue() > 0) {
                return last;
            }
        }
        return last;
    }
}
