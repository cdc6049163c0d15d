package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.bench.stats.LoadRounds;

/**
 * jmongos-lb beside the jmongos main port for one load (same process, same per-request path): the ratio of
 * their median ops/s and whether the difference is larger than the spread of the rounds.
 */
public record LbComparison(String scenario, int threads, LoadRounds main, LoadRounds lb, double ratio,
                           boolean significant) {
    static final String MAIN = "jmongos";
    static final String LB = "jmongos-lb";

    /** Every load measured on both targets, in run order. */
    public static List<LbComparison> all(BenchResults r) {
        List<LbComparison> out = new ArrayList<>();
        for (LoadRounds main : r.loads()) {
            if (!main.target().equals(MAIN) || main.opsPerSec() == 0) {
                continue;
            }
            LoadRounds lb = r.find(main.scenario(), LB, main.threads());
            if (lb != null) {
                out.add(new LbComparison(main.scenario(), main.threads(), main, lb,
                        lb.opsPerSec() / main.opsPerSec(), LoadRounds.significant(main, lb)));
            }
        }
        return out;
    }
}
