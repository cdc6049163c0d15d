package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;


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
        durations(md, meta);
        targets(md, r);
        md.append("#### Bars\n\n| bar | measured | required | verdict |\n|---|---|---|---|\n");
        for (Bar b : bars) {
            md.append("| ").append(b.name()).append(" | ").append(b.measured()).append(" | ").append(b.required())
                    .append(" | ").append(b.verdict()).append(" |\n");
        }
        md.append('\n');
        LoadTables.append(md, r);
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
                + " back in rounds, in an order that rotates from round to round. The three jmongos targets share one"
                + " jmongos process; cluster and cluster-lb share one router, which reaches its own shard server (a"
                + " process apart from the shardsvr target). All JVM flags as the targets ran (jcmd VM.flags) are in"
                + " the JSON file.\n\n");
        notes.forEach(n -> md.append("- ").append(cell(n)).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
        }
    }

    private static void durations(StringBuilder md, BsonDocument meta) {
        md.append("Method: ");
        BsonDocument w = meta.getDocument("jitWarmup", null);
        if (w != null) {
            md.append("the targets' JIT was warmed up for ").append(str(w, "seconds")).append(" s (")
                    .append(str(w, "cycles")).append(" cycles of ").append(str(w, "burstMillis"))
                    .append(" ms bursts of every scenario on every target at ").append(str(w, "threads"))
                    .append(" threads; ").append(w.getBoolean("settled").getValue() ? "settled" : "**not settled**")
                    .append(", last cycle ").append(JitSummary.rates(w)).append("); ");
        }
        md.append("then per load ").append(str(meta, "rounds")).append(" rounds, each one window per target back to")
                .append(" back (order rotating): warm-up ").append(str(meta, "warmupMillis")).append(" ms, measured ")
                .append(str(meta, "measureMillis")).append(" ms. Throughput is the median round, [min–max] over")
                .append(" the rounds; latencies are over every operation of all rounds. Items collection ")
                .append(str(meta, "items")).append(" documents.  \n");
        BsonDocument during = meta.getDocument("jitDuringLoads", null);
        if (during != null) {
            md.append("JIT compiles during the measured loads (after the warm-up): ")
                    .append(JitSummary.compiles(during)).append('\n');
        }
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
