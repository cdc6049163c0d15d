package io.jmongos.bench.report;

import static io.jmongos.bench.report.LoadTablesTest.results;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jmongos.bench.stats.LatencyHistogram;
import io.jmongos.bench.stats.LoadResult;
import io.jmongos.bench.stats.LoadRounds;
import io.jmongos.bench.target.TargetKind;

/** The router -> remote shard table and bar: shares of the shard server's ops/s and the p50 each path adds. */
class HopComparisonTest {

    /** One round of {@code ops} operations of {@code micros} µs each in one second. */
    private static LoadRounds load(String scenario, String target, int threads, long ops, long micros) {
        LatencyHistogram h = new LatencyHistogram();
        for (long i = 0; i < ops; i++) {
            h.record(micros * 1000);
        }
        return LoadRounds.of(List.of(LoadResult.of(scenario, target, threads, h, 0, 1.0, null)), List.of(h), 0);
    }

    @Test
    void tableShowsEachRouterPathAsAShareOfTheShardAndTheP50ItAdds() {
        BenchResults r = results(load("findOne", "shardsvr", 64, 1000, 100), load("findOne", "cluster", 64, 600, 160),
                load("findOne", "cluster-lb", 64, 500, 200), load("findOne", "jmongos", 64, 1200, 90),
                load("ping", "jmongos", 64, 3000, 50));
        StringBuilder md = new StringBuilder();
        HopComparison.append(md, r);
        assertThat(md.toString()).contains("| findOne | 64 | 1,000 | 600 (60%) | 500 (50%) | 1,200 | 100 | 160 (+60)"
                + " | 200 (+100) |").doesNotContain("| ping |");
        assertThat(HopComparison.all(r)).hasSize(1);
    }

    @Test
    void nothingWithoutTheShardServer() {
        StringBuilder md = new StringBuilder();
        HopComparison.append(md, results(load("findOne", "cluster", 64, 600, 160)));
        assertThat(md.toString()).isEmpty();
    }

    @Test
    void hopBarNeedsHalfTheShardServersFindOneAt64Threads() {
        Bar met = hopBar(results(load("findOne", "shardsvr", 64, 1000, 100), load("findOne", "cluster", 64, 500, 1)));
        assertThat(met.met()).isTrue();
        assertThat(met.measured()).isEqualTo("50% (500 vs 1,000 ops/s)");
        assertThat(hopBar(results(load("findOne", "shardsvr", 64, 1000, 100), load("findOne", "cluster", 64, 499,
                1))).met()).isFalse();
        assertThat(hopBar(results(load("findOne", "shardsvr", 8, 1000, 100))).met()).isNull();
    }

    @Test
    void shardAndClusterTargetsMeasureOnlyTheHopScenarios() {
        for (TargetKind k : List.of(TargetKind.SHARDSVR, TargetKind.CLUSTER, TargetKind.CLUSTER_LB)) {
            assertThat(List.of("ping", "insert", "findOne", "find100")).allMatch(k::measures);
            assertThat(List.of("update", "txn", "mixed", "connect")).noneMatch(k::measures);
        }
        assertThat(TargetKind.JMONGOS.measures("txn")).isTrue();
        assertThat(TargetKind.CLUSTER_LB.loadBalanced()).isTrue();
        assertThat(TargetKind.CLUSTER_LB.clientWritesProxyHeader()).isTrue();
        assertThat(TargetKind.CLUSTER.isJmongos()).isFalse();
        assertThat(TargetKind.CLUSTER.runsJmongos()).isTrue();
    }

    private static Bar hopBar(BenchResults r) {
        return Bars.evaluate(r).stream().filter(b -> b.name().startsWith("issue 11")).findFirst().orElseThrow();
    }
}
