package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.jmongos.bench.cpu.CpuUse;
import io.jmongos.bench.stats.LoadRounds;

/**
 * The markdown tables of the load scenarios: throughput (median round, [min–max] over the rounds), latency
 * (over all rounds), jmongos-lb beside the main port with the significance of each difference, and the router ->
 * remote shard paths beside the shard server alone.
 */
final class LoadTables {
    private LoadTables() {
    }

    static void append(StringBuilder md, BenchResults r) {
        List<String> targets = r.targetOrder().stream()
                .filter(t -> r.loads().stream().anyMatch(l -> l.target().equals(t))).toList();
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (LoadRounds l : r.loads()) {
            List<Integer> threads = rows.computeIfAbsent(l.scenario(), k -> new ArrayList<>());
            if (!threads.contains(l.threads())) {
                threads.add(l.threads());
            }
        }
        md.append("#### Throughput (operations per second: median round [min–max over the rounds])\n\n");
        header(md, targets);
        rows.forEach((scenario, threads) -> threads.forEach(n -> {
            md.append("| ").append(scenario).append(" | ").append(n).append(" |");
            for (String t : targets) {
                LoadRounds l = r.find(scenario, t, n);
                md.append(' ').append(l == null ? "–" : throughput(l))
                        .append(l != null && l.errors() > 0 ? " (" + l.errors() + " err)" : "").append(" |");
            }
            md.append('\n');
        }));
        md.append("\n#### CPU per operation (µs of CPU per operation over all rounds' measured windows: target's"
                + " processes / load generator)\n\n");
        header(md, targets);
        rows.forEach((scenario, threads) -> threads.forEach(n -> {
            md.append("| ").append(scenario).append(" | ").append(n).append(" |");
            for (String t : targets) {
                md.append(' ').append(cpuCell(r, scenario, t, n)).append(" |");
            }
            md.append('\n');
        }));
        md.append("\n#### Latency p50 / p99 / p99.9 (µs, every operation of all rounds)\n\n");
        header(md, targets);
        rows.forEach((scenario, threads) -> threads.forEach(n -> {
            md.append("| ").append(scenario).append(" | ").append(n).append(" |");
            for (String t : targets) {
                LoadRounds l = r.find(scenario, t, n);
                md.append(' ').append(l == null ? "–" : String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f",
                        l.p50Micros(), l.p99Micros(), l.p999Micros())).append(" |");
            }
            md.append('\n');
        }));
        md.append('\n');
        lbVersusMain(md, r);
        HopComparison.append(md, r);
        SecurityComparison.append(md, r);
    }

    /** "target / load generator" µs per operation; "–" when the load did not run, "n/a" when /proc could not tell. */
    static String cpuCell(BenchResults r, String scenario, String target, int threads) {
        if (r.find(scenario, target, threads) == null) {
            return "–";
        }
        CpuUse c = r.cpu(scenario, target, threads);
        return c == null ? CpuUse.UNKNOWN : c.cell();
    }

    static String throughput(LoadRounds l) {
        if (l.rounds().size() == 1) {
            return String.format(Locale.ROOT, "%,.0f", l.opsPerSec());
        }
        return String.format(Locale.ROOT, "%,.0f [%,.0f–%,.0f]", l.opsPerSec(), l.minOpsPerSec(), l.maxOpsPerSec());
    }

    private static void header(StringBuilder md, List<String> targets) {
        md.append("| scenario | threads |");
        targets.forEach(t -> md.append(' ').append(t).append(" |"));
        md.append("\n|---|---:|").append("---:|".repeat(targets.size())).append('\n');
    }

    /**
     * lb / main of each round (the two windows of a round ran back to back, so they saw the same machine),
     * e.g. "97%, 102%, 99%".
     */
    static String perRound(LbComparison c) {
        List<String> out = new ArrayList<>();
        int n = Math.min(c.main().rounds().size(), c.lb().rounds().size());
        for (int i = 0; i < n; i++) {
            double main = c.main().rounds().get(i).opsPerSec();
            out.add(main == 0 ? "–" : String.format(Locale.ROOT, "%.0f%%",
                    100 * c.lb().rounds().get(i).opsPerSec() / main));
        }
        return String.join(", ", out);
    }

    /**
     * One row per load measured on both: the two medians with their ranges, the ratio, and whether the
     * difference is larger than the larger of the two spreads (the same process serves both, so a significant
     * difference is a cost of the LB path, and one within the spread is noise).
     */
    private static void lbVersusMain(StringBuilder md, BenchResults r) {
        List<LbComparison> all = LbComparison.all(r);
        if (all.isEmpty()) {
            return;
        }
        md.append("#### jmongos-lb vs jmongos main port (one process; medians of the rounds)\n\n")
                .append("| scenario | threads | jmongos | jmongos-lb | lb / main | difference vs spread | lb / main per"
                        + " round |\n")
                .append("|---|---:|---:|---:|---:|---|---|\n");
        for (LbComparison c : all) {
            double diff = Math.abs(c.lb().opsPerSec() - c.main().opsPerSec());
            double spread = Math.max(c.lb().spread(), c.main().spread());
            md.append("| ").append(c.scenario()).append(" | ").append(c.threads()).append(" | ")
                    .append(throughput(c.main())).append(" | ").append(throughput(c.lb())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f%%", c.ratio() * 100)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f vs %,.0f: %s", diff, spread,
                            c.significant() ? "**significant**" : "within the spread")).append(" | ")
                    .append(perRound(c)).append(" |\n");
        }
        md.append('\n');
    }
}
