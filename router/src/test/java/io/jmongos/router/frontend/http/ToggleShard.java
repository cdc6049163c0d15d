package io.jmongos.router.frontend.http;

import org.bson.BsonDocument;
import org.bson.BsonDouble;

import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardUnavailableException;

/** A shard that answers ping until told it is unreachable. */
final class ToggleShard implements Shard {
    volatile boolean reachable = true;

    @Override
    public String name() {
        return "toggle";
    }

    @Override
    public BsonDocument runCommand(String db, BsonDocument command) {
        if (!reachable) {
            throw new ShardUnavailableException("toggle", "connection refused (test)");
        }
        return new BsonDocument("ok", new BsonDouble(1));
    }

    @Override
    public void close() {
    }
}
