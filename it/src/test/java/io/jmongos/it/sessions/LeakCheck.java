package io.jmongos.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.mongodb.client.MongoClient;

/**
 * Fails a test that leaves a cursor or a transaction open on the server. Use it as
 * {@code @RegisterExtension LeakCheck leaks = new LeakCheck(() -> client);}: before each test it records
 * {@code serverStatus().metrics.cursor.open.total} and {@code transactions.currentOpen}; after the test it
 * waits up to two seconds (cleanup may be asynchronous) for both to be back at their earlier values and fails
 * naming the leftover cursors ({@code $currentOp} idleCursors) otherwise. {@link #assertNothingOpen} is the
 * strict form for a server used by one test alone.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
    /** How long cleanup may take after a test (driver killCursors, endSessions) before it counts as a leak. */
    private static final long SETTLE_MILLIS = 2000;

    private final Supplier<MongoClient> client;
    private long cursorsBefore;
    private long transactionsBefore;

    public LeakCheck(Supplier<MongoClient> client) {
        this.client = client;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        long[] now = counts(client.get());
        cursorsBefore = now[0];
        transactionsBefore = now[1];
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertBackTo(client.get(), cursorsBefore, transactionsBefore);
    }

    /** Assert that the server has no open cursor and no open transaction (after a short settling time). */
    public static void assertNothingOpen(MongoClient client) {
        assertBackTo(client, 0, 0);
    }

    private static void assertBackTo(MongoClient client, long cursors, long transactions) {
        long[][] last = new long[1][];
        boolean settled = SessionsServer.await(SETTLE_MILLIS, () -> {
            last[0] = counts(client);
            return last[0][0] <= cursors && last[0][1] <= transactions;
        });
        if (!settled) {
            assertThat(last[0][0]).as("open cursors after the test (before: %d); idle cursors: %s", cursors,
                    idleCursors(client)).isLessThanOrEqualTo(cursors);
            assertThat(last[0][1]).as("open transactions after the test (before: %d)", transactions)
                    .isLessThanOrEqualTo(transactions);
        }
    }

    /** {open cursors, open transactions}. */
    static long[] counts(MongoClient client) {
        BsonDocument status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1),
                BsonDocument.class);
        long cursors = status.getDocument("metrics").getDocument("cursor").getDocument("open")
                .getNumber("total").longValue();
        long txns = status.getDocument("transactions").getNumber("currentOpen").longValue();
        return new long[] {cursors, txns};
    }

    private static List<Document> idleCursors(MongoClient client) {
        return client.getDatabase("admin").aggregate(List.of(
                new Document("$currentOp", new Document("idleCursors", true).append("idleSessions", false)),
                new Document("$match", new Document("type", "idleCursor")))).into(new java.util.ArrayList<>());
    }
}
