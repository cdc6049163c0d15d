package io.jmongos.bench;

import java.util.ArrayList;
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
import io.jmongos.bench.scenario.ItemsDataset;
import io.jmongos.bench.scenario.Scenario;
import io.jmongos.bench.scenario.ScenarioContext;
import io.jmongos.bench.scenario.Scenarios;
import io.jmongos.bench.stats.LoadResult;
import io.jmongos.bench.target.ProcessStats;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.bench.target.TargetKind;
import io.jmongos.bench.target.TargetLauncher;

/**
 * Runs the load scenarios on a group of targets served by one process: the three jmongos targets share one
 * jmongos (main port, LB port, HAProxy in front of the LB port), so they are compared on the same process at
 * the same moment; the peer and the limit server are groups of one. Per group: start, prepare and probe each
 * scenario, a warm pass, then for each scenario and thread count one load per target, the target order
 * rotating from load to load so none always goes first.
 */
final class TargetRuns {
    /** Shortest warm pass per target and scenario when a group splits the pass between its targets. */
    static final long MIN_WARM_PASS_MILLIS = 500;

    private final BenchOptions options;
    private final BenchPlan plan;
    private final TargetLauncher launcher;
    private final DriverClients clients;
    private final BenchResults results;
    /** Rotation of the target order, carried across scenarios so every target goes first equally often. */
    private int rotation;

    TargetRuns(BenchOptions options, BenchPlan plan, TargetLauncher launcher, DriverClients clients,
               BenchResults results) {
        this.options = options;
        this.plan = plan;
        this.launcher = launcher;
        this.clients = clients;
        this.results = results;
    }

    /** Every target of the run: the jmongos targets as one group (where the first of them is listed). */
    void runAll() {
        List<TargetKind> jmongos = options.targets.stream().filter(TargetKind::isJmongos).toList();
        boolean jmongosDone = false;
        for (TargetKind kind : options.targets) {
            if (kind.isJmongos()) {
                if (!jmongosDone) {
                    group(jmongos);
                    jmongosDone = true;
                }
            } else {
                group(List.of(kind));
            }
        }
    }

    private void group(List<TargetKind> kinds) {
        List<Scenario> scenarios = Scenarios.all().stream().filter(s -> options.runs(s.name())
                && kinds.stream().anyMatch(s::supports)).toList();
        if (scenarios.isEmpty()) {
            return;
        }
        String name = kinds.get(0).isJmongos() ? "jmongos" : kinds.get(0).id();
        List<RunningTarget> targets;
        try {
            targets = kinds.get(0).isJmongos() ? launcher.startJmongos(kinds, name, List.of())
                    : List.of(launcher.start(kinds.get(0)));
        } catch (Exception e) {
            kinds.forEach(k -> results.problem(k.id(), "did not start: " + e.getMessage()));
            System.out.println("bench: " + name + " did not start: " + e.getMessage());
            return;
        }
        List<MongoClient> open = new ArrayList<>();
        try {
            ItemsDataset items = new ItemsDataset(plan.items());
            List<ScenarioContext> contexts = new ArrayList<>();
            for (RunningTarget t : targets) {
                results.target(t.kind().id(), t.info());
                System.out.println("bench: " + t.kind().id() + " (" + t.kind().description() + ") pid "
                        + t.server().pid() + " on port " + t.clientPort());
                MongoClient c = clients.create(t);
                open.add(c);
                contexts.add(new ScenarioContext(t, c, items));
            }
            for (Scenario s : scenarios) {
                runScenario(s, contexts);
            }
            noteIndex(targets, items);
        } catch (RuntimeException e) {
            results.problem(name, e.toString());
        } finally {
            open.forEach(MongoClient::close);
            for (RunningTarget t : targets) {
                t.info().append("rssAtEndKib", new BsonInt64(ProcessStats.rssKib(t.server().pid())))
                        .append("peakRssKib", new BsonInt64(ProcessStats.peakRssKib(t.server().pid())));
                t.close();
            }
        }
    }

