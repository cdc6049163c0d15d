package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.bench.stats.LoadResult;

/** The markdown of one run: machine, targets, bars, throughput and latency tables, scale figures. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(BenchResults r, List<Bar> bars) {
        StringBuilder md = new StringBuilder();
        BsonDocument meta = r.meta();
        BsonDocument m = meta.getDocument("machine");
        md.append("### Run ").append(str(meta, "runId")).append(" (").append(str(meta, "mode")).append(")\n\n");
        md.append("Command: `").append(str(meta, "command")).append("`  \n");
        md.append("Machine: ").append(str(m, "host")).append(", ").append(m.getInt32("nproc").getValue())
                .append(" cores (").append(str(m, "cpuModel")).append("), ").append(str(m, "memTotal"))
                .append(" RAM, Linux ").append(str(m, "kernel")).append(", ").append(str(m, "jvm")).append("  \n");
        md.append("Load average (1/5/15 min): ").append(str(m, "loadAverageAtStart")).append(" at start, ")
                .append(str(meta, "loadAverageAtEnd")).append(" at end; wall time ")
                .append(str(meta, "wallSeconds")).append(" s  \n");
        md.append("Durations: per target a warm pass of ").append(str(meta, "warmPassMillis"))
                .append(" ms per scenario at the highest thread count, then per load a warm-up of ")
                .append(str(meta, "warmupMillis")).append(" ms and a measured window of ")
                .append(str(meta, "measureMillis")).append(" ms; items collection ")
                .append(str(meta, "items")).append(" documents\n\n");
        targets(md, r);
        md.append("#### Bars\n\n| bar | measured | required | verdict |\n|---|---|---|---|\n");
        for (Bar b : bars) {
            md.append("| ").append(b.name()).append(" | ").append(b.measured()).append(" | ").append(b.required())
                    .append(" | ").append(b.verdict()).append(" |\n");
        }
        md.append('\n');
        tables(md, r);
        unsupported(md, r);
        ScaleMarkdown.append(md, r.scale());
        problems(md, r);
        return md.toString();
    }

    private static void targets(StringBuilder md, BenchResults r) {
        md.append("#### Targets\n\n| target | process | JVM flags given |\n|---|---|---|\n");
        List<String> notes = new ArrayList<>();
        for (String id : r.targetOrder()) {
            BsonDocument t = r.targets().getDocument(id);
            String proc = t.containsKey("launch") ? "process `" + str(t, "process") + "`: " + str(t, "launch")
                    : "java -cp (bench class path)";
            if (t.containsKey("haproxy")) {
                proc += "; " + str(t.getDocument("haproxy"), "version");
            }
            List<String> flags = new ArrayList<>();
            if (t.isArray("jvmFlagsGiven")) {
                t.getArray("jvmFlagsGiven").forEach(v -> flags.add(v.asString().getValue()));
            }
            md.append("| ").append(id).append(" | ").append(proc).append(" | `").append(String.join(" ", flags))
                    .append("` |\n");
            if (t.containsKey("note")) {
                notes.add(id + ": " + str(t, "note"));
            }
        }
        md.append("\nAll targets run at the same time; for each scenario and thread count they are measured back to"
                + " back, in an order that rotates from load to load. The three jmongos targets share one jmongos"
                + " process. All JVM flags as the targets ran (jcmd VM.flags) are in the JSON file.\n\n");
        notes.forEach(n -> md.append("- ").append(cell(n)).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
        }
    }

    private static void tables(StringBuilder md, BenchResults r) {
        List<String> targets = r.targetOrder().stream()
                .filter(t -> r.loads().stream().anyMatch(l -> l.target().equals(t))).toList();
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (LoadResult l : r.loads()) {
            List<Integer> threads = rows.computeIfAbsent(l.scenario(), k -> new ArrayList<>());
            if (!threads.contains(l.threads())) {
                threads.add(l.threads());
            }
        }
        md.append("#### Throughput (operations per second)\n\n| scenario | threads |");
        targets.forEach(t -> md.append(' ').append(t).append(" |"));
        md.append("\n|---|---:|").append("---:|".repeat(targets.size())).append('\n');
        rows.forEach((scenario, threads) -> threads.forEach(n -> {
            md.append("| ").append(scenario).append(" | ").append(n).append(" |");
            for (String t : targets) {
                LoadResult l = r.find(scenario, t, n);
                md.append(' ').append(l == null ? "–" : String.format(Locale.ROOT, "%,.0f", l.opsPerSec()))
                        .append(l != null && l.errors() > 0 ? " (" + l.errors() + " err)" : "").append(" |");
            }
            md.append('\n');
        }));
        md.append("\n#### Latency p50 / p99 / p99.9 (µs)\n\n| scenario | threads |");
        targets.forEach(t -> md.append(' ').append(t).append(" |"));
        md.append("\n|---|---:|").append("---:|".repeat(targets.size())).append('\n');
        rows.forEach((scenario, threads) -> threads.forEach(n -> {
            md.append("| ").append(scenario).append(" | ").append(n).append(" |");
            for (String t : targets) {
                LoadResult l = r.find(scenario, t, n);
                md.append(' ').append(l == null ? "–" : String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f",
                        l.p50Micros(), l.p99Micros(), l.p999Micros())).append(" |");
            }
            md.append('\n');
        }));
        md.append('\n');
    }

    private static void unsupported(StringBuilder md, BenchResults r) {
        if (r.unsupported().isEmpty()) {
            return;
        }
        md.append("#### Not run (target does not support the workload)\n\n")
                .append("| target | scenario | reason |\n|---|---|---|\n");
        for (BsonValue v : r.unsupported()) {
            BsonDocument d = v.asDocument();
            md.append("| ").append(str(d, "target")).append(" | ").append(str(d, "scenario")).append(" | ")
                    .append(cell(str(d, "reason"))).append(" |\n");
        }
        md.append('\n');
    }

    private static void problems(StringBuilder md, BenchResults r) {
        BsonArray p = r.problems();
        if (p.isEmpty()) {
            return;
        }
        md.append("#### Problems during the run\n\n");
        for (BsonValue v : p) {
            md.append("- ").append(str(v.asDocument(), "where")).append(": ").append(cell(str(v.asDocument(), "what")))
                    .append('\n');
        }
        md.append('\n');
    }

    static String cell(String s) {
        String one = s.replace('\n', ' ').replace("|", "\\|");
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }

    static String str(BsonDocument d, String key) {
        BsonValue v = d.get(key);
        if (v == null || v.isNull()) {
            return "–";
        }
        if (v.isString()) {
            return v.asString().getValue();
        }
        if (v.isDouble()) {
            return String.format(Locale.ROOT, "%,.1f", v.asDouble().getValue());
        }
        if (v.isInt32() || v.isInt64()) {
            return String.format(Locale.ROOT, "%,d", v.asNumber().longValue());
        }
        return v.toString();
    }
}
