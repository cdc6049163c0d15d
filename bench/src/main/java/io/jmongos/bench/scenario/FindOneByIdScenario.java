package io.jmongos.bench.scenario;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.jmongos.bench.load.Operation;

/** findOne by a random _id of the items collection; a miss counts as an error. */
public final class FindOneByIdScenario implements Scenario {
    @Override
    public String name() {
        return "findOne";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        ctx.items();
    }

    @Override
    public Operation operation(ScenarioContext ctx) throws IllegalStateException {
        MongoCollection<Document> c = ctx.database().getCollection(ItemsDataset.COLLECTION);
        ItemsDataset items = itemsOf(ctx);
        return (thread, seq) -> {
            int id = items.randomId();
            if (c.find(Filters.eq("_id", id)).first() == null) {
                throw new IllegalStateException("no item with _id " + id);
            }
        };
    }

    static ItemsDataset itemsOf(ScenarioContext ctx) {
        try {
            return ctx.items();
        } catch (Exception e) {
            throw new IllegalStateException("items dataset: " + e.getMessage(), e);
        }
    }
}
