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

import com.mongodb.client.MongoClient;

import io.jmongos.bench.raw.RawConnections;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.wire.client.BlockingWireClient;

/**
 * One disconnect-cleanup round: N LB clients each open a cursor (find, batchSize 1) and a transaction (an insert
 * with startTransaction); {@code $currentOp} must list exactly these; the server's JIT is let settle
 * ({@link JitSettle}); then all clients close at once while {@link CleanupCounterPoller} times each cleanup, and
 * {@code $currentOp} must list none of them after.
 */
final class CleanupRound {
    private CleanupRound() {
    }

    /** Run a round whose transactions insert _ids from {@code firstId}; the figures of the round. */
    static BsonDocument run(RunningTarget target, MongoClient admin, int clients, int firstId) throws Exception {
        Document before = serverStatus(admin);
        long[] cursorIds = new long[clients];
        UUID[] lsids = new UUID[clients];
        List<BlockingWireClient> conns = new ArrayList<>(clients);
        try {
            for (int i = 0; i < clients; i++) {
                BlockingWireClient c = RawConnections.open(target.clientPort(), true,
                        DisconnectCleanupBench.TIMEOUT_MILLIS);
                conns.add(c);
                c.runOk(RawConnections.hello(true));
                BsonDocument found = c.runOk(new BsonDocument("find",
                        new BsonString(DisconnectCleanupBench.COLLECTION)).append("batchSize", new BsonInt32(1))
                        .append("$db", new BsonString("bench")));
                cursorIds[i] = found.getDocument("cursor").getInt64("id").getValue();
                lsids[i] = UUID.randomUUID();
                c.runOk(new BsonDocument("insert", new BsonString(DisconnectCleanupBench.TXN_COLLECTION))
                        .append("documents", new BsonArray(List.of(new BsonDocument("_id",
                                new BsonInt32(firstId + i)))))
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
            BsonDocument settle = JitSettle.await(target);
            CleanupCounterPoller.Counts base = counters.counts();
            long compilesBefore = JitSettle.compiles(target);
            long[] closedAt = new long[clients];
            long deadline = System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(DisconnectCleanupBench.POLL_DEADLINE_MILLIS);
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
                    polling.get(DisconnectCleanupBench.POLL_DEADLINE_MILLIS * 2, TimeUnit.MILLISECONDS), base,
                    closedAt);
            long compilesAfter = JitSettle.compiles(target);
            CurrentOpPoller.Snapshot left = listing.poll();
            Document after = serverStatus(admin);
            double[] sorted = outcome.perClientMillis().clone();
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
                    .append("transactionsAbortedDelta", new BsonInt64(txnField(after, "totalAborted")
                            - txnField(before, "totalAborted")))
                    .append("abortCauseInterruptedDelta", new BsonInt64(interrupted(after) - interrupted(before)))
                    .append("jitSettle", settle.append("compilesDuringRound", new BsonInt64(
                            compilesBefore < 0 || compilesAfter < 0 ? -1 : compilesAfter - compilesBefore)));
        } finally {
            for (BlockingWireClient c : conns) {
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

    private static Document serverStatus(MongoClient admin) {
        return admin.getDatabase("admin").runCommand(new Document("serverStatus", 1));
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

    private static double[] sortedCopy(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
