package io.jmongos.bench.scenario;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.jmongos.bench.load.Operation;

/** updateOne by a random _id with {$inc: {n: 1}}; a non-match counts as an error. */
public final class UpdateIncScenario implements Scenario {
    @Override
    public String name() {
        return "update";
    }

    @Override
    public void prepare(ScenarioContext ctx) throws Exception {
        ctx.items();
    }

    @Override
    public Operation operation(ScenarioContext ctx) {
        MongoCollection<Document> c = ctx.database().getCollection(ItemsDataset.COLLECTION);
        ItemsDataset items = FindOneByIdScenario.itemsOf(ctx);
        return (thread, seq) -> update(c, items.randomId());
    }

    static void update(MongoCollection<Document> c, int id) {
        if (c.updateOne(Filters.eq("_id", id), Updates.inc("n", 1)).getMatchedCount() != 1) {
            throw new IllegalStateException("update matched nothing for _id " + id);
        }
    }
}
