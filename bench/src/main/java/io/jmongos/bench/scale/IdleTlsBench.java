package io.jmongos.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;

import com.mongodb.client.MongoClient;

import io.jmongos.bench.target.ChildProcess;
import io.jmongos.bench.target.LaunchConfig;
import io.jmongos.bench.target.ProcessStats;
import io.jmongos.bench.target.RunningTarget;

/**
 * Idle TLS connections beside idle plain ones, in one jmongos process in allowTLS (both kinds on its main port):
 * N plain connections (hello, then silence) are opened by holder processes and the process's resident memory and
 * live heap (after a full GC) measured, then N TLS connections (TLS handshake, hello, silence) on top, measured
 * again; each step's growth per connection. A TLS connection costs its SSL engine's state on top of a plain one.
 */
public final class IdleTlsBench {
    static final long SETTLE_TIMEOUT_MILLIS = 60_000;

    private final LaunchConfig launch;

    public IdleTlsBench(LaunchConfig launch) {
        this.launch = launch;
    }

    /** Run on the allowTLS target with {@code count} connections of each kind (capped by descriptors). */
    public BsonDocument run(RunningTarget target, MongoClient admin, int count) throws Exception {
        long pid = target.server().pid();
        int n = (int) Math.max(0, Math.min(count, (ProcessStats.maxOpenFiles(pid) - ProcessStats.openFds(pid)
                - IdleConnectionsBench.FD_MARGIN) / 2));
        List<ChildProcess> holders = new ArrayList<>();
        try {
            long current0 = current(admin);
            long rss0 = ProcessStats.rssKib(pid);
            long heap0 = ProcessStats.heapUsedAfterGcKib(pid);
            BsonDocument out = new BsonDocument("requested", new BsonInt32(count)).append("perKind", new BsonInt32(n))
                    .append("baseline", new BsonDocument("rssKib", new BsonInt64(rss0))
                            .append("heapUsedAfterGcKib", new BsonInt64(heap0)));
            BsonDocument plain = step(target, admin, holders, n, false, current0, rss0, heap0);
            out.append("plain", plain);
            BsonDocument tls = step(target, admin, holders, n, true, current0 + plain.getInt32("held").getValue(),
                    plain.getInt64("rssKib").getValue(), plain.getInt64("heapUsedAfterGcKib").getValue());
            out.append("tls", tls);
            IdleConnectionsBench.closeHolders(holders);
            return out;
        } finally {
            holders.forEach(ChildProcess::close);
        }
    }

    private BsonDocument step(RunningTarget target, MongoClient admin, List<ChildProcess> holders, int n,
                              boolean tls, long before, long rssBefore, long heapBefore) throws Exception {
        long pid = target.server().pid();
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(target.mainPort()), "--count",
                Integer.toString(n), "--main-port"));
        if (tls) {
            args.addAll(List.of("--tls-ca", target.security().caFile().toString()));
        }
        ChildProcess h = IdleConnectionsBench.startHolder(launch, "idle-" + (tls ? "tls" : "plain") + "-holder", args);
        holders.add(h);
        String[] parts = h.awaitLine("OPENED ", IdleConnectionsBench.OPEN_TIMEOUT_MILLIS).split(" ", 6);
        int held = Integer.parseInt(parts[1]);
        long settled = awaitCurrent(admin, before + held);
        long rss = ProcessStats.rssKib(pid);
        long heap = ProcessStats.heapUsedAfterGcKib(pid);
        BsonDocument d = new BsonDocument("held", new BsonInt32(held))
                .append("failedOpens", new BsonInt32(Integer.parseInt(parts[3])))
                .append("firstError", new BsonString(parts[5]))
                .append("serverSawAllMillis", new BsonInt64(settled))
                .append("rssKib", new BsonInt64(rss)).append("heapUsedAfterGcKib", new BsonInt64(heap))
                .append("rssDeltaPerConnKib", IdleConnectionsBench.perConn(rss - rssBefore, held))
                .append("heapDeltaPerConnKib", IdleConnectionsBench.perConn(heap - heapBefore, held))
                .append("residentPerConnKib", IdleConnectionsBench.perConn(rss - rssBefore + heap - heapBefore, held));
        System.out.printf("idleTls: %s held %d: +%.1f KiB/conn native, +%.1f KiB/conn heap%n", tls ? "TLS" : "plain",
                held, (rss - rssBefore) / (double) Math.max(1, held), (heap - heapBefore) / (double) Math.max(1, held));
        return d;
    }

    private static long current(MongoClient admin) {
        Document status = admin.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        return ((Number) status.get("connections", Document.class).get("current")).longValue();
    }

    /** Poll serverStatus until connections.current reaches {@code expected}; the wait in ms, or -1. */
    private static long awaitCurrent(MongoClient admin, long expected) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(SETTLE_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (current(admin) >= expected) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(20);
        }
        return -1;
    }
}
