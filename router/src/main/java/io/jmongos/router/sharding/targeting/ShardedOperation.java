package io.jmongos.router.sharding.targeting;

import org.bson.BsonDocument;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.sharding.routing.RoutingTable;

/** One command's way over a sharded collection (find, count, distinct, insert, update, delete, aggregate, explain). */
public interface ShardedOperation {
    /** Run {@code command} on the shards {@code table} names; StaleConfig from a shard is thrown as is. */
    BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table);

    /** Whether a StaleConfig may re-run the whole command (reads: yes; writes retry per batch). */
    default boolean retriesWhole() {
        return true;
    }
}
