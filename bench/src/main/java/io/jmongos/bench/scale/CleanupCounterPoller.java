package io.jmongos.bench.scale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * Polls serverStatus counters ({@code metrics.cursor.open.total}, {@code transactions.currentOpen}) as fast as
 * it can while clients disconnect, and turns the time series into per-client cleanup times: the k-th client to
 * close is matched with the k-th cursor and the k-th transaction to go (closes happen in order, so the k-th
 * cleanup cannot precede the k-th close). A few threads poll at once ({@link #POLLERS}). Only those two sections
 * are asked for, the others are left out by name (serverStatus's {@code <section>: 0}), so a poll costs the server
 * little. A sample is timed by the server's own {@code localTime} (same host, same wall clock; millisecond
 * resolution, taken up to the next millisecond) mapped onto this process's nanoTime and kept within the poll's
 * send and receive times: the counters were read then, not when the reply arrived. Resolution: the interval
 * between two samples; a cleanup is timed at the first sample that shows it, an upper bound.
 */
final class CleanupCounterPoller {
    /** Polls stop after this many (with a deadline too). */
    static final int MAX_POLLS = 200_000;
    /** The sections the counters are in; every other section of the reply is left out of the polls. */
    static final Set<String> WANTED_SECTIONS = Set.of("metrics", "transactions");
    /**
     * Threads polling at once: 3. One poll takes a few scheduling delays on a busy 2-core machine (several ms),
     * so one poller alone leaves long gaps between samples; a few overlapping ones sample more often for little
     * server work (a serverStatus of two sections). The bench's own choice.
     */
    static final int POLLERS = 3;
    /** Extra wait for a poller thread after the deadline (its last serverStatus may be under way). */
    static final long JOIN_GRACE_MILLIS = 5_000;
    /** Tries at reading the wall clock between two nanoTime reads; the narrowest bracket gives the offset. */
    static final int CLOCK_OFFSET_TRIES = 20;

    record Counts(long cursors, long txns, long serverWallMillis) {
    }

    record Series(long[] at, long[] cursors, long[] txns, int polls, double meanPollMillis) {
    }

    record Outcome(double[] perClientMillis, double[] cursorMillis, double[] txnMillis, int remaining,
                   long lastGoneNanos, int polls, double meanPollMillis) {
    }

    private final MongoDatabase adminDb;
    private final BsonDocument command;
    /** This process's nanoTime minus the wall clock in nanoseconds. */
    private final long nanoMinusWall;

    CleanupCounterPoller(MongoClient admin) {
        this.adminDb = admin.getDatabase("admin");
        BsonDocument full = adminDb.runCommand(new BsonDocument("serverStatus", new BsonInt32(1)),
                BsonDocument.class);
        BsonDocument cmd = new BsonDocument("serverStatus", new BsonInt32(1));
        for (Map.Entry<String, BsonValue> e : full.entrySet()) {
            if (e.getValue().isDocument() && !WANTED_SECTIONS.contains(e.getKey())) {
                cmd.append(e.getKey(), new BsonInt32(0));
            }
        }
        this.command = cmd;
        this.nanoMinusWall = nanoMinusWall();
    }

    private static long nanoMinusWall() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < CLOCK_OFFSET_TRIES; i++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                offset = before + (after - before) / 2 - (wall.getEpochSecond() * 1_000_000_000L + wall.getNano());
            }
        }
        return offset;
    }

    Counts counts() {
        BsonDocument s = adminDb.runCommand(command, BsonDocument.class);
        long cursors = s.getDocument("metrics").getDocument("cursor").getDocument("open").getNumber("total")
                .longValue();
        long txns = s.getDocument("transactions").getNumber("currentOpen").longValue();
        return new Counts(cursors, txns, s.getDateTime("localTime").getValue());
    }

    /**
     * When the server read the counters, on this process's nanoTime: its localTime rounded up to the next
     * millisecond, kept within the poll's send ({@code sentNanos}) and receive ({@code receivedNanos}) times.
     */
    long sampleNanos(Counts c, long sentNanos, long receivedNanos) {
        return sampleNanos(c.serverWallMillis(), nanoMinusWall, sentNanos, receivedNanos);
    }

    static long sampleNanos(long serverWallMillis, long nanoMinusWall, long sentNanos, long receivedNanos) {
        long at = (serverWallMillis + 1) * 1_000_000L + nanoMinusWall;
        return Math.max(sentNanos, Math.min(receivedNanos, at));
    }

    /**
     * Poll from {@link #POLLERS} threads at once until both counters dropped by {@code clients} from
     * {@code before}, or the deadline; the samples of all threads in time order.
     */
    Series poll(Counts before, int clients, long deadlineNanos) {
        AtomicBoolean done = new AtomicBoolean();
        List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicLong pollNanos = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < POLLERS; p++) {
            Thread t = new Thread(() -> {
                while (!done.get() && samples.size() < MAX_POLLS && System.nanoTime() < deadlineNanos) {
                    long t0 = System.nanoTime();
                    Counts c = counts();
                    long t1 = System.nanoTime();
                    pollNanos.addAndGet(t1 - t0);
                    samples.add(new long[] {sampleNanos(c, t0, t1), c.cursors(), c.txns()});
                    if (before.cursors() - c.cursors() >= clients && before.txns() - c.txns() >= clients) {
                        done.set(true);
                    }
                }
            }, "cleanup-poller-" + p);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000 + JOIN_GRACE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        done.set(true);
        List<long[]> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        sorted.sort(Comparator.comparingLong(x -> x[0]));
        int n = sorted.size();
        long[] at = new long[n];
        long[] cursors = new long[n];
        long[] txns = new long[n];
        for (int i = 0; i < n; i++) {
            at[i] = sorted.get(i)[0];
            cursors[i] = sorted.get(i)[1];
            txns[i] = sorted.get(i)[2];
        }
        return new Series(at, cursors, txns, n, n == 0 ? 0 : pollNanos.get() / 1e6 / n);
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
