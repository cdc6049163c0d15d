package io.jmongos.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** One-line summaries of the JIT figures of a run (warm-up rates, compiles during the measured loads). */
final class JitSummary {
    private JitSummary() {
    }

    /** "jmongos 1.0 compiles/s (0.5% of a core), ..." from the warm-up's last cycle. */
    static String rates(BsonDocument warmup) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : warmup.getDocument("processes", new BsonDocument()).entrySet()) {
            BsonDocument p = e.getValue().asDocument();
            parts.add(String.format(Locale.ROOT, "%s %.1f compiles/s (%.1f%% of a core)", e.getKey(),
                    number(p, "lastCycleCompilesPerSec"), number(p, "lastCycleCompilerBusyPercent")));
        }
        return String.join(", ", parts);
    }

    private static double number(BsonDocument d, String key) {
        BsonValue v = d.get(key);
        return v != null && v.isNumber() ? v.asNumber().doubleValue() : Double.NaN;
    }

    /** "jmongos 12 (0.3 s compiling), ..." per watched JVM. */
    static String compiles(BsonDocument during) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : during.entrySet()) {
            BsonDocument d = e.getValue().asDocument();
            if (!d.containsKey("compiles")) {
                parts.add(e.getKey() + " unknown");
                continue;
            }
            parts.add(String.format(Locale.ROOT, "%s %,d (%.1f s compiling)", e.getKey(),
                    d.getNumber("compiles").longValue(), d.getNumber("compileMillis").doubleValue() / 1000));
        }
        return String.join(", ", parts);
    }
}
