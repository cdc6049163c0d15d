package io.jmongos.bench.scale;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.Document;

import com.mongodb.client.MongoClient;

import io.jmongos.bench.driver.DriverClients;
import io.jmongos.bench.load.LoadRunner;
import io.jmongos.bench.scenario.PingScenario;
import io.jmongos.bench.scenario.ScenarioContext;
import io.jmongos.bench.stats.LoadResult;
import io.jmongos.bench.target.ChildProcess;
import io.jmongos.bench.target.LaunchConfig;
import io.jmongos.bench.target.ProcessStats;
import io.jmongos.bench.target.RunningTarget;

/**
 * Idle connections on the LB port: hold 10,000 then 20,000 connections (PROXY v2 header + hello
 * loadBalanced:true, then silence) opened by holder processes, and report the target's resident memory and
 * heap (after a full GC) per connection, and ping latency from an active LB client while they are held.
 * The number held is capped by the target's RLIMIT_NOFILE (reported when it applies).
 */
public final class IdleConnectionsBench {
    /** Connections per holder process (each holder needs one descriptor per connection). */
    static final int PER_HOLDER = 10_000;
    /** Descriptors left free in the target for its own files, listeners and the active clients. */
    static final int FD_MARGIN = 64;
    static final long OPEN_TIMEOUT_MILLIS = 300_000;
    static final long SETTLE_TIMEOUT_MILLIS = 60_000;
    static final List<String> HOLDER_JVM_FLAGS = List.of("-Xmx384m", "-Xss256k", "-XX:+UseSerialGC");
    /**
     * The measured jmongos touches its whole heap at start, so RSS growth is native memory only (heap pages
     * first touched by unrelated allocation would otherwise show up as per-connection cost); the heap's share
     * is measured apart, as live heap after a full GC.
     */
    public static final List<String> TARGET_EXTRA_FLAGS = List.of("-XX:+AlwaysPreTouch");

    private final LaunchConfig launch;
    private final DriverClients clients;
    private final LoadRunner.Timing pingTiming;

    public IdleConnectionsBench(LaunchConfig launch, DriverClients clients, LoadRunner.Timing pingTiming) {
        this.launch = launch;
        this.clients = clients;
        this.pingTiming = pingTiming;
    }

