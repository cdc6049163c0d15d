package io.jmongos.router.sharding.balancer;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;

import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;

/**
 * Which router balances: one at a time, by a lease in {@code config.locks} ({@code {_id: "balancer", process,
 * until}}) that its holder renews every round and another router takes only once it ran out. (MongoDB runs its
 * balancer on the config server primary; jmongos moves chunks through a router, so routers take turns.) Taking it
 * is one conditional upsert: a router that loses the race meets the unique {@code _id} and does not balance.
 */
final class BalancerLease {
    /** How long a lease lasts without renewal: 60 s, six default rounds. */
    static final long LEASE_MILLIS = 60_000;

    private final Shard config;
    private final ObjectId process = new ObjectId();

    BalancerLease(Shard config) {
        this.config = config;
    }

    /** Take or renew the lease; true when this router holds it now. */
    boolean acquire() {
        long now = System.currentTimeMillis();
        BsonDocument filter = new BsonDocument("_id", new BsonString("balancer")).append("$or", new BsonArray(List.of(
                new BsonDocument("process", new BsonObjectId(process)),
                new BsonDocument("until", new BsonDocument("$lt", new BsonDateTime(now))))));
        BsonDocument update = new BsonDocument("_id", new BsonString("balancer"))
                .append("process", new BsonObjectId(process)).append("until", new BsonDateTime(now + LEASE_MILLIS));
        ShardReply r = config.run("config", new BsonDocument("update", new BsonString("locks")).append("updates",
                new BsonArray(List.of(new BsonDocument("q", filter).append("u", update)
                        .append("upsert", BsonBoolean.TRUE)))));
        if (!r.ok()) {
            return false;
        }
        BsonDocument body = r.raw();
        return !(body.isArray("writeErrors") && !body.getArray("writeErrors").isEmpty()); // 11000: another holds it
    }
}
