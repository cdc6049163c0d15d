package io.jmongos.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;

import io.jmongos.bench.stats.LatencyHistogram;

/**
 * Issue 5's figure: on a collection of {@code count} documents {_id, a, b} where a and b hold the same values
 * (each value in {@link #MATCHES} documents), a find by a (indexed) against the same find by b (no index).
 * Reports both latencies (median and p99 over repeated queries), the ratio of medians, the plans explain names,
 * and how long loading took.
 */
public final class IndexedFindBench {
    public static final String COLLECTION = "big";
    /** Documents matching each value: a find returns this many. */
    static final int MATCHES = 10;
    static final int LOAD_BATCH = 10_000;
    static final int LOAD_THREADS = 2;
    static final int MAX_INDEXED_QUERIES = 2000;
    static final int MAX_SCAN_QUERIES = 5;
    static final long SCAN_MILLIS = 60_000;

    private IndexedFindBench() {
    }

    /**
     * Load {@code count} documents (giving up loading at the deadline), then time indexed queries for
     * {@code indexedMillis} and up to {@link #MAX_SCAN_QUERIES} unindexed ones.
     */
    public static BsonDocument run(MongoClient admin, int count, long loadDeadlineMillis, long indexedMillis)
            throws Exception {
        MongoCollection<Document> c = admin.getDatabase("bench").getCollection(COLLECTION);
        c.drop();
        c.createIndex(Indexes.ascending("a"));
        int values = count / MATCHES;
        long loadStart = System.nanoTime();
        long loaded = load(c, count, values, loadStart + TimeUnit.MILLISECONDS.toNanos(loadDeadlineMillis));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long n = c.estimatedDocumentCount();
        System.out.printf("index: loaded %d documents in %.1f s%n", n, loadSeconds);
        LatencyHistogram indexed = measure(c, "a", values, MAX_INDEXED_QUERIES, indexedMillis, loaded == count);
        LatencyHistogram scan = measure(c, "b", values, MAX_SCAN_QUERIES, SCAN_MILLIS, loaded == count);
        double ratio = indexed.percentile(50) == 0 ? 0 : (double) scan.percentile(50) / indexed.percentile(50);
        System.out.printf("index: indexed p50 %.3f ms, unindexed p50 %.1f ms, ratio %.0f%n",
                indexed.percentile(50) / 1e6, scan.percentile(50) / 1e6, ratio);
        return new BsonDocument("documents", new BsonInt64(n))
                .append("requestedDocuments", new BsonInt32(count))
                .append("loadSeconds", new BsonDouble(Math.round(loadSeconds * 10) / 10.0))
                .append("matchesPerQuery", new BsonInt32(MATCHES))
                .append("indexed", figures(indexed, explainStage(admin, "a")))
                .append("unindexed", figures(scan, explainStage(admin, "b")))
                .append("ratioOfMedians", new BsonDouble(Math.round(ratio * 10) / 10.0));
    }

    private static long load(MongoCollection<Document> c, int count, int values, long deadline) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < LOAD_THREADS; t++) {
                int thread = t;
                parts.add(pool.submit(() -> {
                    long done = 0;
                    for (int start = thread * LOAD_BATCH; start < count && System.nanoTime() < deadline;
                         start += LOAD_THREADS * LOAD_BATCH) {
                        List<Document> batch = new ArrayList<>(LOAD_BATCH);
                        for (int i = start; i < Math.min(count, start + LOAD_BATCH); i++) {
                            int v = i % values;
                            batch.add(new Document("_id", i).append("a", v).append("b", v).append("s", "doc" + i));
                        }
                        c.insertMany(batch, new InsertManyOptions().ordered(false));
                        done += batch.size();
                    }
                    return done;
                }));
            }
            long total = 0;
            for (Future<Long> f : parts) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static LatencyHistogram measure(MongoCollection<Document> c, String field, int values, int maxQueries,
                                            long millis, boolean checkCount) {
        LatencyHistogram h = new LatencyHistogram();
        c.find(Filters.eq(field, 0)).into(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (int q = 0; q < maxQueries && System.nanoTime() < end; q++) {
            int v = ThreadLocalRandom.current().nextInt(values);
            long t0 = System.nanoTime();
            List<Document> docs = c.find(Filters.eq(field, v)).into(new ArrayList<>());
            h.record(System.nanoTime() - t0);
            if (checkCount && docs.size() != MATCHES) {
                throw new IllegalStateException("find {" + field + ": " + v + "} returned " + docs.size());
            }
        }
        return h;
    }

    private static BsonDocument figures(LatencyHistogram h, String stage) {
        return new BsonDocument("queries", new BsonInt64(h.count()))
                .append("p50Millis", new BsonDouble(h.percentile(50) / 1e6))
                .append("p99Millis", new BsonDouble(h.percentile(99) / 1e6))
                .append("meanMillis", new BsonDouble(h.mean() / 1e6))
                .append("plan", new BsonString(stage));
    }

    /** The stages of the winning plan explain reports (e.g. "FETCH<-IXSCAN"), or the error. */
    static String explainStage(MongoClient admin, String field) {
        try {
            BsonDocument reply = admin.getDatabase("bench").runCommand(new BsonDocument("explain",
                    new BsonDocument("find", new BsonString(COLLECTION))
                            .append("filter", new BsonDocument(field, new BsonInt32(1))))
                    .append("verbosity", new BsonString("queryPlanner")), BsonDocument.class);
            BsonDocument planner = reply.getDocument("queryPlanner", new BsonDocument());
            BsonDocument plan = planner.getDocument("winningPlan", new BsonDocument());
            StringBuilder sb = new StringBuilder();
            while (plan != null && plan.containsKey("stage")) {
                sb.append(sb.length() == 0 ? "" : "<-").append(plan.getString("stage").getValue());
                if (plan.isArray("shards") && !plan.getArray("shards").isEmpty()) {
                    plan = plan.getArray("shards").get(0).asDocument().getDocument("winningPlan", null);
                } else {
                    plan = plan.isDocument("inputStage") ? plan.getDocument("inputStage") : null;
                }
            }
            if (sb.length() == 0 && reply.containsKey("queryPlanner")) {
                return planner.toJson();
            }
            return sb.length() == 0 ? "(no winningPlan)" : sb.toString();
        } catch (RuntimeException e) {
            return "explain failed: " + e.getMessage();
        }
    }
}
