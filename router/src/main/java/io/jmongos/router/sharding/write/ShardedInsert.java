package io.jmongos.router.sharding.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.command.CommandContext;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.sharding.ShardingErrors;
import io.jmongos.router.sharding.routing.CollectionRoutingCache;
import io.jmongos.router.sharding.routing.RoutingTable;
import io.jmongos.router.sharding.targeting.ShardLookup;
import io.jmongos.router.sharding.targeting.ShardedOperation;

/**
 * {@code insert} into a sharded collection (MongoDB's {@code BatchWriteExec} for inserts): each document goes to
 * the shard whose chunk holds its shard key (a missing key field is null); a document without {@code _id} gets an
 * ObjectId first, as a mongod would give it. Ordered inserts go in runs of consecutive documents for one shard, one
 * run after another, and stop at the first error; unordered ones go one batch per shard and report every error.
 * {@code n} adds up and every write error carries the document's index in the client's batch. A run that a shard
 * refuses with StaleConfig (it did not run) is targeted again on a refreshed table, up to 10 times.
 */
public final class ShardedInsert implements ShardedOperation {
    /** MongoDB's kMaxNumStaleVersionRetries. */
    static final int STALE_RETRIES = 10;

    private final CollectionRoutingCache cache;

    public ShardedInsert(CollectionRoutingCache cache) {
        this.cache = cache;
    }

    @Override
    public boolean retriesWhole() {
        return false;
    }

    @Override
    public BsonDocument run(CommandContext ctx, BsonDocument command, RoutingTable table) {
        BsonArray docs = command.isArray("documents") ? command.getArray("documents") : new BsonArray();
        boolean ordered = command.getBoolean("ordered", org.bson.BsonBoolean.TRUE).getValue();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            BsonDocument d = docs.get(i).asDocument();
            if (!d.containsKey("_id")) {
                BsonDocument withId = new BsonDocument("_id", new BsonObjectId());
                d.forEach(withId::append);
                docs.set(i, withId);
            }
            pending.add(i);
        }
        WriteResult result = new WriteResult();
        RoutingTable t = table;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<Integer> stale = send(ctx, command, docs, pending, ordered, t, result);
            if (stale.isEmpty() || result.stopped(ordered)) {
                break;
            }
            if (attempt >= STALE_RETRIES) {
                throw result.staleError;
            }
            cache.staleConfigSeen();
            cache.invalidate(t.collection().ns());
            t = cache.get(t.collection().ns());
            if (t == null) {
                throw result.staleError;
            }
            pending = stale;
        }
        return result.toReply();
    }

    /** Send {@code indexes}; returns those a shard refused as stale (to send again), in order. */
    private List<Integer> send(CommandContext ctx, BsonDocument command, BsonArray docs, List<Integer> indexes,
                               boolean ordered, RoutingTable t, WriteResult result) {
        List<Map.Entry<String, List<Integer>>> batches = new ArrayList<>();
        Map<String, List<Integer>> byShard = new LinkedHashMap<>();
        for (int i : indexes) {
            String shard;
            try {
                shard = t.chunkFor(t.key().extractFromDocument(docs.get(i).asDocument())).shard();
            } catch (CommandFailedException e) {
                result.error(i, e);
                if (ordered) {
                    break;
                }
                continue;
            }
            if (ordered) {
                if (batches.isEmpty() || !batches.get(batches.size() - 1).getKey().equals(shard)) {
                    batches.add(Map.entry(shard, new ArrayList<>()));
                }
                batches.get(batches.size() - 1).getValue().add(i);
            } else {
                byShard.computeIfAbsent(shard, k -> new ArrayList<>()).add(i);
            }
        }
        if (!ordered) {
            batches.addAll(byShard.entrySet());
        }
        List<Integer> stale = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> batch : batches) {
            if (ordered && (result.hasErrors() || !stale.isEmpty())) {
                if (!stale.isEmpty()) {
                    stale.addAll(batch.getValue());
                }
                continue;
            }
            BsonArray subset = new BsonArray();
            batch.getValue().forEach(i -> subset.add(docs.get(i)));
            BsonDocument cmd = command.clone();
            cmd.put("documents", subset);
            if (command.containsKey("txnNumber")) {
                BsonArray stmtIds = new BsonArray();
                batch.getValue().forEach(i -> stmtIds.add(new BsonInt32(i)));
                cmd.put("stmtIds", stmtIds);
            }
            ShardReply r = ctx.services().sender().toShardVersioned(ShardLookup.get(ctx, batch.getKey()),
                    ctx.db(), cmd);
            if (r.isError(ShardingErrors.STALE_CONFIG)) {
                result.staleError = r.error();
                stale.addAll(batch.getValue());
                continue;
            }
            result.add(r.bodyOrThrow(), batch.getValue());
        }
        return stale;
    }

    /** The merged reply: n, write errors by client index, the first write concern error. */
    static final class WriteResult {
        private long n;
        private final Map<Integer, BsonDocument> errors = new java.util.TreeMap<>();
        private BsonDocument writeConcernError;
        private CommandFailedException staleError;

        void add(BsonDocument reply, List<Integer> indexes) {
            n += reply.containsKey("n") ? reply.getNumber("n").longValue() : 0;
            if (reply.isArray("writeErrors")) {
                for (BsonValue v : reply.getArray("writeErrors")) {
                    BsonDocument e = v.asDocument().clone();
                    int local = e.getNumber("index").intValue();
                    e.put("index", new BsonInt32(indexes.get(local)));
                    errors.put(indexes.get(local), e);
                }
            }
            if (writeConcernError == null && reply.isDocument("writeConcernError")) {
                writeConcernError = reply.getDocument("writeConcernError");
            }
        }

        void error(int index, CommandFailedException e) {
            errors.put(index, new BsonDocument("index", new BsonInt32(index))
                    .append("code", new BsonInt32(e.code()))
                    .append("errmsg", new org.bson.BsonString(e.getMessage())));
        }

        boolean hasErrors() {
            return !errors.isEmpty();
        }

        boolean stopped(boolean ordered) {
            return ordered && hasErrors();
        }

        BsonDocument toReply() {
            BsonDocument out = new BsonDocument("n", new BsonInt32((int) n));
            if (!errors.isEmpty()) {
                out.append("writeErrors", new BsonArray(new ArrayList<>(errors.values())));
            }
            if (writeConcernError != null) {
                out.append("writeConcernError", writeConcernError);
            }
            return out;
        }
    }
}
