package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bson.BsonArray;
import org.bson.BsonDocument;

import io.jmongos.bench.stats.LoadRounds;

/** Evaluates the bars of issue 7 (and issue 5's index figure, issue 11's hop) on one run's results. */
public final class Bars {
    /** Issue 7: ping at 64 threads on the main port, at least 60% of the limit server's. */
    static final double PING_OF_LIMIT = 0.60;
    /** Issue 7: findOne by _id and insertOne at 64 threads, at least twice mongo-java-server's. */
    static final double TIMES_PEER = 2.0;
    /** Issue 7: the LB port with the client's PROXY header within 5% of the main port. */
    static final double LB_TOLERANCE = 0.05;
    /** Issue 7: idle LB connections under 30 KiB resident each. */
    static final double IDLE_KIB_PER_CONN = 30.0;
    /** Issue 7: disconnect cleanup p99 under 50 ms. */
    static final double CLEANUP_P99_MILLIS = 50.0;
    /** Issue 11: findOne through a router to a remote shard at least half the shard server's own, at 64 threads. */
    static final double HOP_OF_SHARD = 0.50;
    /** Issue 5: indexed find at least 50 times faster than unindexed on 1,000,000 documents. */
    static final double INDEX_RATIO = 50.0;
    static final int BAR_THREADS = 64;

    private Bars() {
    }

    public static List<Bar> evaluate(BenchResults r) {
        List<Bar> bars = new ArrayList<>();
        bars.add(ratio(r, "ping", "jmongos", "limit", PING_OF_LIMIT, "ping at 64 threads: jmongos / limit server",
                "≥ 60%", true));
        bars.add(ratio(r, "findOne", "jmongos", "mjs", TIMES_PEER, "findOne by _id at 64 threads: jmongos / "
                + "mongo-java-server", "≥ 2×", false));
        bars.add(ratio(r, "insert", "jmongos", "mjs", TIMES_PEER, "insertOne at 64 threads: jmongos / "
                + "mongo-java-server", "≥ 2×", false));
        bars.add(lbWithinTolerance(r));
        bars.add(ratio(r, "findOne", "cluster", "shardsvr", HOP_OF_SHARD, "issue 11: findOne by _id at 64 threads:"
                + " router -> remote shard (main port) / shard server alone", "≥ 50%", true));
        bars.add(idle(r));
        bars.add(cleanup(r));
        bars.add(index(r));
        return bars;
    }

    private static Bar ratio(BenchResults r, String scenario, String a, String b, double min, String name,
                             String required, boolean percent) {
        LoadRounds x = r.find(scenario, a, BAR_THREADS);
        LoadRounds y = r.find(scenario, b, BAR_THREADS);
        if (x == null || y == null || y.opsPerSec() == 0) {
            return new Bar(name, "not measured", required, null);
        }
        double q = x.opsPerSec() / y.opsPerSec();
        String measured = String.format(Locale.ROOT, percent ? "%.0f%% (%,.0f vs %,.0f ops/s)"
                : "%.2f× (%,.0f vs %,.0f ops/s)", percent ? q * 100 : q, x.opsPerSec(), y.opsPerSec());
        return new Bar(name, measured, required, q >= min);
    }

    /**
     * The LB bar on the medians of the rounds: met when jmongos-lb's median is at least 95% of the main port's
     * for every load. The measured text counts the loads below 95% and how many of those differ by more than
     * the rounds' spread ({@link LoadRounds#significant}).
     */
    private static Bar lbWithinTolerance(BenchResults r) {
        String name = "jmongos-lb (client PROXY header) vs jmongos main port, every scenario and thread count"
                + " (medians of the rounds)";
        String required = "≥ 95% of main-port ops/s";
        List<LbComparison> all = LbComparison.all(r);
        if (all.isEmpty()) {
            return new Bar(name, "not measured", required, null);
        }
        LbComparison worst = all.stream().min((a, b) -> Double.compare(a.ratio(), b.ratio())).orElseThrow();
        long below = all.stream().filter(c -> c.ratio() < 1 - LB_TOLERANCE).count();
        long belowSignificant = all.stream().filter(c -> c.ratio() < 1 - LB_TOLERANCE && c.significant()).count();
        String measured = String.format(Locale.ROOT, "worst %.1f%% (%s@%d%s) over %d loads; %d below 95%%, %d of"
                + " them by more than the spread of the rounds", worst.ratio() * 100, worst.scenario(),
                worst.threads(), worst.significant() ? ", significant" : ", within the spread", all.size(), below,
                belowSignificant);
        return new Bar(name, measured, required, worst.ratio() >= 1 - LB_TOLERANCE);
    }

    private static Bar idle(BenchResults r) {
        String name = "idle LB connections: resident memory per connection";
        BsonDocument idle = r.scale().getDocument("idle", null);
        if (idle == null || !idle.isArray("steps") || idle.getArray("steps").isEmpty()) {
            return new Bar(name, "not measured", "< 30 KiB at 20,000", null);
        }
        BsonArray steps = idle.getArray("steps");
        BsonDocument last = steps.get(steps.size() - 1).asDocument();
        double perConn = last.getDouble("residentPerConnKib").getValue();
        int held = last.getInt32("held").getValue();
        String measured = String.format(Locale.ROOT, "%.1f KiB/conn at %,d held (native RSS growth %.1f + live heap "
                + "%.1f); whole-process RSS / conns %.1f KiB", perConn, held,
                last.getDouble("rssDeltaPerConnKib").getValue(), last.getDouble("heapDeltaPerConnKib").getValue(),
                last.getDouble("rssTotalPerConnKib").getValue());
        return new Bar(name, measured, "< 30 KiB at 20,000", perConn < IDLE_KIB_PER_CONN);
    }

    private static Bar cleanup(BenchResults r) {
        String name = "disconnect cleanup p99 per client (cursor killed and transaction aborted)";
        BsonDocument c = r.scale().getDocument("cleanup", null);
        if (c == null || !c.containsKey("perClientP99Millis")) {
            return new Bar(name, "not measured", "< 50 ms", null);
        }
        double p99 = c.getDouble("perClientP99Millis").getValue();
        boolean all = c.getBoolean("allGone").getValue();
        String measured = String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms over %d clients%s",
                c.getDouble("perClientP50Millis").getValue(), p99, c.getInt32("clients").getValue(),
                all ? "" : " (NOT all cleaned up)");
        return new Bar(name, measured, "< 50 ms", all && p99 < CLEANUP_P99_MILLIS);
    }

    private static Bar index(BenchResults r) {
        String name = "issue 5: find by indexed field vs unindexed";
        BsonDocument x = r.scale().getDocument("index", null);
        if (x == null || !x.containsKey("ratioOfMedians")) {
            return new Bar(name, "not measured", "≥ 50× on 1,000,000 documents", null);
        }
        double q = x.getDouble("ratioOfMedians").getValue();
        long docs = x.getInt64("documents").getValue();
        String measured = String.format(Locale.ROOT, "%.0f× (%.3f ms vs %.1f ms) on %,d documents", q,
                x.getDocument("indexed").getDouble("p50Millis").getValue(),
                x.getDocument("unindexed").getDouble("p50Millis").getValue(), docs);
        return new Bar(name, measured, "≥ 50× on 1,000,000 documents", docs >= 1_000_000 ? q >= INDEX_RATIO : null);
    }
}
