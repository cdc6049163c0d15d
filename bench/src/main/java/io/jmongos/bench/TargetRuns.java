package io.jmongos.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonInt64;
import org.bson.BsonString;

import com.mongodb.client.MongoClient;

import io.jmongos.bench.driver.DriverClients;
import io.jmongos.bench.load.LoadRunner;
import io.jmongos.bench.load.Operation;
import io.jmongos.bench.report.BenchResults;
import io.jmongos.bench.scenario.Scenario;
import io.jmongos.bench.scenario.ScenarioContext;
import io.jmongos.bench.scenario.Scenarios;
import io.jmongos.bench.stats.LoadResult;
import io.jmongos.bench.target.ProcessStats;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.bench.target.TargetKind;
import io.jmongos.bench.target.TargetLauncher;

/** Runs the load scenarios on one target: start it, prepare and probe each scenario, load at each thread count. */
final class TargetRuns {
    private final BenchOptions options;
    private final BenchPlan plan;
    private final TargetLauncher launcher;
    private final DriverClients clients;
    private final BenchResults results;

    TargetRuns(BenchOptions options, BenchPlan plan, TargetLauncher launcher, DriverClients clients,
               BenchResults results) {
        this.options = options;
        this.plan = plan;
        this.launcher = launcher;
        this.clients = clients;
        this.results = results;
    }

    void loads(TargetKind kind) {
        List<Scenario> scenarios = Scenarios.all().stream()
                .filter(s -> options.runs(s.name()) && s.supports(kind)).toList();
        if (scenarios.isEmpty()) {
            return;
        }
        RunningTarget t;
        try {
            t = launcher.start(kind);
        } catch (Exception e) {
            results.problem(kind.id(), "did not start: " + e.getMessage());
            System.out.println("bench: " + kind.id() + " did not start: " + e.getMessage());
            return;
        }
        results.target(kind.id(), t.info());
        System.out.println("bench: " + kind.id() + " (" + kind.description() + ") pid " + t.server().pid()
                + " on port " + t.clientPort());
        try (MongoClient client = clients.create(t)) {
            ScenarioContext ctx = new ScenarioContext(t, client, plan.items());
            Map<Scenario, Operation> ops = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                Operation op = prepare(kind, s, ctx);
                if (op != null) {
                    ops.put(s, op);
                }
            }
            warmPass(kind, ops, ctx);
            ops.forEach((s, op) -> run(kind, s, op, ctx));
            noteIndex(t, ctx);
        } catch (RuntimeException e) {
            results.problem(kind.id(), e.toString());
        } finally {
            t.info().append("rssAtEndKib", new BsonInt64(ProcessStats.rssKib(t.server().pid())))
                    .append("peakRssKib", new BsonInt64(ProcessStats.peakRssKib(t.server().pid())));
            t.close();
        }
    }

    /** Prepare and probe a scenario once; null (and recorded as unsupported) when the target refuses it. */
    private Operation prepare(TargetKind kind, Scenario s, ScenarioContext ctx) {
        try {
            s.prepare(ctx);
            Operation op = s.operation(ctx);
            op.run(0, -1);
            return op;
        } catch (Exception e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            results.unsupported(kind.id(), s.name(), why);
            System.out.println("bench: " + kind.id() + " " + s.name() + " not run: " + why);
            return null;
        }
    }

    /**
     * Before anything is measured on a target, run every scenario briefly at the highest thread count, so the
     * target's JIT (and, on the first target, the load generator's) has compiled the paths all loads use.
     */
    private void warmPass(TargetKind kind, Map<Scenario, Operation> ops, ScenarioContext ctx) {
        int threads = plan.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
        for (Map.Entry<Scenario, Operation> e : ops.entrySet()) {
            try {
                LoadRunner.run("warm-" + e.getKey().name(), kind.id(), threads, plan.warmPass(), e.getValue());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                afterLoad(kind, e.getKey(), ctx);
            }
        }
    }

    private void afterLoad(TargetKind kind, Scenario s, ScenarioContext ctx) {
        try {
            s.afterLoad(ctx);
        } catch (RuntimeException e) {
            results.problem(kind.id() + " " + s.name(), "after load: " + e.getMessage());
        }
    }

    private void run(TargetKind kind, Scenario s, Operation op, ScenarioContext ctx) {
        for (int threads : plan.threads()) {
            try {
                LoadResult r = LoadRunner.run(s.name(), kind.id(), threads, plan.timing(), op);
                results.addLoad(r);
                System.out.printf("bench: %-16s %-8s %3d threads %,10.0f ops/s  p50 %,8.0f  p99 %,8.0f  p99.9 %,8.0f us"
                        + "%s%n", kind.id(), s.name(), threads, r.opsPerSec(), r.p50Micros(), r.p99Micros(),
                        r.p999Micros(), r.errors() > 0 ? "  errors " + r.errors() + " (" + r.firstError() + ")" : "");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                afterLoad(kind, s, ctx);
            }
        }
    }

    private static void noteIndex(RunningTarget t, ScenarioContext ctx) {
        String note = ctx.itemsIndexNote();
        if (note != null) {
            t.info().append("note", new BsonString(note));
        }
    }
}
