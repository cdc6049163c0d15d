package io.jmongos.engine.it;

import io.jmongos.engine.EmbeddedEngine;
import io.jmongos.engine.EngineOptions;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * Run in a JVM with a capped heap by {@link LargeScanTest}: inserts {@code n} documents into an in-memory
 * engine, then scans them with a filter through find/getMore and prints {@code matched=<count>
 * maxHeap=<bytes>}. Exits non-zero on any command error.
 */
public final class LargeScanMain {
    /** Documents per insert command. */
    private static final int INSERT_BATCH = 1000;
    /** Filler that gives each document about 300 bytes. */
    private static final String FILLER = "f".repeat(250);

    private LargeScanMain() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        try (EmbeddedEngine engine = EmbeddedEngine.open(EngineOptions.inMemory())) {
            for (int start = 0; start < n; start += INSERT_BATCH) {
                BsonArray docs = new BsonArray();
                for (int i = start; i < Math.min(n, start + INSERT_BATCH); i++) {
                    docs.add(new BsonDocument("_id", new BsonInt32(i)).append("k", new BsonInt32(i % 10))
                            .append("filler", new BsonString(FILLER)));
                }
                check(engine.runCommand("big", new BsonDocument("insert", new BsonString("c"))
                        .append("documents", docs)));
            }
            BsonDocument r = check(engine.runCommand("big", BsonDocument.parse("{find: 'c', filter: {k: 7}}")));
            long matched = r.getDocument("cursor").getArray("firstBatch").size();
            long id = r.getDocument("cursor").getInt64("id").getValue();
            while (id != 0) {
                BsonDocument more = check(engine.runCommand("big", new BsonDocument("getMore", new BsonInt64(id))
                        .append("collection", new BsonString("c"))));
                matched += more.getDocument("cursor").getArray("nextBatch").size();
                id = more.getDocument("cursor").getInt64("id").getValue();
            }
            long all = check(engine.runCommand("big", BsonDocument.parse("{count: 'c', query: {k: {$gte: 0}}}")))
                    .getInt32("n").getValue();
            System.out.println("matched=" + matched + " counted=" + all + " maxHeap=" + Runtime.getRuntime().maxMemory());
        }
    }

    private static BsonDocument check(BsonDocument reply) {
        if (reply.get("ok").asNumber().intValue() != 1 || reply.containsKey("writeErrors")) {
            throw new IllegalStateException("command failed: " + reply.toJson());
        }
        return reply;
    }
}
