package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.jmongos.bench.stats.LoadRounds;

/**
 * The hop of a router in front of a remote shard for one load: the shard server alone ({@code shardsvr}) beside
 * the router's main port ({@code cluster}) and LB port ({@code cluster-lb}), as ratios of the median ops/s and
 * as the p50 latency each router path adds per request. The embedded single process ({@code jmongos}) is shown
 * beside them when measured.
 */
public record HopComparison(String scenario, int threads, LoadRounds shard, LoadRounds router, LoadRounds routerLb,
                            LoadRounds embedded) {
    static final String SHARD = "shardsvr";
    static final String ROUTER = "cluster";
    static final String ROUTER_LB = "cluster-lb";
    static final String EMBEDDED = "jmongos";

    /** Every load measured on the shard server and on at least one router path, in run order. */
    public static List<HopComparison> all(BenchResults r) {
        List<HopComparison> out = new ArrayList<>();
        for (LoadRounds shard : r.loads()) {
            if (!shard.target().equals(SHARD) || shard.opsPerSec() == 0) {
                continue;
            }
            LoadRounds router = r.find(shard.scenario(), ROUTER, shard.threads());
            LoadRounds routerLb = r.find(shard.scenario(), ROUTER_LB, shard.threads());
            if (router != null || routerLb != null) {
                out.add(new HopComparison(shard.scenario(), shard.threads(), shard, router, routerLb,
                        r.find(shard.scenario(), EMBEDDED, shard.threads())));
            }
        }
        return out;
    }

    /** The table of every load with both (nothing when the run measured none). */
    static void append(StringBuilder md, BenchResults r) {
        List<HopComparison> all = all(r);
        if (all.isEmpty()) {
            return;
        }
        md.append("#### Router -> remote shard vs the shard server alone (medians of the rounds; p50 over all"
                        + " rounds)\n\n")
                .append("| scenario | threads | shardsvr ops/s | cluster ops/s (of shardsvr) | cluster-lb ops/s (of"
                        + " shardsvr) | jmongos embedded ops/s | p50 shardsvr µs | p50 cluster µs (added) | p50"
                        + " cluster-lb µs (added) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (HopComparison c : all) {
            md.append("| ").append(c.scenario()).append(" | ").append(c.threads()).append(" | ")
                    .append(LoadTables.throughput(c.shard())).append(" | ").append(ofShard(c, c.router()))
                    .append(" | ").append(ofShard(c, c.routerLb())).append(" | ")
                    .append(c.embedded() == null ? "–" : LoadTables.throughput(c.embedded())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", c.shard().p50Micros())).append(" | ")
                    .append(added(c, c.router())).append(" | ").append(added(c, c.routerLb())).append(" |\n");
        }
        md.append("\nThe added p50 is the router path's p50 minus the shard server's at the same load: the cost of the"
                + " hop per request (a second round trip over loopback, the router's decode and encode, and the three"
                + " JVMs sharing the cores with the client).\n\n");
    }

    /** The router's share of the shard server's ops/s (1.0 = as fast as the shard alone). */
    public double ratio(LoadRounds routerPath) {
        return routerPath.opsPerSec() / shard.opsPerSec();
    }

    /** µs the router path adds to the shard server's p50. */
    public double addedP50Micros(LoadRounds routerPath) {
        return routerPath.p50Micros() - shard.p50Micros();
    }

    private static String ofShard(HopComparison c, LoadRounds routerPath) {
        if (routerPath == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%s (%.0f%%)", LoadTables.throughput(routerPath),
                100 * c.ratio(routerPath));
    }

    private static String added(HopComparison c, LoadRounds routerPath) {
        if (routerPath == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,.0f (%+,.0f)", routerPath.p50Micros(), c.addedP50Micros(routerPath));
    }
}
