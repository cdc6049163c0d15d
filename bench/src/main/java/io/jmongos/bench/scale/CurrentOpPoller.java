package io.jmongos.bench.scale;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * Polls {@code $currentOp} (idleCursors, idleSessions) for a known set of cursor ids and session ids and
 * records, per client, when its cursor and its transaction stopped being listed.
 */
final class CurrentOpPoller {
    /** Polls stop after this many (with a deadline too). */
    static final int MAX_POLLS = 100_000;

    record Snapshot(int cursorsOpen, int txnsOpen, Set<Long> cursors, Set<UUID> txns) {
    }

    record Outcome(double[] perClientMillis, double[] cursorMillis, double[] txnMillis, int remaining,
                   long lastGoneNanos, int polls, double meanPollMillis) {
    }

    private final MongoDatabase adminDb;
    private final long[] cursorIds;
    private final UUID[] lsids;
    private final Map<Long, Integer> cursorOwner = new HashMap<>();
    private final Map<UUID, Integer> lsidOwner = new HashMap<>();
    private final BsonDocument command;

    CurrentOpPoller(MongoClient admin, long[] cursorIds, UUID[] lsids) {
        this.adminDb = admin.getDatabase("admin");
        this.cursorIds = cursorIds;
        this.lsids = lsids;
        for (int i = 0; i < cursorIds.length; i++) {
            cursorOwner.put(cursorIds[i], i);
            lsidOwner.put(lsids[i], i);
        }
        BsonArray pipeline = new BsonArray(List.of(
                new BsonDocument("$currentOp", new BsonDocument("idleCursors", BsonBoolean.TRUE)
                        .append("idleSessions", BsonBoolean.TRUE).append("allUsers", BsonBoolean.TRUE)),
                new BsonDocument("$match", new BsonDocument("type", new BsonDocument("$in",
                        new BsonArray(List.of(new BsonString("idleCursor"), new BsonString("idleSession")))))),
                new BsonDocument("$project", new BsonDocument("type", new BsonInt32(1))
                        .append("cursor.cursorId", new BsonInt32(1)).append("lsid.id", new BsonInt32(1))
                        .append("transaction", new BsonInt32(1)))));
        this.command = new BsonDocument("aggregate", new BsonInt32(1)).append("pipeline", pipeline)
                .append("cursor", new BsonDocument("batchSize", new BsonInt32(100_000)));
    }

    Snapshot poll() {
        BsonDocument reply = adminDb.runCommand(command, BsonDocument.class);
        BsonDocument cursor = reply.getDocument("cursor");
        if (cursor.getInt64("id").getValue() != 0) {
            adminDb.runCommand(new BsonDocument("killCursors", new BsonString("$cmd.aggregate"))
                    .append("cursors", new BsonArray(List.of(cursor.get("id")))), BsonDocument.class);
            throw new IllegalStateException("$currentOp result did not fit in one batch");
        }
        Set<Long> cursors = new HashSet<>();
        Set<UUID> txns = new HashSet<>();
        for (BsonValue v : cursor.getArray("firstBatch")) {
            BsonDocument d = v.asDocument();
            String type = d.getString("type").getValue();
            if ("idleCursor".equals(type) && d.isDocument("cursor")) {
                long id = d.getDocument("cursor").getNumber("cursorId").longValue();
                if (cursorOwner.containsKey(id)) {
                    cursors.add(id);
                }
            } else if ("idleSession".equals(type) && d.containsKey("transaction") && d.isDocument("lsid")) {
                BsonValue id = d.getDocument("lsid").get("id");
                if (id instanceof BsonBinary b && b.getData().length == 16) {
                    UUID u = b.asUuid();
                    if (lsidOwner.containsKey(u)) {
                        txns.add(u);
                    }
                }
            }
        }
        return new Snapshot(cursors.size(), txns.size(), cursors, txns);
    }

    /** When each client's cursor and transaction were first seen gone (System.nanoTime at poll end, 0: never). */
    record Gone(long[] cursorGone, long[] txnGone, int remaining, int polls, double meanPollMillis) {
    }

    /** Poll until every client's cursor and transaction are gone or the deadline passes. */
    Gone pollUntilGone(long deadlineNanos) {
        int n = cursorIds.length;
        long[] cursorGone = new long[n];
        long[] txnGone = new long[n];
        int remaining = n;
        int polls = 0;
        long pollNanos = 0;
        while (remaining > 0 && polls < MAX_POLLS && System.nanoTime() < deadlineNanos) {
            long t0 = System.nanoTime();
            Snapshot s = poll();
            long t1 = System.nanoTime();
            polls++;
            pollNanos += t1 - t0;
            remaining = 0;
            for (int i = 0; i < n; i++) {
                if (cursorGone[i] == 0 && !s.cursors().contains(cursorIds[i])) {
                    cursorGone[i] = t1;
                }
                if (txnGone[i] == 0 && !s.txns().contains(lsids[i])) {
                    txnGone[i] = t1;
                }
                if (cursorGone[i] == 0 || txnGone[i] == 0) {
                    remaining++;
                }
            }
        }
        return new Gone(cursorGone, txnGone, remaining, polls, polls == 0 ? 0 : pollNanos / 1e6 / polls);
    }

    /** Per-client times from close to gone, for the clients whose cursor and transaction are both gone. */
    static Outcome outcome(Gone g, long[] closedAt) {
        int n = closedAt.length;
        double[] both = new double[n];
        double[] cursor = new double[n];
        double[] txn = new double[n];
        long lastGone = 0;
        int done = 0;
        for (int i = 0; i < n; i++) {
            if (g.cursorGone()[i] != 0 && g.txnGone()[i] != 0) {
                cursor[done] = (g.cursorGone()[i] - closedAt[i]) / 1e6;
                txn[done] = (g.txnGone()[i] - closedAt[i]) / 1e6;
                both[done] = Math.max(cursor[done], txn[done]);
                lastGone = Math.max(lastGone, Math.max(g.cursorGone()[i], g.txnGone()[i]));
                done++;
            }
        }
        return new Outcome(Arrays.copyOf(both, done), Arrays.copyOf(cursor, done), Arrays.copyOf(txn, done),
                g.remaining(), lastGone, g.polls(), g.meanPollMillis());
    }
}
