package io.jmongos.bench;

import java.util.List;

import org.bson.BsonInt64;

import com.mongodb.client.MongoClient;

import io.jmongos.bench.driver.DriverClients;
import io.jmongos.bench.report.BenchResults;
import io.jmongos.bench.scale.DisconnectCleanupBench;
import io.jmongos.bench.scale.IdleConnectionsBench;
import io.jmongos.bench.scale.IdleTlsBench;
import io.jmongos.bench.scale.IndexedFindBench;
import io.jmongos.bench.target.LaunchConfig;
import io.jmongos.bench.target.ProcessStats;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.bench.target.TargetKind;
import io.jmongos.bench.target.TargetLauncher;

/**
 * The jmongos-only scenarios, each on a fresh jmongos process: idle connections then disconnect cleanup on the
 * LB port (one process), and the indexed vs unindexed find on 1,000,000 documents (another).
 */
final class ScaleRuns {
    private final BenchOptions options;
    private final BenchPlan plan;
    private final LaunchConfig launch;
    private final TargetLauncher launcher;
    private final DriverClients clients;
    private final BenchResults results;

    ScaleRuns(BenchOptions options, BenchPlan plan, LaunchConfig launch, TargetLauncher launcher,
              DriverClients clients, BenchResults results) {
        this.options = options;
        this.plan = plan;
        this.launch = launch;
        this.launcher = launcher;
        this.clients = clients;
        this.results = results;
    }

    void run() {
        if (options.runs("idleTls") && options.targets.contains(TargetKind.JMONGOS_TLS)) {
            idleTls();
        }
        if (options.targets.stream().noneMatch(TargetKind::isJmongos)) {
            return;
        }
        if (options.runs("idle") || options.runs("cleanup")) {
            lbScale();
        }
        if (options.runs("index")) {
            index();
        }
    }

    private void lbScale() {
        RunningTarget t = start(TargetKind.JMONGOS_LB, "jmongos-scale", IdleConnectionsBench.TARGET_EXTRA_FLAGS);
        if (t == null) {
            return;
        }
        try {
            if (options.runs("idle")) {
                try {
                    results.scale().append("idle", new IdleConnectionsBench(launch, clients, plan.pingProbeTiming())
                            .run(t, plan.idleSteps()));
                } catch (Exception e) {
                    fail("idle", e);
                }
            }
            if (options.runs("cleanup")) {
                try (MongoClient admin = clients.createAdmin(t)) {
                    var c = DisconnectCleanupBench.run(t, admin, plan.cleanupClients());
                    results.scale().append("cleanup", c);
                    System.out.println("cleanup: " + c.toJson());
                } catch (Exception e) {
                    fail("cleanup", e);
                }
            }
        } finally {
            t.info().append("peakRssKib", new BsonInt64(ProcessStats.peakRssKib(t.server().pid())));
            t.close();
        }
    }

    /** Idle plain then idle TLS connections in one allowTLS process ({@link IdleTlsBench}), the first idle step. */
    private void idleTls() {
        String name = "jmongos-idle-tls";
        RunningTarget t;
        try {
            t = launcher.startIdleTls(name, IdleConnectionsBench.TARGET_EXTRA_FLAGS);
            results.target(name, t.info());
            System.out.println("bench: " + name + " pid " + t.server().pid() + " on port " + t.clientPort());
        } catch (Exception e) {
            results.problem(name, "did not start: " + e.getMessage());
            return;
        }
        try (MongoClient admin = clients.createAdmin(t)) {
            results.scale().append("idleTls", new IdleTlsBench(launch).run(t, admin, plan.idleSteps().get(0)));
        } catch (Exception e) {
            fail("idleTls", e);
        } finally {
            t.info().append("peakRssKib", new BsonInt64(ProcessStats.peakRssKib(t.server().pid())));
            t.close();
        }
    }

    private void index() {
        RunningTarget t = start(TargetKind.JMONGOS, "jmongos-index", List.of());
        if (t == null) {
            return;
        }
        try (MongoClient admin = clients.createAdmin(t)) {
            results.scale().append("index", IndexedFindBench.run(admin, plan.indexDocs(),
                    plan.indexLoadDeadlineMillis(), plan.pingProbeTiming().measureMillis()));
        } catch (Exception e) {
            fail("index", e);
        } finally {
            t.info().append("peakRssKib", new BsonInt64(ProcessStats.peakRssKib(t.server().pid())));
            t.close();
        }
    }

    private RunningTarget start(TargetKind kind, String name, List<String> extraFlags) {
        try {
            RunningTarget t = launcher.startJmongos(List.of(kind), name, extraFlags).get(0);
            results.target(name, t.info());
            System.out.println("bench: " + name + " pid " + t.server().pid() + " on port " + t.clientPort());
            return t;
        } catch (Exception e) {
            results.problem(name, "did not start: " + e.getMessage());
            return null;
        }
    }

    private void fail(String what, Exception e) {
        results.problem(what, e.toString());
        System.out.println("bench: " + what + " failed: " + e);
    }
}
