package io.jmongos.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import com.mongodb.client.MongoClient;

import io.jmongos.bench.cpu.CpuMeter;
import io.jmongos.bench.cpu.CpuUse;
import io.jmongos.bench.driver.DriverClients;
import io.jmongos.bench.jit.JitCounters;
import io.jmongos.bench.load.LoadRunner;
import io.jmongos.bench.load.Operation;
import io.jmongos.bench.profile.AsyncProfiler;
import io.jmongos.bench.profile.CollapsedHotFrames;
import io.jmongos.bench.report.BenchResults;
import io.jmongos.bench.scenario.ItemsDataset;
import io.jmongos.bench.scenario.Scenario;
import io.jmongos.bench.scenario.ScenarioContext;
import io.jmongos.bench.scenario.Scenarios;
import io.jmongos.bench.stats.LoadRounds;
import io.jmongos.bench.target.ChildProcess;
import io.jmongos.bench.target.ProcessStats;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.bench.target.TargetKind;
import io.jmongos.bench.target.TargetLauncher;

/**
 * Runs the load scenarios on every target side by side. All targets run at once: the three jmongos targets
 * share one jmongos process (main port, LB port, HAProxy in front of the LB port), the peer and the limit server
 * have their own. First every scenario is prepared and probed on each target, then the targets' JIT is warmed
 * up until it settles ({@link ServerWarmup}); then per scenario and thread count R rounds of one window per
 * target back to back, the order rotating from round to round; a load's figure is the median round.
 */
