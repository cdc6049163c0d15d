package io.jmongos.router.sharding.merge;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.Pipeline;
import io.jmongos.engine.query.SortSpec;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.cursor.CursorSource;
import io.jmongos.router.routing.ShardRequestSender;
import io.jmongos.router.session.OperationSessionInfo;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.QueryTargeter;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code aggregate} on a sharded collection, split where MongoDB splits it ({@code cluster_aggregate.cpp},
 * {@code sharded_agg_helpers.cpp}): the stages up to the first one that needs all documents run on each shard the
 * leading {@code $match} targets; a {@code $sort} there also runs on the shards (with a {@code $limit} right after
 * it), and the router merges the sorted streams; a {@code $group} of mergeable accumulators is split into a partial
 * group on the shards and a final one on the router ({@link GroupSplit}); every later stage runs on the router with
 * the engine's own aggregation code over the merged documents. Stages that read or write other collections
 * ({@code $lookup}, {@code $graphLookup}, {@code $unionWith}, {@code $out}, {@code $merge}) and {@code $changeStream}
 * are refused on sharded collections (238) for now.
 */
public final class ShardedAggregate implements ShardedOperation {
    /** Stages that pass documents one at a time, so a shard can run them on its own documents. */
    static final Set<String> STREAMING = Set.of("$match", "$project", "$addFields", "$set", "$unset", "$unwind",
            "$replaceRoot", "$replaceWith", "$redact");
    /** Stages jmongos does not run over a sharded collection yet. */
    static final Set<String> REFUSED = Set.of("$lookup", "$graphLookup", "$unionWith", "$out", "$merge",
            "$changeStream");

    /** A pipeline split in two: the shards' part, the merge sort, the router's part. */
    record Split(BsonArray shardsPart, BsonDocument mergeSort, BsonArray mergerPart) {
    }

    private final ShardedExplain explain;

    public ShardedAggregate(ShardedExplain explain) {
        this.explain = explain;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        if (command.getBoolean("explain", org.bson.BsonBoolean.FALSE).getValue()) {
            BsonDocument inner = command.clone();
            inner.remove("explain");
            return explain.run(ctx, new BsonDocument("explain", inner), table);
        }
        if (!command.isArray("pipeline")) {
            return ShardedFind.single(ctx, table.collection().ns(), command,
                    ShardLookup.get(ctx, table.chunks().get(0).shard()));
        }
        Split split = split(command.getArray("pipeline"));
        Set<String> targets = QueryTargeter.shards(table, leadingMatch(command.getArray("pipeline")));
        String ns = table.collection().ns();
        if (targets.size() == 1) {
            return ShardedFind.single(ctx, ns, command, ShardLookup.get(ctx, targets.iterator().next()));
        }
        BsonDocument toShards = command.clone();
        toShards.put("pipeline", split.shardsPart());
        ShardRequestSender sender = ctx.services().sender();
        List<ShardCursor> remotes = new ArrayList<>();
        try {
            for (String name : targets) {
                Shard shard = ShardLookup.get(ctx, name);
                ShardReply reply = sender.toShardVersioned(shard, ctx.db(), toShards);
                if (!reply.ok()) {
                    throw reply.error();
                }
                remotes.add(new ShardCursor(sender, shard, ctx.db(), table.collection().collection(),
                        reply.cursor()));
            }
        } catch (RuntimeException e) {
            remotes.forEach(ShardCursor::kill);
            throw e;
        }
        MergingCursorSource merged = new MergingCursorSource(remotes, split.mergeSort() == null ? null
                : SortSpec.compile(split.mergeSort()).comparator(), null, 0, 0);
        CursorSource source = merged;
        if (!split.mergerPart().isEmpty()) {
            Iterator<BsonDocument> out;
            try {
                out = Pipeline.compile(split.mergerPart(), new RouterPipelineContext(ctx.db())).execute(
                        new MergedDocuments(merged, OperationSessionInfo.parse(command).forwardFields()));
            } catch (RuntimeException e) {
                merged.kill();
                throw e;
            }
            source = new IteratorCursorSource(out, merged);
        }
        BsonDocument cursorOpts = command.isDocument("cursor") ? command.getDocument("cursor") : new BsonDocument();
        int first = cursorOpts.containsKey("batchSize") ? (int) ShardedFind.nonNegative(cursorOpts, "batchSize")
                : MergingCursorSource.DEFAULT_FIRST_BATCH;
        return RouterCursors.firstReply(ctx, ns, source, command, first);
    }

    /** The filter of a leading {@code $match}, or an empty filter (every shard). */
    static BsonDocument leadingMatch(BsonArray pipeline) {
        if (!pipeline.isEmpty() && pipeline.get(0).isDocument() && pipeline.get(0).asDocument().isDocument("$match")) {
            return pipeline.get(0).asDocument().getDocument("$match");
        }
        return new BsonDocument();
    }

    /** Split a pipeline (and refuse the stages jmongos cannot run over a sharded collection). */
    static Split split(BsonArray pipeline) {
        for (BsonValue v : pipeline) {
            String name = v.isDocument() && !v.asDocument().isEmpty() ? v.asDocument().getFirstKey() : "";
            if (REFUSED.contains(name)) {
                throw new CommandFailedException(ErrorCode.NOT_IMPLEMENTED, name + " on a sharded collection is not "
                        + "supported by jmongos yet");
            }
        }
        BsonArray shards = new BsonArray();
        int i = 0;
        while (i < pipeline.size() && STREAMING.contains(stageName(pipeline.get(i)))) {
            shards.add(pipeline.get(i++));
        }
        BsonDocument sort = null;
        BsonArray merger = new BsonArray();
        if (i < pipeline.size() && stageName(pipeline.get(i)).equals("$sort")) {
            shards.add(pipeline.get(i));
            sort = pipeline.get(i).asDocument().getDocument("$sort");
            i++;
            if (i < pipeline.size() && stageName(pipeline.get(i)).equals("$limit")) {
                shards.add(pipeline.get(i));
            }
        } else if (i < pipeline.size() && stageName(pipeline.get(i)).equals("$limit")) {
            shards.add(pipeline.get(i));
        } else if (i < pipeline.size() && stageName(pipeline.get(i)).equals("$group")
                && pipeline.get(i).asDocument().isDocument("$group")) {
            GroupSplit.Parts parts = GroupSplit.split(pipeline.get(i).asDocument().getDocument("$group"));
            if (parts != null) {
                shards.add(new BsonDocument("$group", parts.shardGroup()));
                merger.addAll(parts.routerStages());
                i++;
            }
        }
        for (; i < pipeline.size(); i++) {
            merger.add(pipeline.get(i));
        }
        return new Split(shards, sort, merger);
    }

    private static String stageName(BsonValue stage) {
        return stage.isDocument() && !stage.asDocument().isEmpty() ? stage.asDocument().getFirstKey() : "";
    }
}
