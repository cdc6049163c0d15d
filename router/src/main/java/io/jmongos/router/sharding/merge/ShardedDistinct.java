package io.jmongos.router.sharding.merge;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.engine.query.BsonValueComparator;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.QueryTargeter;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code distinct} on a sharded collection (MongoDB's {@code cluster_distinct_cmd.cpp}): the targeted shards'
 * values united, duplicates removed and ordered with the simple comparator, as mongos merges them.
 */
public final class ShardedDistinct implements ShardedOperation {
    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        BsonDocument query = command.isDocument("query") ? command.getDocument("query") : new BsonDocument();
        List<BsonValue> all = new ArrayList<>();
        for (String name : QueryTargeter.shards(table, query)) {
            BsonDocument r = ctx.services().sender().toShardVersioned(ShardLookup.get(ctx, name), ctx.db(),
                    command).bodyOrThrow();
            if (r.isArray("values")) {
                all.addAll(r.getArray("values"));
            }
        }
        all.sort(BsonValueComparator::compare);
        BsonArray values = new BsonArray();
        for (BsonValue v : all) {
            if (values.isEmpty() || !BsonValueComparator.equal(values.get(values.size() - 1), v)) {
                values.add(v);
            }
        }
        return new BsonDocument("values", values);
    }
}
