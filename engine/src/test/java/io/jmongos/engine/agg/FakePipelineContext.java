package io.jmongos.engine.agg;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.FieldPath;
import io.jmongos.engine.agg.expr.Values;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** An in-memory PipelineContext: collections are lists; scans and merges are counted for assertions. */
final class FakePipelineContext implements PipelineContext {
    final Map<String, List<BsonDocument>> collections = new LinkedHashMap<>();
    final List<BsonDocument> filteredScans = new ArrayList<>();
    BsonDocument let;
    /** The aggregated namespace ($collStats), and its statistics (null: the collection does not exist). */
    String namespace = "test.c";
    BsonDocument stats;
    long lastScale;
    long memoryLimit = DEFAULT_MEMORY_LIMIT_BYTES;
    int fullScans;

    FakePipelineContext with(String coll, String... docs) {
        List<BsonDocument> list = collections.computeIfAbsent(coll, c -> new ArrayList<>());
        for (String d : docs) {
            list.add(BsonDocument.parse(d));
        }
        return this;
    }

    @Override
    public String database() {
        return "test";
    }

    @Override
    public Iterator<BsonDocument> scan(String collection) {
        fullScans++;
        return new ArrayList<>(collections.getOrDefault(collection, List.of())).iterator();
    }

    @Override
    public Iterator<BsonDocument> scan(String collection, BsonDocument filter) {
        filteredScans.add(filter);
        return PipelineContext.super.scan(collection, filter);
    }

    @Override
    public void replaceCollection(String collection, Iterator<BsonDocument> docs) {
        List<BsonDocument> list = new ArrayList<>();
        docs.forEachRemaining(list::add);
        for (int i = 0; i < list.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (Values.equal(list.get(i).get("_id"), list.get(j).get("_id"))) {
                    throw new CommandFailedException(ErrorCode.DUPLICATE_KEY, "E11000 duplicate key error");
                }
            }
        }
        collections.put(collection, list);
    }

    @Override
    public MergeTarget mergeTarget(String collection, List<String> onFields) {
        List<BsonDocument> list = collections.computeIfAbsent(collection, c -> new ArrayList<>());
        return new MergeTarget() {
            @Override
            public BsonDocument find(BsonDocument key) {
                for (BsonDocument d : list) {
                    boolean all = true;
                    for (String f : onFields) {
                        all &= Values.equal(FieldPath.parse(f).resolve(d), key.get(f));
                    }
                    if (all) {
                        return d;
                    }
                }
                return null;
            }

            @Override
            public void insert(BsonDocument doc) {
                list.add(doc);
            }

            @Override
            public void replace(BsonValue id, BsonDocument doc) {
                for (int i = 0; i < list.size(); i++) {
                    if (Values.equal(list.get(i).get("_id"), id)) {
                        list.set(i, doc);
                        return;
                    }
                }
                throw new IllegalStateException("no document with _id " + id);
            }
        };
    }

    @Override
    public BsonDocument commandLet() {
        return let;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public BsonDocument storageStats(long scale) {
        lastScale = scale;
        if (stats == null) {
            throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "Collection [" + namespace + "] not found.");
        }
        return stats.clone();
    }

    @Override
    public Random random() {
        return new Random(42);
    }

    @Override
    public long memoryLimitBytes() {
        return memoryLimit;
    }
}
