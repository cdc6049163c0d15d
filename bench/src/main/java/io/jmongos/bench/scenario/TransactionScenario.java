package io.jmongos.bench.scenario;

import org.bson.Document;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.jmongos.bench.load.Operation;

/** A transaction of two inserts, committed (explicit start/commit, no retry loop: a failure is an error). */
public final class TransactionScenario implements Scenario {
    static final String COLLECTION = "txn";

    @Override
    public String name() {
        return "txn";
    }

    @Override
    public void prepare(ScenarioContext ctx) {
        ctx.database().getCollection(COLLECTION).drop();
        ctx.database().createCollection(COLLECTION);
    }

    @Override
    public Operation operation(ScenarioContext ctx) {
        MongoClient client = ctx.client();
        MongoCollection<Document> c = ctx.database().getCollection(COLLECTION);
        return (thread, seq) -> {
            try (ClientSession s = client.startSession()) {
                s.startTransaction();
                c.insertOne(s, new Document("t", thread).append("i", seq).append("k", 1));
                c.insertOne(s, new Document("t", thread).append("i", seq).append("k", 2));
                s.commitTransaction();
            }
        };
    }

    @Override
    public void afterLoad(ScenarioContext ctx) {
        prepare(ctx);
    }
}
