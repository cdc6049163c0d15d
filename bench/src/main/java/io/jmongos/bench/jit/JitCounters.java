package io.jmongos.bench.jit;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;

import io.jmongos.bench.target.ProcessStats;

/**
 * A JVM's JIT compiler counters at one moment: methods compiled so far (C1 and C2, standard and OSR) and the
 * time its compiler threads spent compiling. Read from the perf data file, or through
 * {@code jcmd PerfCounter.print} when the file cannot be read.
 */
public record JitCounters(long compiles, double compileMillis) {
    /**
     * A JVM is settled when it compiles fewer methods per second than this. Under a steady load a warm HotSpot
     * still compiles now and then (recompiles after an uncommon trap, OSR); a cold one compiles hundreds per second.
     */
    public static final double SETTLED_COMPILES_PER_SECOND = 5;

    /** HotSpot counter: compilations done (sun.ci.totalCompiles). */
    static final String TOTAL_COMPILES = "sun.ci.totalCompiles";
    /** HotSpot counter: time spent compiling, in ticks of sun.os.hrt.frequency per second. */
    static final String TOTAL_TIME = "java.ci.totalTime";
    static final String TICKS_PER_SECOND = "sun.os.hrt.frequency";

    /** The counters of {@code pid}, or null when neither the perf data file nor jcmd gives them. */
    public static JitCounters of(long pid) {
        Map<String, Long> c;
        try {
            c = HsPerfData.longCounters(pid);
        } catch (IOException | RuntimeException e) {
            c = fromJcmd(pid);
        }
        return from(c);
    }

    static JitCounters from(Map<String, Long> c) {
        Long compiles = c.get(TOTAL_COMPILES);
        if (compiles == null) {
            return null;
        }
        long ticks = c.getOrDefault(TOTAL_TIME, 0L);
        long hz = c.getOrDefault(TICKS_PER_SECOND, 0L);
        return new JitCounters(compiles, hz > 0 ? ticks * 1000.0 / hz : 0);
    }

    private static Map<String, Long> fromJcmd(long pid) {
        Map<String, Long> out = new HashMap<>();
        for (String line : ProcessStats.jcmd(pid, "PerfCounter.print").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
                } catch (NumberFormatException e) {
                    continue;
                }
            }
        }
        return out;
    }

    /** The compiles and compile time from {@code earlier} to this. */
    public JitCounters minus(JitCounters earlier) {
        return new JitCounters(compiles - earlier.compiles, compileMillis - earlier.compileMillis);
    }

    public BsonDocument toBson() {
        return new BsonDocument("compiles", new BsonInt64(compiles))
                .append("compileMillis", new BsonDouble(Math.round(compileMillis * 10) / 10.0));
    }
}