final class TargetRuns {
    /** Pause after the warm-up so the targets' JIT compiler and GC threads finish before anything is measured. */
    static final long SETTLE_MILLIS = 1000;
    /** Name of the load generator's own JVM among the watched JVMs. */
    static final String LOAD_GENERATOR = "load generator";

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
            Map<Scenario, Map<ScenarioContext, Operation>> prepared = prepareAll(contexts);
            List<ServerWarmup.Watched> watched = watched(contexts);
            warmUp(prepared, watched);
            List<JitCounters> warm = ServerWarmup.read(watched);
            List<ChildProcess> profiled = startProfiles(targets);
            try {
                for (Map.Entry<Scenario, Map<ScenarioContext, Operation>> e : prepared.entrySet()) {
                    measure(e.getKey(), e.getValue());
                }
            } finally {
                stopProfiles(profiled);
            }
            recordCompiles(watched, warm);
            noteIndex(contexts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /**
     * One jmongos process for every jmongos target, one router (with its shard and config server) for every cluster
     * target, one process each for the others.
     */
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
        List<TargetKind> cluster = kinds.stream().filter(TargetKind::isCluster).toList();
        if (!cluster.isEmpty()) {
            try {
                targets.addAll(launcher.startCluster(cluster));
            } catch (Exception e) {
                cluster.forEach(k -> results.problem(k.id(), "did not start: " + e.getMessage()));
                System.out.println("bench: the cluster did not start: " + e.getMessage());
            }
        }
        for (TargetKind k : kinds) {
            if (k.isJmongos() || k.isCluster()) {
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

    /** Prepare and probe every selected scenario on every target that supports it, in run order. */
    private Map<Scenario, Map<ScenarioContext, Operation>> prepareAll(List<ScenarioContext> contexts) {
        Map<Scenario, Map<ScenarioContext, Operation>> prepared = new LinkedHashMap<>();
        for (Scenario s : Scenarios.all()) {
            if (!options.runs(s.name())) {
                continue;
            }
            Map<ScenarioContext, Operation> ops = new LinkedHashMap<>();
            for (ScenarioContext ctx : contexts) {
                if (s.supports(ctx.target().kind())) {
                    Operation op = prepare(s, ctx);
                    if (op != null) {
                        ops.put(ctx, op);
                    }
                }
            }
            if (!ops.isEmpty()) {
                prepared.put(s, ops);
            }
        }
        return prepared;
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
     * Every JVM whose JIT must settle: each target process once (a router's shard and
     * config server too), and the load generator.
     */
    private static List<ServerWarmup.Watched> watched(List<ScenarioContext> contexts) {
        Map<Long, ServerWarmup.Watched> byPid = new LinkedHashMap<>();
        for (ScenarioContext ctx : contexts) {
            var server = ctx.target().server();
            byPid.putIfAbsent(server.pid(), new ServerWarmup.Watched(server.name(), server.pid()));
            for (var backend : ctx.target().backends()) {
                byPid.putIfAbsent(backend.pid(), new ServerWarmup.Watched(backend.name(), backend.pid()));
            }
        }
        long self = ProcessHandle.current().pid();
        byPid.putIfAbsent(self, new ServerWarmup.Watched(LOAD_GENERATOR, self));
        return new ArrayList<>(byPid.values());
    }

    private void warmUp(Map<Scenario, Map<ScenarioContext, Operation>> prepared, List<ServerWarmup.Watched> watched)
            throws InterruptedException {
        int threads = plan.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
        BsonDocument report = ServerWarmup.run(prepared, watched, threads, plan.jitWarmupMinMillis(),
                plan.jitWarmupMaxMillis(), this::afterLoad);
        results.meta().append("jitWarmup", report);
        Thread.sleep(SETTLE_MILLIS);
    }

    /**
     * For each thread count, {@link BenchPlan#rounds()} rounds; in each round one window per target back to
     * back, the order rotating from round to round (and carried across loads), so every target goes first
     * equally often and a slow spell of the machine hits each target in some round, not one target in all.
     */
    private void measure(Scenario s, Map<ScenarioContext, Operation> ops) throws InterruptedException {
        List<ScenarioContext> targets = new ArrayList<>(ops.keySet());
        for (int threads : plan.threads()) {
            Map<ScenarioContext, List<LoadRunner.Window>> windows = new LinkedHashMap<>();
            Map<ScenarioContext, Long> compiles = new HashMap<>();
            Map<ScenarioContext, CpuUse> cpu = new HashMap<>();
            targets.forEach(t -> windows.put(t, new ArrayList<>()));
            for (int round = 0; round < plan.rounds(); round++) {
                int first = rotation++ % targets.size();
                for (int i = 0; i < targets.size(); i++) {
                    ScenarioContext ctx = targets.get((first + i) % targets.size());
                    long pid = ctx.target().server().pid();
                    JitCounters before = JitCounters.of(pid);
                    CpuMeter meter = new CpuMeter(ctx.target().processes());
                    LoadRunner.Window w = window(s, ctx, ops.get(ctx), threads, meter);
                    windows.get(ctx).add(w);
                    cpu.merge(ctx, meter.used(), CpuUse::plus);
                    JitCounters after = JitCounters.of(pid);
                    compiles.merge(ctx, before == null || after == null ? -1 : after.minus(before).compiles(),
                            (a, b) -> a < 0 || b < 0 ? -1 : a + b);
                }
            }
            for (ScenarioContext ctx : targets) {
                List<LoadRunner.Window> w = windows.get(ctx);
                LoadRounds r = LoadRounds.of(w.stream().map(LoadRunner.Window::result).toList(),
                        w.stream().map(LoadRunner.Window::histogram).toList(), compiles.get(ctx));
                results.addLoad(r);
                CpuUse c = cpu.get(ctx);
                results.addCpu(r, c);
                System.out.printf("bench: %-16s %-8s %3d threads %,10.0f ops/s median (%,.0f–%,.0f)  cpu/op server %s"
                        + " us, load generator %s us  p50 %,8.0f  p99 %,8.0f  p99.9 %,8.0f us  compiles %d%s%n",
                        r.target(), r.scenario(), threads, r.opsPerSec(), r.minOpsPerSec(), r.maxOpsPerSec(),
                        CpuUse.format(c.serverMicrosPerOp()), CpuUse.format(c.generatorMicrosPerOp()),
                        r.p50Micros(), r.p99Micros(),
                        r.p999Micros(), r.compiles(), r.errors() > 0 ? "  errors " + r.errors() + " ("
                        + shortError(r.firstError()) + ")" : "");
            }
        }
    }

    /**
     * One measured window (warm-up, then the measured part), then the scenario's reset. The CPU meter starts with
     * the measured part and stops when its threads are done, before the reset.
     */
    private LoadRunner.Window window(Scenario s, ScenarioContext ctx, Operation op, int threads, CpuMeter meter)
            throws InterruptedException {
        try {
            LoadRunner.Window w = LoadRunner.measure(s.name(), ctx.target().kind().id(), threads, plan.timing(), op,
                    meter::start);
            meter.stop(w.result().ops());
            return w;
        } finally {
            afterLoad(s, ctx);
        }
    }

    /**
     * With --profile: start async-profiler in each jmongos process (once per process: a router's shard and config
     * server too); the processes profiled.
     */
    private List<ChildProcess> startProfiles(List<RunningTarget> targets) {
        Path lib = launcher.config().asyncProfilerLib();
        List<ChildProcess> started = new ArrayList<>();
        if (lib == null) {
            return started;
        }
        for (RunningTarget t : targets) {
            if (!t.kind().runsJmongos()) {
                continue;
            }
            List<ChildProcess> processes = new ArrayList<>(List.of(t.server()));
            processes.addAll(t.backends());
            for (ChildProcess p : processes) {
                if (started.stream().anyMatch(s -> s.pid() == p.pid())) {
                    continue;
                }
                try {
                    AsyncProfiler.start(p.pid(), lib);
                    started.add(p);
                } catch (IOException e) {
                    results.problem("profile " + p.name(), e.getMessage());
                }
            }
        }
        return started;
    }

    /** Stop the profiles: {@code <process>-cpu.collapsed} and its summary {@code <process>-cpu-hot.txt}. */
    private void stopProfiles(List<ChildProcess> profiled) {
        Path lib = launcher.config().asyncProfilerLib();
        Path dir = launcher.config().runDir();
        for (ChildProcess p : profiled) {
            String name = p.name();
            Path collapsed = dir.resolve(name + "-cpu.collapsed");
            Path hot = dir.resolve(name + "-cpu-hot.txt");
            try {
                AsyncProfiler.stop(p.pid(), lib, collapsed);
                CollapsedHotFrames.summarize(collapsed, hot);
                System.out.println("bench: CPU profile of " + name + " during the measured loads: " + collapsed
                        + ", hot frames in " + hot);
            } catch (IOException e) {
                results.problem("profile " + name, e.getMessage());
            }
        }
    }

    /** What each watched JVM compiled from the end of the warm-up to the end of the last measured load. */
    private void recordCompiles(List<ServerWarmup.Watched> watched, List<JitCounters> warm) {
        List<JitCounters> end = ServerWarmup.read(watched);
        BsonDocument d = new BsonDocument();
        for (int i = 0; i < watched.size(); i++) {
            JitCounters a = warm.get(i);
            JitCounters b = end.get(i);
            d.append(watched.get(i).name(), a == null || b == null ? new BsonDocument() : b.minus(a).toBson());
        }
        results.meta().append("jitDuringLoads", d);
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
