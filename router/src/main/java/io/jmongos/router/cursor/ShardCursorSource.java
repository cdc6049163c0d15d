package io.jmongos.router.cursor;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.routing.ShardRequestSender;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;

/** A cursor open on a shard: getMore forwards to it, kill sends killCursors to it. */
public final class ShardCursorSource implements CursorSource {
    private static final Logger LOG = LoggerFactory.getLogger(ShardCursorSource.class);

    private final ShardRequestSender sender;
    private final Shard shard;
    private final String db;
    private final String collection;
    private final long shardCursorId;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param ns the namespace the shard reported for its cursor ("db.collection", or e.g.
     *           "db.$cmd.listCollections"); getMore is sent to its database with the rest as collection
     */
    public ShardCursorSource(ShardRequestSender sender, Shard shard, String ns, long shardCursorId) {
        int dot = ns.indexOf('.');
        if (dot <= 0 || dot == ns.length() - 1) {
            throw new IllegalArgumentException("invalid cursor namespace: " + ns);
        }
        this.sender = sender;
        this.shard = shard;
        this.db = ns.substring(0, dot);
        this.collection = ns.substring(dot + 1);
        this.shardCursorId = shardCursorId;
    }

    public Shard shard() {
        return shard;
    }

    public long shardCursorId() {
        return shardCursorId;
    }

    String db() {
        return db;
    }

    String collection() {
        return collection;
    }

    @Override
    public CursorBatch next(int batchSize, BsonValue maxTimeMS, BsonDocument sessionFields) {
        BsonDocument cmd = new BsonDocument("getMore", new BsonInt64(shardCursorId))
                .append("collection", new BsonString(collection));
        if (batchSize > 0) {
            cmd.append("batchSize", new BsonInt32(batchSize));
        }
        if (maxTimeMS != null) {
            cmd.append("maxTimeMS", maxTimeMS);
        }
        sessionFields.forEach(cmd::append);
        ShardReply reply = sender.toShard(shard, db, cmd);
        if (!reply.ok()) {
            closed.set(true); // a failed getMore leaves the shard cursor dead or not ours to continue
            throw reply.error();
        }
        BsonDocument cursor = reply.cursor();
        long nextId = cursor.getNumber("id").longValue();
        BsonArray docs = cursor.containsKey("nextBatch") ? cursor.getArray("nextBatch") : new BsonArray();
        BsonDocument extra = new BsonDocument();
        for (String key : cursor.keySet()) {
            if (!key.equals("id") && !key.equals("ns") && !key.equals("nextBatch")) {
                extra.put(key, cursor.get(key));
            }
        }
        if (nextId == 0) {
            closed.set(true);
        }
        return new CursorBatch(docs, nextId == 0, extra);
    }

    /**
     * Kills the shard cursor while its getMore waits (a change stream): the shard wakes the getMore, which then
     * fails with CursorKilled, as mongod ends an awaitData getMore whose cursor is killed.
     */
    @Override
    public void interrupt() {
        kill();
    }

    @Override
    public void kill() {
        if (claimKill()) {
            sendKill(shard, db, collection, List.of(shardCursorId));
        }
    }

    /** Mark the shard cursor closed; true if this call did, and so must see that the shard kills it. */
    boolean claimKill() {
        return closed.compareAndSet(false, true);
    }

    /** One killCursors for {@code ids} on {@code db.collection}; failures are only logged (debug). */
    static void sendKill(Shard shard, String db, String collection, List<Long> ids) {
        BsonArray cursors = new BsonArray();
        for (long id : ids) {
            cursors.add(new BsonInt64(id));
        }
        BsonDocument cmd = new BsonDocument("killCursors", new BsonString(collection)).append("cursors", cursors);
        try {
            ShardReply reply = shard.run(db, cmd);
            if (!reply.ok()) {
                LOG.debug("killCursors on shard failed shard={} ns={}.{} cursorIds={} reply={}", shard.name(), db,
                        collection, ids, reply.raw().toJson());
            }
        } catch (RuntimeException e) {
            LOG.debug("killCursors on shard failed shard={} ns={}.{} cursorIds={} error={}", shard.name(), db,
                    collection, ids, e.toString());
        }
    }
}
