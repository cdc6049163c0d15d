package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's {@code txn} load: many sessions, each committing transactions that insert two documents with
 * distinct ObjectIds into one collection. MongoDB never reports a write conflict there; neither may the engine.
 */
class TransactionInsertConflictTest extends EngineTestBase {
    private static final int THREADS = 16;
    private static final int TXNS_PER_THREAD = 300;

    @Test
    void concurrentTransactionsInsertingDistinctIdsNeverConflict() throws Exception {
        ok("{create: 'txn'}");
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(),
                        UuidRepresentation.STANDARD));
                for (long txn = 1; txn <= TXNS_PER_THREAD; txn++) {
                    BsonDocument insert = new BsonDocument("insert", new BsonString("txn"))
                            .append("documents", new BsonArray(List.of(
                                    new BsonDocument("_id", new BsonObjectId()).append("v", new BsonInt32(1)),
                                    new BsonDocument("_id", new BsonObjectId()).append("v", new BsonInt32(2)))))
                            .append("startTransaction", BsonBoolean.TRUE);
                    BsonDocument r = step(insert, lsid, txn);
                    if (!isOk(r)) {
                        failures.add(r.toJson());
                        engine.runCommand("test", inTxn(new BsonDocument("abortTransaction", new BsonInt32(1)),
                                lsid, txn));
                        continue;
                    }
                    r = step(new BsonDocument("commitTransaction", new BsonInt32(1)), lsid, txn);
                    if (!isOk(r)) {
                        failures.add(r.toJson());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(failures).isEmpty();
        assertThat(ok("{count: 'txn'}").getInt32("n").getValue()).isEqualTo(2 * THREADS * TXNS_PER_THREAD);
    }

    @Test
    void twoTransactionsInsertingTheSameIdStillConflict() {
        ok("{create: 'txn'}");
        BsonDocument a = lsid();
        BsonDocument b = lsid();
        assertThat(isOk(step(BsonDocument.parse("{insert: 'txn', documents: [{_id: 1}], startTransaction: true}"),
                a, 1))).isTrue();
        BsonDocument r = step(BsonDocument.parse("{insert: 'txn', documents: [{_id: 1}], startTransaction: true}"),
                b, 1);
        assertThat(r.toJson()).contains("WriteConflict");
        engine.runCommand("test", inTxn(new BsonDocument("abortTransaction", new BsonInt32(1)), b, 1));
        assertThat(isOk(step(new BsonDocument("commitTransaction", new BsonInt32(1)), a, 1))).isTrue();
    }

    private static BsonDocument lsid() {
        return new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
    }

    private BsonDocument step(BsonDocument cmd, BsonDocument lsid, long txn) {
        return engine.runCommand("test", inTxn(cmd, lsid, txn));
    }

    private static BsonDocument inTxn(BsonDocument cmd, BsonDocument lsid, long txn) {
        return cmd.append("lsid", lsid).append("txnNumber", new BsonInt64(txn)).append("autocommit",
                BsonBoolean.FALSE);
    }

    private static boolean isOk(BsonDocument r) {
        return r.get("ok").asNumber().intValue() == 1 && !r.containsKey("writeErrors");
    }
}
