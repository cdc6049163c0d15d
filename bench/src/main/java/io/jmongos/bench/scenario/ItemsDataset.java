package io.jmongos.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;

/**
 * The read/update dataset: {@code count} documents {_id: i, g: i / 100 spread, n: 0, s: 64 chars} with an
 * index on {@code g}, so every value of {@code g} matches exactly {@link #GROUP_SIZE} documents.
 */
public final class ItemsDataset {
    public static final String COLLECTION = "items";
    /** Documents per value of g: the "find of 100 documents by an indexed field" scenario. */
    public static final int GROUP_SIZE = 100;
    /** insertMany batch while loading. */
    static final int LOAD_BATCH = 1000;
    private static final String FILLER = "x".repeat(64);

    private final int count;
    private boolean loaded;
    private String indexNote;

    public ItemsDataset(int count) {
        if (count % GROUP_SIZE != 0) {
            throw new IllegalArgumentException("item count must be a multiple of " + GROUP_SIZE);
        }
        this.count = count;
    }

    synchronized void ensureLoaded(MongoDatabase db) {
        if (loaded) {
            return;
        }
        MongoCollection<Document> c = db.getCollection(COLLECTION);
        c.drop();
        try {
            c.createIndex(Indexes.ascending("g"), new IndexOptions().name("g_1"));
        } catch (RuntimeException e) {
            indexNote = "createIndex {g: 1} failed: " + e.getMessage();
        }
        int groups = groups();
        List<Document> batch = new ArrayList<>(LOAD_BATCH);
        for (int i = 0; i < count; i++) {
            batch.add(new Document("_id", i).append("g", i % groups).append("n", 0).append("s", FILLER));
            if (batch.size() == LOAD_BATCH) {
                c.insertMany(batch, new InsertManyOptions().ordered(false));
                batch = new ArrayList<>(LOAD_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            c.insertMany(batch, new InsertManyOptions().ordered(false));
        }
        long n = c.countDocuments();
        if (n != count) {
            throw new IllegalStateException("loaded " + n + " items, expected " + count);
        }
        loaded = true;
    }

    public synchronized boolean loaded() {
        return loaded;
    }

    public int count() {
        return count;
    }

    public int groups() {
        return count / GROUP_SIZE;
    }

    public int randomId() {
        return ThreadLocalRandom.current().nextInt(count);
    }

    public int randomGroup() {
        return ThreadLocalRandom.current().nextInt(groups());
    }

    /** Set when the target refused the index (the scenario then runs unindexed, as the target would). */
    public String indexNote() {
        return indexNote;
    }
}
