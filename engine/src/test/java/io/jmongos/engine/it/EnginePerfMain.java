package io.jmongos.engine.it;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.engine.EngineOptions;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.UuidRepresentation;

/**
 * A rough in-process timing of the engine's hot paths through {@code runCommand} (not a test, no assertions):
 * retryable inserts (lsid + increasing txnNumber, the driver default), plain inserts, and findOne by _id.
 * Usage: {@code EnginePerfMain [operations per thread] [threads]}; prints one line per scenario.
 */
public final class EnginePerfMain {
    private EnginePerfMain() {
    }

    /** One timed operation of a scenario, numbered per thread. */
    private interface Op {
        void run(EmbeddedEngine engine, BsonDocument lsid, int i);
    }

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (EmbeddedEngine engine = EmbeddedEngine.open(EngineOptions.inMemory())) {
            check(engine.runCommand("perf", BsonDocument.parse("{create: 'r'}")));
            check(engine.runCommand("perf", BsonDocument.parse("{create: 'p'}")));
            time("insert retryable", engine, ops, threads, (e, lsid, i) -> check(e.runCommand("perf",
                    insert("r").append("lsid", lsid).append("txnNumber", new BsonInt64(i + 1L)))));
            time("insert plain    ", engine, ops, threads, (e, lsid, i) -> check(e.runCommand("perf",
                    insert("p"))));
            BsonDocument seed = new BsonDocument("insert", new BsonString("f"));
            BsonArray docs = new BsonArray();
            for (int i = 0; i < 1000; i++) {
                docs.add(new BsonDocument("_id", new BsonInt32(i)).append("v", new BsonString("x" + i)));
            }
            check(engine.runCommand("perf", seed.append("documents", docs)));
            time("findOne by _id  ", engine, ops, threads, (e, lsid, i) -> {
                BsonDocument r = check(e.runCommand("perf", new BsonDocument("find", new BsonString("f"))
                        .append("filter", new BsonDocument("_id", new BsonInt32(i % 1000)))
                        .append("limit", new BsonInt32(1)).append("singleBatch", BsonBoolean.TRUE)));
                if (r.getDocument("cursor").getArray("firstBatch").size() != 1) {
                    throw new IllegalStateException(r.toJson());
                }
            });
        }
    }

    private static BsonDocument insert(String coll) {
        return new BsonDocument("insert", new BsonString(coll)).append("documents",
                new BsonArray(java.util.List.of(new BsonDocument("_id", new BsonObjectId())
                        .append("v", new BsonInt32(1)))));
    }

    private static void time(String name, EmbeddedEngine engine, int ops, int threads, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[][] nanos = new long[threads][ops];
        long start = System.nanoTime();
        Future<?>[] fs = new Future<?>[threads];
        for (int t = 0; t < threads; t++) {
            int tt = t;
            fs[t] = pool.submit(() -> {
                BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(),
                        UuidRepresentation.STANDARD));
                for (int i = 0; i < ops; i++) {
                    long s = System.nanoTime();
                    op.run(engine, lsid, i);
                    nanos[tt][i] = System.nanoTime() - s;
                }
                return null;
            });
        }
        for (Future<?> f : fs) {
            f.get();
        }
        long total = System.nanoTime() - start;
        pool.shutdown();
        long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).sorted().toArray();
        long[] last = Arrays.stream(nanos).flatMapToLong(a -> Arrays.stream(a, ops * 9 / 10, ops)).sorted()
                .toArray();
        System.out.printf("%s threads=%d ops=%d  %.0f ops/s  p50=%.3f ms p99=%.3f ms  last10%%: p50=%.3f p99=%.3f ms%n",
                name, threads, ops * threads, ops * threads / (total / 1e9), all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, last[last.length / 2] / 1e6,
                last[(int) (last.length * 0.99)] / 1e6);
    }

    private static BsonDocument check(BsonDocument r) {
        if (r.get("ok").asNumber().intValue() != 1 || r.containsKey("writeErrors")) {
            throw new IllegalStateException(r.toJson());
        }
        return r;
    }
}