    /** Run on a jmongos target started as {@code jmongos-lb} (its client port is the LB port). */
    public BsonDocument run(RunningTarget target, List<Integer> steps) throws Exception {
        long pid = target.server().pid();
        List<ChildProcess> holders = new ArrayList<>();
        BsonArray stepResults = new BsonArray();
        try (MongoClient ping = clients.create(target); MongoClient admin = clients.createAdmin(target)) {
            ScenarioContext ctx = new ScenarioContext(target, ping, 100);
            var op = new PingScenario().operation(ctx);
            LoadRunner.run("idle-warmup", target.kind().id(), 1, pingTiming, op);
            LoadResult base = LoadRunner.run("idle-ping-0", target.kind().id(), 1, pingTiming, op);
            long rss0 = ProcessStats.rssKib(pid);
            long heap0 = ProcessStats.heapUsedAfterGcKib(pid);
            BsonDocument baseline = new BsonDocument("rssKib", new BsonInt64(rss0))
                    .append("heapUsedAfterGcKib", new BsonInt64(heap0))
                    .append("openFds", new BsonInt64(ProcessStats.openFds(pid)))
                    .append("threads", new BsonInt64(ProcessStats.threads(pid)))
                    .append("ping", base.toBson());
            int held = 0;
            for (int want : steps) {
                long fdRoom = ProcessStats.maxOpenFiles(pid) - ProcessStats.openFds(pid) - FD_MARGIN;
                int target0 = (int) Math.min(want, held + Math.max(0, fdRoom));
                String cap = target0 < want ? "target RLIMIT_NOFILE " + ProcessStats.maxOpenFiles(pid)
                        + " (hard limit, not raisable here) leaves room for " + target0 : null;
                int failed = 0;
                String firstError = null;
                while (held < target0) {
                    int n = Math.min(PER_HOLDER, target0 - held);
                    ChildProcess h = startHolder(target.clientPort(), n, holders.size());
                    holders.add(h);
                    String line = h.awaitLine("OPENED ", OPEN_TIMEOUT_MILLIS);
                    String[] parts = line.split(" ", 6);
                    int opened = Integer.parseInt(parts[1]);
                    failed += Integer.parseInt(parts[3]);
                    if (firstError == null && !"-".equals(parts[5])) {
                        firstError = parts[5];
                    }
                    held += opened;
                    if (opened < n) {
                        break;
                    }
                }
                long settleMillis = awaitLoadBalancedConnections(admin, held);
                LoadResult p = LoadRunner.run("idle-ping-" + held, target.kind().id(), 1, pingTiming, op);
                long rss = ProcessStats.rssKib(pid);
                long heap = ProcessStats.heapUsedAfterGcKib(pid);
                stepResults.add(new BsonDocument("requested", new BsonInt32(want))
                        .append("held", new BsonInt32(held))
                        .append("failedOpens", new BsonInt32(failed))
                        .append("firstError", firstError == null ? BsonNull.VALUE : new BsonString(firstError))
                        .append("cappedBy", cap == null ? BsonNull.VALUE : new BsonString(cap))
                        .append("serverSawAllMillis", new BsonInt64(settleMillis))
                        .append("rssKib", new BsonInt64(rss))
                        .append("heapUsedAfterGcKib", new BsonInt64(heap))
                        .append("openFds", new BsonInt64(ProcessStats.openFds(pid)))
                        .append("threads", new BsonInt64(ProcessStats.threads(pid)))
                        .append("rssDeltaPerConnKib", perConn(rss - rss0, held))
                        .append("rssTotalPerConnKib", perConn(rss, held))
                        .append("heapDeltaPerConnKib", perConn(heap - heap0, held))
                        .append("residentPerConnKib", perConn(rss - rss0 + heap - heap0, held))
                        .append("ping", p.toBson()));
                System.out.printf("idle: held %d rss %d KiB (+%.1f KiB/conn native) heap %d KiB (+%.1f KiB/conn) "
                        + "ping p99 %.0f us%n", held, rss, (rss - rss0) / (double) Math.max(1, held), heap,
                        (heap - heap0) / (double) Math.max(1, held), p.p99Micros());
            }
            long closeStart = System.nanoTime();
            closeHolders(holders);
            long goneMillis = awaitLoadBalancedConnections(admin, 0);
            return new BsonDocument("baseline", baseline).append("steps", stepResults)
                    .append("afterCloseAllGoneMillis", new BsonInt64(goneMillis))
                    .append("closeTotalMillis", new BsonInt64(
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart)))
                    .append("rssAfterCloseKib", new BsonInt64(ProcessStats.rssKib(pid)));
        } finally {
            holders.forEach(ChildProcess::close);
        }
    }

    private ChildProcess startHolder(int port, int count, int index) throws IOException {
        return startHolder(launch, "idle-holder-" + index, List.of("--port", Integer.toString(port), "--count",
                Integer.toString(count)));
    }

    /** A holder process ({@link IdleHolderMain}) named {@code name} with {@code args}. */
    static ChildProcess startHolder(LaunchConfig launch, String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launch.javaBin());
        cmd.addAll(HOLDER_JVM_FLAGS);
        cmd.addAll(List.of("-cp", launch.classpath(), IdleHolderMain.class.getName()));
        cmd.addAll(args);
        return ChildProcess.start(name, cmd, launch.runDir().resolve(name + ".log"));
    }

    static void closeHolders(List<ChildProcess> holders) throws IOException, InterruptedException {
        for (ChildProcess h : holders) {
            h.send("close");
        }
        for (ChildProcess h : holders) {
            if (!h.awaitExit(SETTLE_TIMEOUT_MILLIS)) {
                h.close();
            }
        }
    }

    /**
     * Poll serverStatus until connections.loadBalanced (minus the active LB client) reaches {@code expected}
     * idle LB connections; returns the wait in ms, or -1 when the count is not reported or never reached.
     */
    static long awaitLoadBalancedConnections(MongoClient admin, int expected) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(SETTLE_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            Document status = admin.getDatabase("admin").runCommand(new Document("serverStatus", 1));
            Document conns = status.get("connections", Document.class);
            if (conns == null || !(conns.get("loadBalanced") instanceof Number lb)) {
                return -1;
            }
            long idle = lb.longValue() - 1;
            if (expected == 0 ? idle <= 0 : idle >= expected) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(20);
        }
        return -1;
    }

    static BsonDouble perConn(long kib, int held) {
        return new BsonDouble(held == 0 ? 0 : Math.round(kib * 100.0 / held) / 100.0);
    }
}
