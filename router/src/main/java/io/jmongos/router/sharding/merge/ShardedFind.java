package io.jmongos.router.sharding.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.query.Projection;
import io.jmongos.engine.query.SortSpec;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.cursor.ClusterCursor;
import io.jmongos.router.cursor.CursorOptions;
import io.jmongos.router.cursor.CursorOrigin;
import io.jmongos.router.cursor.ShardCursorSource;
import io.jmongos.router.routing.ShardRequestSender;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.OperationSessionInfo;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.QueryTargeter;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code find} on a sharded collection (MongoDB's {@code cluster_find.cpp}): the filter picks the shards
 * ({@link QueryTargeter}); one shard gets the command as it is and its cursor is relayed; several get it with
 * {@code skip} removed and {@code limit} raised to {@code limit + skip} (and without the projection when there is a
 * sort, which must see the sort key), and their cursors are merged by a {@link MergingCursorSource} that sorts,
 * skips, limits and projects at the router.
 */
public final class ShardedFind implements ShardedOperation {
    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        String db = ctx.db();
        String ns = table.collection().ns();
        BsonDocument filter = command.isDocument("filter") ? command.getDocument("filter") : new BsonDocument();
        Set<String> targets = QueryTargeter.shards(table, filter);
        ShardRequestSender sender = ctx.services().sender();
        if (targets.size() == 1) {
            return single(ctx, ns, command, ShardLookup.get(ctx, targets.iterator().next()));
        }
        BsonDocument sort = command.isDocument("sort") ? command.getDocument("sort") : new BsonDocument();
        BsonDocument projectionSpec = command.isDocument("projection") ? command.getDocument("projection") : null;
        long skip = nonNegative(command, "skip");
        long limit = limit(command);
        BsonDocument toShards = command.clone();
        toShards.remove("skip");
        if (limit > 0) {
            toShards.put("limit", new BsonInt64(limit + skip));
        }
        Projection projection = null;
        if (!sort.isEmpty() && projectionSpec != null && !projectionSpec.isEmpty()) {
            toShards.remove("projection");
            projection = Projection.compile(projectionSpec, filter, null);
        }
        List<ShardCursor> remotes = new ArrayList<>();
        try {
            for (String name : targets) {
                Shard shard = ShardLookup.get(ctx, name);
                ShardReply reply = sender.toShardVersioned(shard, db, toShards);
                if (!reply.ok()) {
                    throw reply.error();
                }
                remotes.add(new ShardCursor(sender, shard, db, table.collection().collection(), reply.cursor()));
            }
        } catch (RuntimeException e) {
            remotes.forEach(ShardCursor::kill);
            throw e;
        }
        MergingCursorSource source = new MergingCursorSource(remotes,
                sort.isEmpty() ? null : SortSpec.compile(sort).comparator(), projection, skip, limit);
        int first = (int) Math.min(Integer.MAX_VALUE, command.containsKey("batchSize")
                ? nonNegative(command, "batchSize") : MergingCursorSource.DEFAULT_FIRST_BATCH);
        if (command.getBoolean("singleBatch", org.bson.BsonBoolean.FALSE).getValue()) {
            BsonDocument reply = RouterCursors.firstReply(ctx, ns, source, command.clone(), first);
            killIfOpen(ctx, reply);
            return reply;
        }
        return RouterCursors.firstReply(ctx, ns, source, command, first);
    }

    /** A single batch was asked for: the router cursor does not outlive the reply. */
    private static void killIfOpen(CommandContext ctx, BsonDocument reply) {
        BsonDocument cursor = reply.getDocument("cursor");
        long id = cursor.getNumber("id").longValue();
        if (id != 0) {
            ctx.services().cursors().kill(id, cursor.getString("ns").getValue());
            cursor.put("id", new BsonInt64(0));
        }
    }

    /** One target shard: the command goes as the client sent it; its cursor is relayed under a router id. */
    static BsonDocument single(CommandContext ctx, String ns, BsonDocument command, Shard shard) {
        ShardReply reply = ctx.services().sender().toShardVersioned(shard, ctx.db(), command);
        BsonDocument body = reply.bodyOrThrow();
        long shardId = reply.cursorId();
        if (shardId == 0) {
            return body;
        }
        BsonDocument cursor = reply.cursor();
        OperationSessionInfo osi = OperationSessionInfo.parse(command);
        CursorOrigin origin = new CursorOrigin(ClientInfo.of(ctx.connection()), osi.lsid(),
                osi.inTransaction() ? osi.txnNumber() : null);
        int firstBatch = cursor.isArray("firstBatch") ? cursor.getArray("firstBatch").size() : 0;
        ClusterCursor c = ctx.services().cursors().register(cursor.getString("ns").getValue(),
                new ShardCursorSource(ctx.services().sender(), shard, cursor.getString("ns").getValue(), shardId),
                origin, ShardRequestSender.forwardable(command), new CursorOptions(
                        command.getBoolean("noCursorTimeout", org.bson.BsonBoolean.FALSE).getValue(), false, false),
                firstBatch);
        cursor.put("id", new BsonInt64(c.id()));
        return body;
    }

    static long nonNegative(BsonDocument command, String field) {
        BsonValue v = command.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.asNumber().longValue() < 0) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "BSON field '" + field
                    + "' value must be >= 0, actual value '" + v + "'");
        }
        return v.asNumber().longValue();
    }

    /** The find's limit (0: none); a negative legacy limit counts as its absolute value. */
    static long limit(BsonDocument command) {
        BsonValue v = command.get("limit");
        return v == null || !v.isNumber() ? 0 : Math.abs(v.asNumber().longValue());
    }
}
