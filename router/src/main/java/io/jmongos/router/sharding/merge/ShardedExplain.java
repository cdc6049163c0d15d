package io.jmongos.router.sharding.merge;

import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.command.CommandContext;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.QueryTargeter;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code explain} of find, count, distinct, update, delete and aggregate on a sharded collection, shaped as mongos
 * shapes it ({@code cluster_explain.cpp}): each targeted shard explains its part, and the router adds its own stage
 * above them, {@code SINGLE_SHARD} for one shard, {@code SHARD_MERGE_SORT} for a sorted find over several,
 * {@code SHARD_MERGE} otherwise: {@code queryPlanner.winningPlan: {stage, shards: [{shardName, connectionString,
 * serverInfo, ...the shard's plan}]}} and, with execution statistics, {@code executionStats.executionStages: {stage,
 * nReturned, ..., shards: [...]}}. An aggregate's explain is {@code {mergeType, splitPipeline: {shardsPart,
 * mergerPart}, shards: {name: explain}}}.
 */
public final class ShardedExplain implements ShardedOperation {
    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        BsonDocument inner = command.getDocument("explain").clone();
        String name = inner.getFirstKey();
        BsonDocument forShards = inner.clone();
        boolean sorted = false;
        BsonDocument filter = new BsonDocument();
        ShardedAggregate.Split split = null;
        switch (name) {
            case "find" -> {
                filter = inner.isDocument("filter") ? inner.getDocument("filter") : filter;
                sorted = inner.isDocument("sort") && !inner.getDocument("sort").isEmpty();
            }
            case "count", "distinct" -> filter = inner.isDocument("query") ? inner.getDocument("query") : filter;
            case "update", "delete" -> {
                BsonArray stmts = inner.isArray(name + "s") ? inner.getArray(name + "s") : new BsonArray();
                if (stmts.size() == 1 && stmts.get(0).asDocument().isDocument("q")) {
                    filter = stmts.get(0).asDocument().getDocument("q");
                }
            }
            case "findAndModify", "findandmodify" -> filter = inner.isDocument("query")
                    ? inner.getDocument("query") : filter;
            case "aggregate" -> {
                if (inner.isArray("pipeline")) {
                    filter = ShardedAggregate.leadingMatch(inner.getArray("pipeline"));
                    split = ShardedAggregate.split(inner.getArray("pipeline"));
                }
            }
            default -> {
            }
        }
        Set<String> targets = QueryTargeter.shards(table, filter);
        if (name.equals("find") && targets.size() > 1) {
            long skip = ShardedFind.nonNegative(inner, "skip");
            long limit = ShardedFind.limit(inner);
            forShards.remove("skip");
            if (limit > 0) {
                forShards.put("limit", new BsonInt64(limit + skip));
            }
        }
        if (split != null && targets.size() > 1) {
            forShards.put("pipeline", split.shardsPart());
        }
        BsonDocument shardCommand = new BsonDocument("explain", forShards);
        if (command.containsKey("verbosity")) {
            shardCommand.append("verbosity", command.get("verbosity"));
        }
        String stage = targets.size() == 1 ? "SINGLE_SHARD" : sorted ? "SHARD_MERGE_SORT" : "SHARD_MERGE";
        BsonArray planners = new BsonArray();
        BsonArray executions = new BsonArray();
        BsonDocument byShard = new BsonDocument();
        long nReturned = 0;
        long keys = 0;
        long docs = 0;
        long millis = 0;
        for (String shardName : targets) {
            Shard shard = ShardLookup.get(ctx, shardName);
            BsonDocument r = ctx.services().sender().toShard(shard, ctx.db(), shardCommand).bodyOrThrow();
            byShard.append(shardName, r);
            BsonDocument qp = r.isDocument("queryPlanner") ? r.getDocument("queryPlanner") : new BsonDocument();
            BsonDocument entry = new BsonDocument("shardName", new BsonString(shardName))
                    .append("connectionString", new BsonString(shard.host()));
            if (r.isDocument("serverInfo")) {
                entry.append("serverInfo", r.getDocument("serverInfo"));
            }
            qp.forEach(entry::append);
            planners.add(entry);
            if (r.isDocument("executionStats")) {
                BsonDocument es = r.getDocument("executionStats");
                nReturned += number(es, "nReturned");
                keys += number(es, "totalKeysExamined");
                docs += number(es, "totalDocsExamined");
                millis = Math.max(millis, number(es, "executionTimeMillis"));
                BsonDocument e = new BsonDocument("shardName", new BsonString(shardName));
                es.forEach(e::append);
                executions.add(e);
            }
        }
        if (name.equals("aggregate")) {
            BsonValue splitDoc = split == null || targets.size() == 1 ? BsonNull.VALUE
                    : new BsonDocument("shardsPart", split.shardsPart()).append("mergerPart", split.mergerPart());
            return new BsonDocument("mergeType", new BsonString(targets.size() == 1 ? "primaryShard" : "mongos"))
                    .append("splitPipeline", splitDoc).append("shards", byShard);
        }
        BsonDocument out = new BsonDocument("queryPlanner", new BsonDocument("mongosPlannerVersion", new BsonInt32(1))
                .append("winningPlan", new BsonDocument("stage", new BsonString(stage)).append("shards", planners)));
        if (!executions.isEmpty()) {
            out.append("executionStats", new BsonDocument("nReturned", new BsonInt64(nReturned))
                    .append("executionTimeMillis", new BsonInt64(millis))
                    .append("totalKeysExamined", new BsonInt64(keys))
                    .append("totalDocsExamined", new BsonInt64(docs))
                    .append("executionStages", new BsonDocument("stage", new BsonString(stage))
                            .append("nReturned", new BsonInt64(nReturned))
                            .append("executionTimeMillis", new BsonInt64(millis))
                            .append("totalKeysExamined", new BsonInt64(keys))
                            .append("totalDocsExamined", new BsonInt64(docs))
                            .append("shards", executions)));
        }
        out.append("command", inner);
        return out;
    }

    private static long number(BsonDocument d, String field) {
        BsonValue v = d.get(field);
        return v != null && v.isNumber() ? v.asNumber().longValue() : 0;
    }
}
