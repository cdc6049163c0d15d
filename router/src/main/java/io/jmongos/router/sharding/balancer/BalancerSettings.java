package io.jmongos.router.sharding.balancer;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.router.shard.Shard;

/**
 * The balancer's settings in MongoDB's documents of {@code config.settings}: {@code {_id: "balancer", mode:
 * "full"|"off", stopped: <bool>}} (no document: on, as MongoDB's default) and {@code {_id: "chunksize", value: <MB>}}
 * (default 128 MiB, MongoDB 6.0's).
 */
final class BalancerSettings {
    /** MongoDB's default chunk size since 6.0: 128 MiB. */
    static final long DEFAULT_CHUNK_SIZE_MB = 128;
    /** Smallest and largest chunk size MongoDB accepts: 1 and 1024 MiB. */
    static final long MIN_CHUNK_SIZE_MB = 1;
    static final long MAX_CHUNK_SIZE_MB = 1024;
    static final String CONFIG = "config";
    static final String SETTINGS = "settings";

    private final Shard config;

    BalancerSettings(Shard config) {
        this.config = config;
    }

    /** Whether the balancer is on (mode full and not stopped). */
    boolean enabled() {
        BsonDocument d = read("balancer");
        if (d == null) {
            return true;
        }
        if (d.isBoolean("stopped") && d.getBoolean("stopped").getValue()) {
            return false;
        }
        return !d.isString("mode") || !d.getString("mode").getValue().equals("off");
    }

    /** The chunk size in bytes. */
    long chunkSizeBytes() {
        BsonDocument d = read("chunksize");
        long mb = DEFAULT_CHUNK_SIZE_MB;
        if (d != null && d.get("value") != null && d.get("value").isNumber()) {
            mb = Math.max(MIN_CHUNK_SIZE_MB, Math.min(MAX_CHUNK_SIZE_MB, d.get("value").asNumber().longValue()));
        }
        return mb * 1024 * 1024;
    }

    /** Turn the balancer on or off, as balancerStart and balancerStop write it. */
    void setEnabled(boolean on) {
        BsonDocument update = new BsonDocument("$set", new BsonDocument("mode", new BsonString(on ? "full" : "off"))
                .append("stopped", BsonBoolean.valueOf(!on)));
        config.run(CONFIG, new BsonDocument("update", new BsonString(SETTINGS)).append("updates",
                new BsonArray(List.of(new BsonDocument("q", new BsonDocument("_id", new BsonString("balancer")))
                        .append("u", update).append("upsert", BsonBoolean.TRUE))))).bodyOrThrow();
    }

    private BsonDocument read(String id) {
        BsonDocument reply = config.run(CONFIG, new BsonDocument("find", new BsonString(SETTINGS))
                .append("filter", new BsonDocument("_id", new BsonString(id))).append("limit", new BsonInt32(1))
                .append("singleBatch", BsonBoolean.TRUE)).bodyOrThrow();
        BsonArray batch = reply.getDocument("cursor").getArray("firstBatch");
        BsonValue first = batch.isEmpty() ? null : batch.get(0);
        return first == null ? null : first.asDocument();
    }
}
