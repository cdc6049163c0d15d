package io.jmongos.router.sharding.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.ShardingErrors;
import io.jmongos.router.sharding.routing.CollectionRoutingCache;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.QueryTargeter;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code update} and {@code delete} on a sharded collection, statement by statement in the client's order: the
 * statement's filter picks the shards ({@link QueryTargeter}); a multi statement ({@code multi: true},
 * {@code limit: 0}) runs on every one of them and their counts add up; a single one runs on its one shard, or, when
 * the filter does not name one shard, on the shards in turn until one matched (MongoDB 7 coordinates this with its
 * two-phase "write without shard key"; jmongos does not, see docs). An upsert must target one shard (MongoDB's 72
 * otherwise). Write errors and upserts carry the statement's index in the client's batch; an ordered batch stops at
 * the first error. A statement a shard refused with StaleConfig is targeted again on a refreshed table.
 */
public final class ShardedWrite implements ShardedOperation {
    private final CollectionRoutingCache cache;
    private final boolean update;

    /** @param update true for {@code update} (statements in {@code updates}), false for {@code delete} */
    public ShardedWrite(CollectionRoutingCache cache, boolean update) {
        this.cache = cache;
        this.update = update;
    }

    @Override
    public boolean retriesWhole() {
        return false;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        String field = update ? "updates" : "deletes";
        BsonArray statements = command.isArray(field) ? command.getArray(field) : new BsonArray();
        boolean ordered = command.getBoolean("ordered", org.bson.BsonBoolean.TRUE).getValue();
        long n = 0;
        long modified = 0;
        TreeMap<Integer, BsonDocument> errors = new TreeMap<>();
        BsonArray upserted = new BsonArray();
        BsonDocument writeConcernError = null;
        RoutingTable t = table;
        for (int i = 0; i < statements.size(); i++) {
            BsonDocument stmt = statements.get(i).asDocument();
            Outcome o;
            try {
                o = runStatement(ctx, command, field, stmt, i, t);
            } catch (CommandFailedException e) {
                errors.put(i, new BsonDocument("index", new BsonInt32(i)).append("code", new BsonInt32(e.code()))
                        .append("errmsg", new org.bson.BsonString(e.getMessage())));
                if (ordered) {
                    break;
                }
                continue;
            }
            t = o.table;
            n += o.n;
            modified += o.modified;
            if (o.upsertedId != null) {
                upserted.add(new BsonDocument("index", new BsonInt32(i)).append("_id", o.upsertedId));
            }
            if (o.error != null) {
                BsonDocument e = o.error.clone();
                e.put("index", new BsonInt32(i));
                errors.put(i, e);
            }
            if (writeConcernError == null) {
                writeConcernError = o.writeConcernError;
            }
            if (o.error != null && ordered) {
                break;
            }
        }
        BsonDocument out = new BsonDocument("n", new BsonInt32((int) n));
        if (update) {
            out.append("nModified", new BsonInt32((int) modified));
            if (!upserted.isEmpty()) {
                out.append("upserted", upserted);
            }
        }
        if (!errors.isEmpty()) {
            out.append("writeErrors", new BsonArray(new ArrayList<>(errors.values())));
        }
        if (writeConcernError != null) {
            out.append("writeConcernError", writeConcernError);
        }
        return out;
    }

    private static final class Outcome {
        RoutingTable table;
        long n;
        long modified;
        BsonValue upsertedId;
        BsonDocument error;
        BsonDocument writeConcernError;
    }

    private Outcome runStatement(CommandContext ctx, BsonDocument command, String field, BsonDocument stmt,
                                 int index, RoutingTable table) {
        BsonDocument q = stmt.isDocument("q") ? stmt.getDocument("q") : new BsonDocument();
        boolean multi = update ? stmt.getBoolean("multi", org.bson.BsonBoolean.FALSE).getValue()
                : stmt.containsKey("limit") && stmt.get("limit").isNumber()
                && stmt.get("limit").asNumber().intValue() == 0;
        boolean upsert = update && stmt.getBoolean("upsert", org.bson.BsonBoolean.FALSE).getValue();
        if (update) {
            ShardKeyUpdates.check(table.key(), q, stmt.get("u"));
        }
        Outcome o = new Outcome();
        o.table = table;
        Set<String> done = new TreeSet<>();
        for (int attempt = 0; ; attempt++) {
            Set<String> targets = QueryTargeter.shards(o.table, q);
            if (upsert && targets.size() > 1) {
                throw new CommandFailedException(ErrorCode.INVALID_OPTIONS, "A {multi:false} update on a sharded "
                        + "collection must contain an exact match on _id (and have the collection default "
                        + "collation) or target a single shard (and have the simple collation), but this update "
                        + "targeted " + targets.size() + " shards. Update request: " + stmt.toJson()
                        + ", shard key pattern: " + o.table.key());
            }
            boolean stale = false;
            for (String shard : targets) {
                if (done.contains(shard)) {
                    continue;
                }
                BsonDocument cmd = command.clone();
                cmd.put(field, new BsonArray(List.of(stmt)));
                cmd.put("ordered", org.bson.BsonBoolean.TRUE);
                if (command.containsKey("txnNumber")) {
                    cmd.put("stmtIds", new BsonArray(List.of(new BsonInt32(index))));
                }
                ShardReply r = ctx.services().sender().toShardVersioned(ShardLookup.get(ctx, shard),
                        ctx.db(), cmd);
                if (r.isError(ShardingErrors.STALE_CONFIG)) {
                    if (attempt >= ShardedInsert.STALE_RETRIES) {
                        throw r.error();
                    }
                    stale = true;
                    break;
                }
                BsonDocument body = r.bodyOrThrow();
                done.add(shard);
                long sn = body.containsKey("n") ? body.getNumber("n").longValue() : 0;
                o.n += sn;
                o.modified += body.containsKey("nModified") ? body.getNumber("nModified").longValue() : 0;
                if (body.isArray("upserted") && !body.getArray("upserted").isEmpty()) {
                    o.upsertedId = body.getArray("upserted").get(0).asDocument().get("_id");
                }
                if (body.isArray("writeErrors") && !body.getArray("writeErrors").isEmpty()) {
                    o.error = body.getArray("writeErrors").get(0).asDocument();
                    return o;
                }
                if (o.writeConcernError == null && body.isDocument("writeConcernError")) {
                    o.writeConcernError = body.getDocument("writeConcernError");
                }
                if (!multi && sn > 0) {
                    return o;
                }
            }
            if (!stale) {
                return o;
            }
            cache.staleConfigSeen();
            cache.invalidate(o.table.collection().ns());
            RoutingTable fresh = cache.get(o.table.collection().ns());
            if (fresh == null) {
                throw new CommandFailedException(ErrorCode.CONFLICTING_OPERATION_IN_PROGRESS, "collection "
                        + o.table.collection().ns() + " was dropped while the write was routed");
            }
            o.table = fresh;
        }
    }
}
