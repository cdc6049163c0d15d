package io.jmongos.bench.scenario;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import com.mongodb.client.MongoDatabase;

import io.jmongos.bench.load.Operation;
import io.jmongos.bench.target.TargetKind;

/** {@code {ping: 1}} on admin: one round trip, the smallest command. */
public final class PingScenario implements Scenario {
    private static final BsonDocument PING = new BsonDocument("ping", new BsonInt32(1));

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public boolean supports(TargetKind kind) {
        return kind.measures(name());
    }

    @Override
    public Operation operation(ScenarioContext ctx) {
        MongoDatabase admin = ctx.client().getDatabase("admin");
        return (thread, seq) -> admin.runCommand(PING, BsonDocument.class);
    }
}
