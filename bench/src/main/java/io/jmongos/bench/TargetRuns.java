package io.jmongos.bench;

import java.util.ArrayList;
import java.util.HashMap;
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
 * Runs the load scenarios on every target side by side. All targets run at once: the three jmongos targets
 * share one jmongos process (main port, LB port, HAProxy in front of the LB port), the peer and the limit server
 * have their own. Per scenario: prepare and probe it on each target, a warm pass, then for each thread count one
 * load per target back to back, the order rotating from load to load so no target always goes first.
 */
final class TargetRuns {
    /** Shortest warm pass per target and scenario when the pass is split between the targets. */
    static final long MIN_WARM_PASS_MILLIS = 500;
    /** Pause after a warm pass so the targets' JIT compiler and GC threads finish before anything is measured. */
    static final long SETTLE_MILLIS = 1000;

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

    /**
     * Every target of the run, all started up front and measured side by side: for each scenario and thread
     * count one load per target, back to back, so a change in the machine's background load affects all
     * targets alike.
     */
    void runAll() {
        List<TargetKind> kinds = options.targets.stream().filter(k -> Scenarios.all().stream()
                .anyMatch(s -> options.runs(s.name()) && s.supports(k))).toList();
        if (kinds.isEmpty()) {
            return;
        }
        List<RunningTarget> targets = start(kinds);
        List<MongoClient> open = new ArrayList<>();
        try {
            Map<Long, ItemsDataset> datasets = new HashMap<>();
            List<ScenarioContext> contexts = new ArrayList<>();
            for (RunningTarget t : targets) {
                results.target(t.kind().id(), t.info());
                System.out.println("bench: " + t.kind().id() + " (" + t.kind().description() + ") pid "
                        + t.server().pid() + " on port " + t.clientPort());
                MongoClient c = clients.create(t);
                open.add(c);
                ItemsDataset items = datasets.computeIfAbsent(t.server().pid(), pid -> new ItemsDataset(plan.items()));
                contexts.add(new ScenarioContext(t, c, items));
            }
            for (Scenario s : Scenarios.all()) {
                if (options.runs(s.name())) {
                    runScenario(s, contexts);
                }
            }
            noteIndex(contexts);
        } catch (RuntimeException e) {
            results.problem("targets", e.toString());
        } finally {
            open.forEach(MongoClient::close);
            for (RunningTarget t : targets) {
                t.info().append("rssAtEndKib", new BsonInt64(ProcessStats.rssKib(t.server().pid())))
                        .append("peakRssKib", new BsonInt64(ProcessStats.peakRssKib(t.server().pid())));
                t.close();
            }
        }
    }

    /** One jmongos process for every jmongos target, one process each for the others. */
    private List<RunningTarget> start(List<TargetKind> kinds) {
        List<RunningTarget> targets = new ArrayList<>();
        List<TargetKind> jmongos = kinds.stream().filter(TargetKind::isJmongos).toList();
        if (!jmongos.isEmpty()) {
            try {
                targets.addAll(launcher.startJmongos(jmongos, "jmongos", List.of()));
            } catch (Exception e) {
                jmongos.forEach(k -> results.problem(k.id(), "did not start: " + e.getMessage()));
                System.out.println("bench: jmongos did not start: " + e.getMessage());
            }
        }
        for (TargetKind k : kinds) {
            if (k.isJmongos()) {
                continue;
            }
            try {
                targets.add(launcher.start(k));
            } catch (Exception e) {
                results.problem(k.id(), "did not start: " + e.getMessage());
                System.out.println("bench: " + k.id() + " did not start: " + e.getMessage());
            }
        }
        List<RunningTarget> ordered = new ArrayList<>();
        for (TargetKind k : kinds) {
            targets.stream().filter(t -> t.kind() == k).forEach(ordered::add);
        }
        return ordered;
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
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
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

    private static void noteIndex(List<ScenarioContext> contexts) {
        for (ScenarioContext ctx : contexts) {
            RunningTarget t = ctx.target();
            String note = ctx.itemsIndexNote();
            if (note == null && t.kind() == TargetKind.MJS && ctx.itemsLoaded()) {
                note = "mongo-java-server 1.46.0 accepts createIndex {g: 1} but does not implement secondary indexes"
                        + " (it logs 'adding secondary index ... is not yet implemented. ignoring'): find100 scans";
            }
            if (note != null) {
                t.info().append("note", new BsonString(note));
            }
        }
    }
}
