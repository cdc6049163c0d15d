package io.jmongos.bench.scenario;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

import io.jmongos.bench.load.Operation;

/** insertOne of a 1 KiB document (driver-generated ObjectId _id) into an emptied collection. */
public final class InsertOneScenario implements Scenario {
    static final String COLLECTION = "inserts";
    /**
     * Filler length making the BSON document 1024 bytes: 5 (length, terminator) + 17 (_id ObjectId)
     * + 11 (i int64) + 7 (t int32) + 10 (pad element overhead) + 974.
     */
    static final int PAD_LENGTH = 974;
    private static final String PAD = "p".repeat(PAD_LENGTH);

    @Override
    public String name() {
        return "insert";
    }

    @Override
    public void prepare(ScenarioContext ctx) {
        ctx.database().getCollection(COLLECTION).drop();
        ctx.database().createCollection(COLLECTION);
    }

    @Override
    public Operation operation(ScenarioContext ctx) {
        MongoCollection<Document> c = ctx.database().getCollection(COLLECTION);
        return (thread, seq) -> c.insertOne(new Document("i", seq).append("t", thread).append("pad", PAD));
    }

    @Override
    public void afterLoad(ScenarioContext ctx) {
        prepare(ctx);
    }
}
