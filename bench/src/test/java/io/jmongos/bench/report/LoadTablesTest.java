package io.jmongos.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import io.jmongos.bench.cpu.CpuUse;
import io.jmongos.bench.stats.LatencyHistogram;
import io.jmongos.bench.stats.LoadResult;
import io.jmongos.bench.stats.LoadRounds;

class LoadTablesTest {

    /** A load whose rounds did {@code opsPerRound[i]} operations of 100 µs in one second each. */
    static LoadRounds load(String scenario, String target, int threads, long... opsPerRound) {
        List<LoadResult> rounds = new ArrayList<>();
        List<LatencyHistogram> histograms = new ArrayList<>();
        for (long ops : opsPerRound) {
            LatencyHistogram h = new LatencyHistogram();
            for (long i = 0; i < ops; i++) {
                h.record(100_000);
            }
            rounds.add(LoadResult.of(scenario, target, threads, h, 0, 1.0, null));
            histograms.add(h);
        }
        return LoadRounds.of(rounds, histograms, 0);
    }

    static BenchResults results(LoadRounds... loads) {
        BenchResults r = new BenchResults(new BsonDocument("runId", new BsonString("test")));
        for (LoadRounds l : loads) {
            r.target(l.target(), new BsonDocument());
            r.addLoad(l);
        }
        return r;
    }

    @Test
    void throughputCellsShowTheMedianAndTheRangeOfTheRounds() {
        BenchResults r = results(load("ping", "jmongos", 64, 1000, 3000, 2000),
                load("ping", "jmongos-lb", 64, 1900, 2100, 2000), load("ping", "limit", 64, 4000));
        StringBuilder md = new StringBuilder();
        LoadTables.append(md, r);
        String text = md.toString();
        assertThat(text).contains("| scenario | threads | jmongos | jmongos-lb | limit |")
                .contains("| ping | 64 | 2,000 [1,000–3,000] | 2,000 [1,900–2,100] | 4,000 |")
                .contains("| ping | 64 | 100 / 100 / 100 | 100 / 100 / 100 | 100 / 100 / 100 |");
    }

    @Test
    void cpuTableShowsTargetAndLoadGeneratorMicrosPerOperationOrNa() {
        LoadRounds a = load("ping", "jmongos", 1, 1000);
        LoadRounds b = load("ping", "limit", 1, 2000);
        BenchResults r = results(a, b);
        r.addCpu(a, new CpuUse(Map.of("jmongos", 5L), 3, 1000, 100));
        r.addCpu(b, new CpuUse(Map.of("limit", -1L), 4, 2000, 100));
        StringBuilder md = new StringBuilder();
        LoadTables.append(md, r);
        assertThat(md.toString()).contains("#### CPU per operation")
                .contains("| ping | 1 | 50.0 / 30.0 | n/a / 20.0 |");
        assertThat(r.toBson(List.of()).getArray("loads").get(0).asDocument().getDocument("cpu")
                .getDouble("serverMicrosPerOp").getValue()).isEqualTo(50.0);
    }

    @Test
    void lbTableSaysWhetherEachDifferenceIsLargerThanTheSpread() {
        BenchResults r = results(load("ping", "jmongos", 8, 1000, 1010, 1020),
                load("ping", "jmongos-lb", 8, 960, 990, 1000), load("findOne", "jmongos", 8, 1000, 1010, 1020),
                load("findOne", "jmongos-lb", 8, 800, 810, 830));
        StringBuilder md = new StringBuilder();
        LoadTables.append(md, r);
        assertThat(md.toString())
                .contains("| ping | 8 | 1,010 [1,000–1,020] | 990 [960–1,000] | 98.0% | 20 vs 40: within the spread"
                        + " | 96%, 98%, 98% |")
                .contains("| findOne | 8 | 1,010 [1,000–1,020] | 810 [800–830] | 80.2% | 200 vs 30: **significant**"
                        + " | 80%, 80%, 81% |");
    }
}
