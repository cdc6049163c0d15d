package io.jmongos.router.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonString;

import io.jmongos.router.shard.Shard;

/** A shard for router tests: records what it was sent and answers {@code {ok: 1, db, echo: command}}. */
public final class EchoShard implements Shard {
    public record Call(String db, BsonDocument command) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public List<Call> calls() {
        return calls;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public BsonDocument runCommand(String db, BsonDocument command) {
        calls.add(new Call(db, command));
        return new BsonDocument("db", new BsonString(db)).append("echo", command).append("ok", new BsonDouble(1));
    }

    @Override
    public void close() {
    }
}
