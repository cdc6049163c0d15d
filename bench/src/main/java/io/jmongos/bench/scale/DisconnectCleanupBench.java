package io.jmongos.bench.scale;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.jmongos.bench.raw.RawMongoConnection;
import io.jmongos.bench.target.RunningTarget;

/**
 * Disconnect cleanup on the LB port: N clients each open a cursor (find, batchSize 1) and a transaction (an insert
 * with startTransaction), then all disconnect at once. {@code $currentOp} (idleCursors, idleSessions) checks, from
 * a separate client, that exactly our cursors and transactions are listed before and none after; meanwhile
 * serverStatus counters are polled as fast as possible to time the cleanup per client
 * ({@link CleanupCounterPoller}).
 */
public final class DisconnectCleanupBench {
    static final String COLLECTION = "cleanup";
    static final String TXN_COLLECTION = "cleanupTxn";
    static final int TIMEOUT_MILLIS = 30_000;
    static final long POLL_DEADLINE_MILLIS = 60_000;

    private DisconnectCleanupBench() {
    }

    /** Run on a jmongos target whose client port is the LB port; {@code admin} is on the main port. */
    public static BsonDocument run(RunningTarget target, MongoClient admin, int clients) throws Exception {
        MongoCollection<Document> docs = admin.getDatabase("bench").getCollection(COLLECTION);
        docs.drop();
        docs.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
        admin.getDatabase("bench").getCollection(TXN_COLLECTION).drop();
        admin.getDatabase("bench").createCollection(TXN_COLLECTION);
        Document before = serverStatus(admin);
        long[] cursorIds = new long[clients];
        UUID[] lsids = new UUID[clients];
        List<RawMongoConnection> conns = new ArrayList<>(clients);
        try {
            for (int i = 0; i < clients; i++) {
                RawMongoConnection c = RawMongoConnection.open(target.clientPort(), true, TIMEOUT_MILLIS);
                conns.add(c);
                c.commandOk(RawMongoConnection.hello(true));
                RawBsonDocument found = c.commandOk(new BsonDocument("find", new BsonString(COLLECTION))
                        .append("batchSize", new BsonInt32(1)).append("$db", new BsonString("bench")));
                cursorIds[i] = found.getDocument("cursor").getInt64("id").getValue();
                lsids[i] = UUID.randomUUID();
                c.commandOk(new BsonDocument("insert", new BsonString(TXN_COLLECTION))
                        .append("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(i)))))
                        .append("lsid", new BsonDocument("id", new BsonBinary(lsids[i])))
                        .append("txnNumber", new BsonInt64(1))
                        .append("startTransaction", BsonBoolean.TRUE)
                        .append("autocommit", BsonBoolean.FALSE)
                        .append("$db", new BsonString("bench")));
            }
            CurrentOpPoller listing = new CurrentOpPoller(admin, cursorIds, lsids);
            CurrentOpPoller.Snapshot open = listing.poll();
            if (open.cursorsOpen() != clients || open.txnsOpen() != clients) {
                throw new IllegalStateException("$currentOp lists " + open.cursorsOpen() + " of our cursors and "
                        + open.txnsOpen() + " of our transactions before the disconnect, expected " + clients);
            }
            CleanupCounterPoller counters = new CleanupCounterPoller(admin);
            CleanupCounterPoller.Counts base = counters.counts();
            long[] closedAt = new long[clients];
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_DEADLINE_MILLIS);
            CompletableFuture<CleanupCounterPoller.Series> polling = CompletableFuture.supplyAsync(
                    () -> counters.poll(base, clients, deadline));
            long firstClose = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                closedAt[i] = System.nanoTime();
                conns.get(i).close();
            }
            conns.clear();
            long lastClose = System.nanoTime();
            CleanupCounterPoller.Outcome outcome = CleanupCounterPoller.outcome(
                    polling.get(POLL_DEADLINE_MILLIS * 2, TimeUnit.MILLISECONDS), base, closedAt);
            CurrentOpPoller.Snapshot left = listing.poll();
            Document after = serverStatus(admin);
            double[] perClient = outcome.perClientMillis();
            double[] sorted = perClient.clone();
            Arrays.sort(sorted);
            return new BsonDocument("clients", new BsonInt32(clients))
                    .append("allGone", BsonBoolean.valueOf(outcome.remaining() == 0 && left.cursorsOpen() == 0
                            && left.txnsOpen() == 0))
                    .append("currentOpAfter", new BsonDocument("ourCursorsListed", new BsonInt32(left.cursorsOpen()))
                            .append("ourTransactionsListed", new BsonInt32(left.txnsOpen())))
                    .append("remaining", new BsonInt32(outcome.remaining()))
                    .append("closeLoopMillis", new BsonDouble((lastClose - firstClose) / 1e6))
                    .append("allGoneAfterFirstCloseMillis",
                            new BsonDouble((outcome.lastGoneNanos() - firstClose) / 1e6))
                    .append("perClientP50Millis", new BsonDouble(percentile(sorted, 50)))
                    .append("perClientP99Millis", new BsonDouble(percentile(sorted, 99)))
                    .append("perClientMaxMillis", new BsonDouble(sorted.length == 0 ? 0 : sorted[sorted.length - 1]))
                    .append("cursorP99Millis", new BsonDouble(percentile(sortedCopy(outcome.cursorMillis()), 99)))
                    .append("txnP99Millis", new BsonDouble(percentile(sortedCopy(outcome.txnMillis()), 99)))
                    .append("polls", new BsonInt32(outcome.polls()))
                    .append("meanPollMillis", new BsonDouble(outcome.meanPollMillis()))
                    .append("transactionsAbortedDelta", new BsonInt64(counter(after, before, "totalAborted")))
                    .append("abortCauseInterruptedDelta", new BsonInt64(interrupted(after) - interrupted(before)));
        } finally {
            for (RawMongoConnection c : conns) {
                c.close();
            }
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Math.round(sorted[Math.max(0, rank - 1)] * 100) / 100.0;
    }

    private static double[] sortedCopy(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    private static Document serverStatus(MongoClient admin) {
        return admin.getDatabase("admin").runCommand(new Document("serverStatus", 1));
    }

    private static long counter(Document after, Document before, String field) {
        return txnField(after, field) - txnField(before, field);
    }

    private static long txnField(Document status, String field) {
        Document t = status.get("transactions", Document.class);
        return t != null && t.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static long interrupted(Document status) {
        Document t = status.get("transactions", Document.class);
        Document causes = t == null ? null : t.get("abortCause", Document.class);
        return causes != null && causes.get("Interrupted") instanceof Number n ? n.longValue() : 0;
    }
}
