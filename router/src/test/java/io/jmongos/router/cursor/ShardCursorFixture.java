package io.jmongos.router.cursor;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.router.routing.ShardRequestSender;
import io.jmongos.router.session.FakeShard;
import io.jmongos.router.txn.TransactionRouter;

/** For cursor tests: a shard cursor opened on a {@link FakeShard} and registered as a cluster cursor. */
final class ShardCursorFixture {
    /** The first batch every fixture cursor returned with its find. */
    static final int FIRST_BATCH = 2;
    /** The request sender of the fixture's shard cursors (no transactions, no database routing). */
    static final ShardRequestSender SENDER = new ShardRequestSender(null,
            new TransactionRouter(System::currentTimeMillis, System::nanoTime));

    private ShardCursorFixture() {
    }

    /** Find on {@code db.coll} with a first batch of {@link #FIRST_BATCH}, its shard cursor registered. */
    static ClusterCursor open(ClusterCursorManager manager, FakeShard shard, String db, String coll,
                              CursorOrigin origin, CursorOptions options) {
        BsonDocument reply = shard.runCommand(db, new BsonDocument("find", new BsonString(coll))
                .append("batchSize", new BsonInt32(FIRST_BATCH)));
        long shardId = reply.getDocument("cursor").getNumber("id").longValue();
        String ns = db + "." + coll;
        return manager.register(ns, new ShardCursorSource(SENDER, shard, ns, shardId), origin,
                new BsonDocument("find", new BsonString(coll)), options, FIRST_BATCH);
    }
}
