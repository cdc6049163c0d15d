package io.jmongos.router.health;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.shard.ShardReply;

/**
 * Ready while every shard of the router's registry answers {@code ping} with {@code ok: 1} (the embedded store by
 * default; in a cluster every shard listed by the config server); a shard that cannot be reached fails it.
 */
public final class ShardReadinessCheck implements ReadinessCheck {
    private final ShardRegistry shards;

    public ShardReadinessCheck(ShardRegistry shards) {
        this.shards = shards;
    }

    @Override
    public String name() {
        return "shards";
    }

    @Override
    public ReadinessStatus check() {
        for (Shard shard : shards.all()) {
            ShardReply reply;
            try {
                reply = shard.run("admin", new BsonDocument("ping", new BsonInt32(1)));
            } catch (RuntimeException e) {
                return ReadinessStatus.failed("shard " + shard.name() + " unreachable: " + e.getMessage());
            }
            if (!reply.ok()) {
                return ReadinessStatus.failed("shard " + shard.name() + " ping failed: " + reply.raw().toJson());
            }
        }
        return ReadinessStatus.passed();
    }
}
