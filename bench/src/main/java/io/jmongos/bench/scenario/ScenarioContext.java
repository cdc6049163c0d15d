package io.jmongos.bench.scenario;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import io.jmongos.bench.target.RunningTarget;

/** What a scenario works with on one target: the load client, the database, the dataset sizes. */
public final class ScenarioContext {
    /** The database every scenario uses. */
    public static final String DATABASE = "bench";

    private final RunningTarget target;
    private final MongoClient client;
    private final ItemsDataset items;

    public ScenarioContext(RunningTarget target, MongoClient client, int itemCount) {
        this(target, client, new ItemsDataset(itemCount));
    }

    /** A context sharing {@code items} with other targets served by the same process (loaded once). */
    public ScenarioContext(RunningTarget target, MongoClient client, ItemsDataset items) {
        this.target = target;
        this.client = client;
        this.items = items;
    }

    public RunningTarget target() {
        return target;
    }

    public MongoClient client() {
        return client;
    }

    public MongoDatabase database() {
        return client.getDatabase(DATABASE);
    }

    /** Why the items index is missing (the target refused it), or null; never loads the dataset. */
    public String itemsIndexNote() {
        return items.indexNote();
    }

    /** Whether the items collection has been loaded on this target's server. */
    public boolean itemsLoaded() {
        return items.loaded();
    }

    /** The items collection, loaded on first use. */
    public ItemsDataset items() throws Exception {
        items.ensureLoaded(database());
        return items;
    }
}
