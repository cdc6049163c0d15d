package io.jmongos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import io.jmongos.bench.jit.JitCounters;
import io.jmongos.bench.load.Operation;
import io.jmongos.bench.scenario.Scenario;
import io.jmongos.bench.scenario.ScenarioContext;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.bench.target.TargetKind;

class ServerWarmupTest {

    private static Scenario scenario(String name) {
        return new Scenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Operation operation(ScenarioContext ctx) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /**
     * Scenarios "one" and "two", each prepared on a jmongos target and on {@code second}: every run of an operation
     * counts in {@code runs} under "scenario@target" and takes a millisecond.
     */
    private static Map<Scenario, Map<ScenarioContext, Operation>> prepare(TargetKind second,
                                                                        Map<String, AtomicInteger> runs) {
        ScenarioContext a = new ScenarioContext(RunningTarget.inProcess(TargetKind.JMONGOS, 1), null, 100);
        ScenarioContext b = new ScenarioContext(RunningTarget.inProcess(second, 2), null, 100);
        Map<Scenario, Map<ScenarioContext, Operation>> prepared = new LinkedHashMap<>();
        for (String s : List.of("one", "two")) {
            Map<ScenarioContext, Operation> ops = new LinkedHashMap<>();
            for (ScenarioContext ctx : List.of(a, b)) {
                AtomicInteger n = runs.computeIfAbsent(s + "@" + ctx.target().kind().id(), k -> new AtomicInteger());
                ops.put(ctx, (thread, seq) -> {
                    n.incrementAndGet();
                    Thread.sleep(1);
                });
            }
            prepared.put(scenario(s), ops);
        }
        return prepared;
    }

    @Test
    void burstsEveryScenarioOnEveryTargetAndRecordsTheWatchedJvms() throws InterruptedException {
        Map<String, AtomicInteger> runs = new LinkedHashMap<>();
        Map<Scenario, Map<ScenarioContext, Operation>> prepared = prepare(TargetKind.JMONGOS_LB, runs);
        AtomicInteger resets = new AtomicInteger();
        long self = ProcessHandle.current().pid();
        BsonDocument r = ServerWarmup.run(prepared, List.of(new ServerWarmup.Watched("self", self)), 2, 0, 1,
                (s, ctx) -> resets.incrementAndGet());
        // the maximum (1 ms) is past after the first cycle, which always completes: every scenario on every
        // target once, reset after each burst; no burst after it
        assertThat(r.getInt32("cycles").getValue()).isEqualTo(1);
        assertThat(runs.values()).allMatch(n -> n.get() > 0);
        assertThat(resets.get()).isEqualTo(4);
        BsonDocument p = r.getDocument("processes").getDocument("self");
        assertThat(p.getInt64("pid").getValue()).isEqualTo(self);
        assertThat(p.getDocument("after").getInt64("compiles").getValue())
                .isGreaterThanOrEqualTo(p.getDocument("before").getInt64("compiles").getValue());
        assertThat(r.getBoolean("settled").getValue())
                .isEqualTo(p.getDouble("lastCycleCompilesPerSec").getValue()
                        < JitCounters.SETTLED_COMPILES_PER_SECOND);
    }

    @Test
    void settledJvmsStillWarmUpForTheMinimum() throws InterruptedException {
        Map<String, AtomicInteger> runs = new LinkedHashMap<>();
        Map<Scenario, Map<ScenarioContext, Operation>> prepared = prepare(TargetKind.MJS, runs);
        AtomicInteger resets = new AtomicInteger();
        long min = 2 * ServerWarmup.MIN_CYCLE_MILLIS + 1;
        BsonDocument r = ServerWarmup.run(prepared, List.of(), 1, min, 60_000, (s, ctx) -> resets.incrementAndGet());
        // nothing watched is settled after the first cycle, but cycles go on until the minimum is reached
        assertThat(r.getBoolean("settled").getValue()).isTrue();
        assertThat(r.getDouble("seconds").getValue() * 1000).isGreaterThanOrEqualTo(min - 50);
        assertThat(runs.values()).allMatch(n -> n.get() > 0);
        assertThat(resets.get()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void nothingToRunIsNoWarmUp() throws InterruptedException {
        BsonDocument r = ServerWarmup.run(Map.of(), List.of(), 1, 0, 1000, (s, ctx) -> { });
        assertThat(r.getInt32("cycles").getValue()).isZero();
        assertThat(r.getString("note").getValue()).isEqualTo("nothing to run");
    }
}
