package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends EngineTestBase {
    private static final int ACCOUNTS = 10;
    private static final int THREADS = 8;
    private static final int TRANSFERS_PER_THREAD = 150;

    @Test
    void concurrentTransfersInTransactionsKeepTheTotal() throws Exception {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < ACCOUNTS; i++) {
            docs.append(i == 0 ? "" : ",").append("{_id: ").append(i).append(", balance: 100}");
        }
        ok("{insert: 'accounts', documents: [" + docs + "]}");
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            futures.add(pool.submit(() -> {
                Random rnd = new Random(seed);
                BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(),
                        UuidRepresentation.STANDARD));
                long txn = 0;
                for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                    int from = rnd.nextInt(ACCOUNTS);
                    int to = (from + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    while (true) {
                        txn++;
                        if (transfer(lsid, txn, from, to, 1 + rnd.nextInt(5))) {
                            committed.incrementAndGet();
                            break;
                        }
                        retries.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        BsonDocument sum = ok("{aggregate: 'accounts', pipeline: [{$group: {_id: null, total: {$sum: '$balance'}}}],"
                + " cursor: {}}");
        assertThat(sum.getDocument("cursor").getArray("firstBatch").get(0).asDocument().get("total").asNumber()
                .intValue()).isEqualTo(ACCOUNTS * 100);
        assertThat(committed.get()).isEqualTo(THREADS * TRANSFERS_PER_THREAD);
    }

    /** One transfer in a transaction; false when it hit a transient error and was aborted. */
    private boolean transfer(BsonDocument lsid, long txn, int from, int to, int amount) {
        BsonDocument debit = update(from, -amount).append("startTransaction", BsonBoolean.TRUE);
        if (!step(debit, lsid, txn)) {
            return false;
        }
        if (!step(update(to, amount), lsid, txn)) {
            return false;
        }
        return step(new BsonDocument("commitTransaction", new BsonInt32(1)), lsid, txn);
    }

    private static BsonDocument update(int id, int delta) {
        return new BsonDocument("update", new BsonString("accounts")).append("updates", new org.bson.BsonArray(List.of(
                new BsonDocument("q", new BsonDocument("_id", new BsonInt32(id)))
                        .append("u", new BsonDocument("$inc", new BsonDocument("balance", new BsonInt32(delta)))))));
    }

    private boolean step(BsonDocument cmd, BsonDocument lsid, long txn) {
        cmd.append("lsid", lsid).append("txnNumber", new BsonInt64(txn)).append("autocommit", BsonBoolean.FALSE);
        BsonDocument r = engine.runCommand("bank", cmd);
        if (r.get("ok").asNumber().intValue() == 1 && !r.containsKey("writeErrors")) {
            return true;
        }
        BsonValue labels = r.get("errorLabels");
        assertThat(labels).as(r.toJson()).isNotNull();
        assertThat(labels.asArray()).contains(new BsonString("TransientTransactionError"));
        engine.runCommand("bank", new BsonDocument("abortTransaction", new BsonInt32(1)).append("lsid", lsid)
                .append("txnNumber", new BsonInt64(txn)).append("autocommit", BsonBoolean.FALSE));
        return false;
    }

    @Test
    void concurrentInsertsAndReadsFromManyThreads() throws Exception {
        ok("{createIndexes: 'c', indexes: [{key: {u: 1}, name: 'u_1', unique: true}]}");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                int inserted = 0;
                for (int i = 0; i < 300; i++) {
                    BsonDocument r = run("{insert: 'c', documents: [{u: " + i + "}]}");
                    inserted += r.getInt32("n").getValue();
                    if (i % 50 == 0) {
                        findAll("{find: 'c', batchSize: 10}");
                    }
                }
                return inserted;
            }));
        }
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(300);
        assertThat(ok("{count: 'c'}").getInt32("n").getValue()).isEqualTo(300);
        assertThat(engine.stats().openCursors()).isZero();
    }
}
