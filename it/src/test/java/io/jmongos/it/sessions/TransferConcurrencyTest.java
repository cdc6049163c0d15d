package io.jmongos.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Sixteen threads move amounts between ten accounts in transactions, retrying on transient errors
 * (the driver's withTransaction). The total never changes, every acknowledged transfer is reflected in the
 * final balances exactly once, and the ledger holds one entry per acknowledged transfer.
 */
class TransferConcurrencyTest {
    private static final int THREADS = 16;
    private static final int TRANSFERS_PER_THREAD = 25;
    private static final int ACCOUNTS = 10;
    private static final int START_BALANCE = 1000;

    private static SessionsServer server;

    private record Transfer(int from, int to, int amount) {
    }

    @BeforeAll
    static void start() {
        server = new SessionsServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void concurrentTransfersKeepTheTotalAndLoseNoAcknowledgedCommit() throws Exception {
        MongoCollection<Document> accounts = server.client.getDatabase("bank").getCollection("accounts");
        MongoCollection<Document> ledger = server.client.getDatabase("bank").getCollection("ledger");
        List<Document> seed = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            seed.add(new Document("_id", i).append("balance", START_BALANCE));
        }
        accounts.insertMany(seed);
        ledger.insertOne(new Document("_id", "created"));

        ConcurrentLinkedQueue<Transfer> acknowledged = new ConcurrentLinkedQueue<>();
        TransactionOptions options = TransactionOptions.builder().readConcern(ReadConcern.SNAPSHOT)
                .writeConcern(WriteConcern.MAJORITY).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seedValue = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(seedValue);
                for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    int amount = 1 + random.nextInt(50);
                    String id = UUID.randomUUID().toString();
                    try (ClientSession s = server.client.startSession()) {
                        s.withTransaction(() -> {
                            accounts.updateOne(s, Filters.eq("_id", from), Updates.inc("balance", -amount));
                            accounts.updateOne(s, Filters.eq("_id", to), Updates.inc("balance", amount));
                            ledger.insertOne(s, new Document("_id", id).append("from", from).append("to", to)
                                    .append("amount", amount));
                            return null;
                        }, options);
                    }
                    acknowledged.add(new Transfer(from, to, amount));
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        for (Future<?> f : futures) {
            f.get();
        }

        long[] expected = new long[ACCOUNTS];
        java.util.Arrays.fill(expected, START_BALANCE);
        for (Transfer t : acknowledged) {
            expected[t.from()] -= t.amount();
            expected[t.to()] += t.amount();
        }
        long total = 0;
        for (Document d : accounts.find()) {
            int id = d.getInteger("_id");
            assertThat(d.getInteger("balance").longValue()).as("balance of account %d", id).isEqualTo(expected[id]);
            total += d.getInteger("balance");
        }
        assertThat(total).isEqualTo((long) ACCOUNTS * START_BALANCE);
        assertThat(acknowledged).hasSize(THREADS * TRANSFERS_PER_THREAD);
        assertThat(ledger.countDocuments()).isEqualTo(THREADS * TRANSFERS_PER_THREAD + 1L);
        LeakCheck.assertNothingOpen(server.client);
    }
}
