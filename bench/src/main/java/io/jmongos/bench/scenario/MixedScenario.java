package io.jmongos.bench.scenario;

import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.jmongos.bench.load.Operation;

/** 80% findOne by _id, 20% updateOne $inc by _id, on random items. */
public final class MixedScenario implements Scenario {
    /** Reads per 100 operations. */
    static final int READ_PERCENT = 80;

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        ctx.items();
    }

    @Override
    public Operation operation(ScenarioContext ctx) {
        MongoCollection<Document> c = ctx.database().getCollection(ItemsDataset.COLLECTION);
        ItemsDataset items = FindOneByIdScenario.itemsOf(ctx);
        return (thread, seq) -> {
            int id = items.randomId();
            if (ThreadLocalRandom.current().nextInt(100) < READ_PERCENT) {
                if (c.find(Filters.eq("_id", id)).first() == null) {
                    throw new IllegalStateException("no item with _id " + id);
                }
            } else {
                UpdateIncScenario.update(c, id);
            }
        };
    }
}
