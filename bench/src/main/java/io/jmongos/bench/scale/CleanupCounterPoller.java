package io.jmongos.bench.scale;

import java.util.Arrays;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * Polls serverStatus counters ({@code metrics.cursor.open.total}, {@code transactions.currentOpen}) as fast as
 * it can while clients disconnect, and turns the time series into per-client cleanup times: the k-th client to
 * close is matched with the k-th cursor and the k-th transaction to go (closes happen in order, so the k-th
 * cleanup cannot precede the k-th close). Resolution: one serverStatus round trip.
 */
final class CleanupCounterPoller {
    /** Polls stop after this many (with a deadline too). */
    static final int MAX_POLLS = 200_000;
    private static final BsonDocument SERVER_STATUS = new BsonDocument("serverStatus", new BsonInt32(1));

    record Counts(long cursors, long txns) {
    }

    record Series(long[] at, long[] cursors, long[] txns, int polls, double meanPollMillis) {
    }

    record Outcome(double[] perClientMillis, double[] cursorMillis, double[] txnMillis, int remaining,
                   long lastGoneNanos, int polls, double meanPollMillis) {
    }

    private final MongoDatabase adminDb;

    CleanupCounterPoller(MongoClient admin) {
        this.adminDb = admin.getDatabase("admin");
    }

    Counts counts() {
        BsonDocument s = adminDb.runCommand(SERVER_STATUS, BsonDocument.class);
        long cursors = s.getDocument("metrics").getDocument("cursor").getDocument("open").getNumber("total")
                .longValue();
        long txns = s.getDocument("transactions").getNumber("currentOpen").longValue();
        return new Counts(cursors, txns);
    }

    /** Poll until both counters dropped by {@code clients} from {@code before}, or the deadline. */
    Series poll(Counts before, int clients, long deadlineNanos) {
        long[] at = new long[1024];
        long[] cursors = new long[1024];
        long[] txns = new long[1024];
        int n = 0;
        long pollNanos = 0;
        while (n < MAX_POLLS && System.nanoTime() < deadlineNanos) {
            long t0 = System.nanoTime();
            Counts c = counts();
            long t1 = System.nanoTime();
            pollNanos += t1 - t0;
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
                cursors = Arrays.copyOf(cursors, n * 2);
                txns = Arrays.copyOf(txns, n * 2);
            }
            at[n] = t1;
            cursors[n] = c.cursors();
            txns[n] = c.txns();
            n++;
            if (before.cursors() - c.cursors() >= clients && before.txns() - c.txns() >= clients) {
                break;
            }
        }
        return new Series(Arrays.copyOf(at, n), Arrays.copyOf(cursors, n), Arrays.copyOf(txns, n), n,
                n == 0 ? 0 : pollNanos / 1e6 / n);
    }

    /** Per-client times from the series and each client's close time (clients in close order). */
    static Outcome outcome(Series s, Counts before, long[] closedAt) {
        int clients = closedAt.length;
        double[] both = new double[clients];
        double[] cursor = new double[clients];
        double[] txn = new double[clients];
        int done = 0;
        long lastGone = 0;
        for (int k = 0; k < clients; k++) {
            long c = firstAtLeast(s.at(), s.cursors(), before.cursors(), k + 1);
            long t = firstAtLeast(s.at(), s.txns(), before.txns(), k + 1);
            if (c == 0 || t == 0) {
                break;
            }
            cursor[k] = (c - closedAt[k]) / 1e6;
            txn[k] = (t - closedAt[k]) / 1e6;
            both[k] = Math.max(cursor[k], txn[k]);
            lastGone = Math.max(lastGone, Math.max(c, t));
            done++;
        }
        return new Outcome(Arrays.copyOf(both, done), Arrays.copyOf(cursor, done), Arrays.copyOf(txn, done),
                clients - done, lastGone, s.polls(), s.meanPollMillis());
    }

    /** The time of the first sample where {@code base - value >= k}, 0 when none. */
    private static long firstAtLeast(long[] at, long[] values, long base, int k) {
        for (int i = 0; i < at.length; i++) {
            if (base - values[i] >= k) {
                return at[i];
            }
        }
        return 0;
    }
}
