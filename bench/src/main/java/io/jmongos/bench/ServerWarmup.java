package io.jmongos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;

import io.jmongos.bench.jit.JitCounters;
import io.jmongos.bench.load.LoadRunner;
import io.jmongos.bench.load.Operation;
import io.jmongos.bench.scenario.Scenario;
import io.jmongos.bench.scenario.ScenarioContext;

/**
 * Warms the targets' JIT before anything is measured: cycles of short bursts of every selected scenario on
 * every target (the jmongos main port, LB port and HAProxy path all drive the one jmongos process) at the
 * highest thread count, until every watched JVM (each target process and the load generator) compiles fewer
 * than {@link JitCounters#SETTLED_COMPILES_PER_SECOND} methods per second over a cycle, after at least the
 * minimum time; the first cycle always completes, after it no new burst starts past the maximum. Cycling through all
 * scenarios (rather than warming one scenario at a time) lets the compiler see every scenario's type profile
 * before it compiles, so a later scenario does not deoptimize code compiled for an earlier one in the middle of
 * a measurement.
 */
final class ServerWarmup {
    /** Length of one burst (one scenario on one target). */
    static final long BURST_MILLIS = 200;
    /** A cycle repeats its bursts until it lasts this long, so a rate is taken over at least a second. */
    static final long MIN_CYCLE_MILLIS = 1000;
    /** A JVM whose compiler is watched. */
    record Watched(String name, long pid) {
    }

    private ServerWarmup() {
    }

    /**
     * Run the warm-up; returns what it did: duration, cycles, per watched JVM the counters before and after
     * and the last cycle's rate.
     */
    static BsonDocument run(Map<Scenario, Map<ScenarioContext, Operation>> prepared, List<Watched> watched,
                            int threads, long minMillis, long maxMillis,
                            BiConsumer<Scenario, ScenarioContext> afterLoad) throws InterruptedException {
        if (prepared.values().stream().allMatch(Map::isEmpty)) {
            return new BsonDocument("seconds", new BsonDouble(0)).append("cycles", new BsonInt32(0))
                    .append("settled", BsonBoolean.FALSE).append("note", new BsonString("nothing to run"));
        }
        long start = System.nanoTime();
        List<JitCounters> before = read(watched);
        List<JitCounters> previous = before;
        double[] rates = new double[watched.size()];
        double[] busy = new double[watched.size()];
        int cycles = 0;
        boolean settled = false;
        LoadRunner.Timing burst = new LoadRunner.Timing(0, BURST_MILLIS, BenchPlan.MAX_OPS_PER_THREAD);
        while (true) {
            long cycleStart = System.nanoTime();
            do {
                for (Map.Entry<Scenario, Map<ScenarioContext, Operation>> s : prepared.entrySet()) {
                    for (Map.Entry<ScenarioContext, Operation> e : s.getValue().entrySet()) {
                        if (cycles > 0 && millisSince(start) >= maxMillis) {
                            break;
                        }
                        try {
                            LoadRunner.run("jit-warm-" + s.getKey().name(), e.getKey().target().kind().id(), threads,
                                    burst, e.getValue());
                        } finally {
                            afterLoad.accept(s.getKey(), e.getKey());
                        }
                    }
                }
            } while (millisSince(cycleStart) < MIN_CYCLE_MILLIS && millisSince(start) < maxMillis);
            double seconds = millisSince(cycleStart) / 1000.0;
            List<JitCounters> now = read(watched);
            settled = true;
            for (int i = 0; i < watched.size(); i++) {
                JitCounters a = previous.get(i);
                JitCounters b = now.get(i);
                rates[i] = a == null || b == null ? 0 : b.minus(a).compiles() / seconds;
                busy[i] = a == null || b == null ? 0 : b.minus(a).compileMillis() / 10 / seconds;
                settled &= rates[i] < JitCounters.SETTLED_COMPILES_PER_SECOND;
            }
            cycles++;
            System.out.println("bench: JIT warm-up cycle " + cycles + " (" + fmt(seconds) + " s): "
                    + describe(watched, rates, busy));
            previous = now;
            long elapsed = millisSince(start);
            if (settled && elapsed >= minMillis || elapsed >= maxMillis) {
                break;
            }
        }
        double total = millisSince(start) / 1000.0;
        System.out.println("bench: targets warmed up in " + fmt(total) + " s, " + cycles + " cycles, "
                + (settled ? "JIT settled" : "JIT NOT settled (maximum reached)"));
        BsonDocument processes = new BsonDocument();
        for (int i = 0; i < watched.size(); i++) {
            JitCounters b = before.get(i);
            JitCounters a = previous.get(i);
            processes.append(watched.get(i).name(), new BsonDocument("pid", new BsonInt64(watched.get(i).pid()))
                    .append("before", b == null ? BsonNull.VALUE : b.toBson())
                    .append("after", a == null ? BsonNull.VALUE : a.toBson())
                    .append("lastCycleCompilesPerSec", new BsonDouble(Math.round(rates[i] * 10) / 10.0))
                    .append("lastCycleCompilerBusyPercent", new BsonDouble(Math.round(busy[i] * 10) / 10.0)));
        }
        return new BsonDocument("seconds", new BsonDouble(Math.round(total * 10) / 10.0))
                .append("cycles", new BsonInt32(cycles))
                .append("settled", BsonBoolean.valueOf(settled))
                .append("threads", new BsonInt32(threads))
                .append("burstMillis", new BsonInt64(BURST_MILLIS))
                .append("minMillis", new BsonInt64(minMillis))
                .append("maxMillis", new BsonInt64(maxMillis))
                .append("settledBelowCompilesPerSec", new BsonDouble(JitCounters.SETTLED_COMPILES_PER_SECOND))
                .append("processes", processes);
    }

    static List<JitCounters> read(List<Watched> watched) {
        List<JitCounters> out = new ArrayList<>();
        watched.forEach(w -> out.add(JitCounters.of(w.pid())));
        return out;
    }

    /** Per JVM: compiles per second and the share of one core its compiler threads were busy. */
    private static String describe(List<Watched> watched, double[] rates, double[] busyPercent) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < watched.size(); i++) {
            parts.add(watched.get(i).name() + " " + fmt(rates[i]) + " compiles/s (" + fmt(busyPercent[i]) + "%)");
        }
        return String.join(", ", parts);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
