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

    /** "jmongos 1.0, mjs 0.0, ... compiles/s" from the warm-up's last cycle. */
    static String rates(BsonDocument warmup) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : warmup.getDocument("processes", new BsonDocument()).entrySet()) {
            BsonValue rate = e.getValue().asDocument().get("lastCycleCompilesPerSec");
            parts.add(e.getKey() + " " + (rate == null ? "?" : String.format(Locale.ROOT, "%.1f",
                    rate.asNumber().doubleValue())));
        }
        return String.join(", ", parts) + " compiles/s";
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
