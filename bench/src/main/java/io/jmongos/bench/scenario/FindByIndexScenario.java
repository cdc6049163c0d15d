package io.jmongos.bench.scenario;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.jmongos.bench.load.Operation;

/** find of the 100 items with a random value of the indexed field g, all read; a short result is an error. */
public final class FindByIndexScenario implements Scenario {
    @Override
    public String name() {
        return "find100";
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
            int g = items.randomGroup();
            List<Document> docs = c.find(Filters.eq("g", g)).into(new ArrayList<>(ItemsDataset.GROUP_SIZE));
            if (docs.size() != ItemsDataset.GROUP_SIZE) {
                throw new IllegalStateException("g=" + g + " returned " + docs.size() + " documents");
            }
        };
    }
}
