package io.jmongos.router.sharding.chunks;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;

/** A migration's first step: the collection, with the donor's options and indexes, on the recipient. */
final class CollectionOnShardCopy {
    private CollectionOnShardCopy() {
    }

    static void ensure(Shard donor, Shard recipient, String db, String coll) {
        BsonDocument list = donor.run(db, new BsonDocument("listCollections", new BsonInt32(1))
                .append("filter", new BsonDocument("name", new BsonString(coll)))).bodyOrThrow();
        BsonArray batch = list.getDocument("cursor").getArray("firstBatch");
        BsonDocument create = new BsonDocument("create", new BsonString(coll));
        if (!batch.isEmpty() && batch.get(0).asDocument().isDocument("options")) {
            batch.get(0).asDocument().getDocument("options").forEach(create::append);
        }
        ShardReply r = recipient.run(db, create);
        if (!r.ok() && !r.isError(ErrorCode.NAMESPACE_EXISTS.code())) {
            throw r.error();
        }
        ShardReply idx = donor.run(db, new BsonDocument("listIndexes", new BsonString(coll)));
        if (!idx.ok()) {
            return;
        }
        BsonArray specs = new BsonArray();
        for (var v : idx.bodyOrThrow().getDocument("cursor").getArray("firstBatch")) {
            BsonDocument spec = v.asDocument().clone();
            if (!spec.getString("name").getValue().equals("_id_")) {
                spec.remove("v");
                specs.add(spec);
            }
        }
        if (!specs.isEmpty()) {
            recipient.run(db, new BsonDocument("createIndexes", new BsonString(coll)).append("indexes", specs))
                    .bodyOrThrow();
        }
    }
}