    private void runScenario(Scenario s, List<ScenarioContext> contexts) {
        Map<ScenarioContext, Operation> ops = new LinkedHashMap<>();
        for (ScenarioContext ctx : contexts) {
            if (!s.supports(ctx.target().kind())) {
                continue;
            }
            Operation op = prepare(s, ctx);
            if (op != null) {
                ops.put(ctx, op);
            }
        }
        if (ops.isEmpty()) {
            return;
        }
        warmPass(s, ops);
        List<ScenarioContext> targets = new ArrayList<>(ops.keySet());
        for (int threads : plan.threads()) {
            int first = rotation++ % targets.size();
            for (int i = 0; i < targets.size(); i++) {
                ScenarioContext ctx = targets.get((first + i) % targets.size());
                if (!load(s, ctx, ops.get(ctx), threads)) {
                    return;
                }
            }
        }
    }

    /** Prepare and probe a scenario once; null (and recorded as unsupported) when the target refuses it. */
    private Operation prepare(Scenario s, ScenarioContext ctx) {
        String id = ctx.target().kind().id();
        try {
            s.prepare(ctx);
            Operation op = s.operation(ctx);
            op.run(0, -1);
            return op;
        } catch (Exception e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            results.unsupported(id, s.name(), why);
            System.out.println("bench: " + id + " " + s.name() + " not run: " + why);
            return null;
        }
    }

    /**
     * Before a scenario is measured, run it briefly at the highest thread count on every target of the group,
     * so the server's JIT has compiled the paths all its loads use.
     */
    private void warmPass(Scenario s, Map<ScenarioContext, Operation> ops) {
        int threads = plan.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
        long each = Math.max(MIN_WARM_PASS_MILLIS, plan.warmPass().measureMillis() / ops.size());
        LoadRunner.Timing timing = new LoadRunner.Timing(0, each, plan.warmPass().maxOpsPerThread());
        for (Map.Entry<ScenarioContext, Operation> e : ops.entrySet()) {
            try {
                LoadRunner.run("warm-" + s.name(), e.getKey().target().kind().id(), threads, timing, e.getValue());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                afterLoad(s, e.getKey());
            }
        }
    }

    /** One measured load; false when interrupted. */
    private boolean load(Scenario s, ScenarioContext ctx, Operation op, int threads) {
        String id = ctx.target().kind().id();
        try {
            LoadResult r = LoadRunner.run(s.name(), id, threads, plan.timing(), op);
            results.addLoad(r);
            System.out.printf("bench: %-16s %-8s %3d threads %,10.0f ops/s  p50 %,8.0f  p99 %,8.0f  p99.9 %,8.0f us"
                    + "%s%n", id, s.name(), threads, r.opsPerSec(), r.p50Micros(), r.p99Micros(), r.p999Micros(),
                    r.errors() > 0 ? "  errors " + r.errors() + " (" + shortError(r.firstError()) + ")" : "");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            afterLoad(s, ctx);
        }
    }

    static String shortError(String e) {
        return e == null || e.length() <= 160 ? e : e.substring(0, 160) + "…";
    }

    private void afterLoad(Scenario s, ScenarioContext ctx) {
        try {
            s.afterLoad(ctx);
        } catch (RuntimeException e) {
            results.problem(ctx.target().kind().id() + " " + s.name(), "after load: " + e.getMessage());
        }
    }

    private static void noteIndex(List<RunningTarget> targets, ItemsDataset items) {
        String note = items.indexNote();
        if (note == null && targets.get(0).kind() == TargetKind.MJS && items.loaded()) {
            note = "mongo-java-server 1.46.0 accepts createIndex {g: 1} but does not implement secondary indexes"
                    + " (it logs 'adding secondary index ... is not yet implemented. ignoring'): find100 scans";
        }
        if (note != null) {
            for (RunningTarget t : targets) {
                t.info().append("note", new BsonString(note));
            }
        }
    }
}
