package io.jmongos.bench;

import java.net.InetSocketAddress;

import com.mongodb.client.MongoClient;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.jmongos.bench.driver.DriverClients;
import io.jmongos.bench.load.LoadRunner;
import io.jmongos.bench.load.Operation;
import io.jmongos.bench.peer.MongoJavaServerMain;
import io.jmongos.bench.scenario.Scenario;
import io.jmongos.bench.scenario.ScenarioContext;
import io.jmongos.bench.scenario.Scenarios;
import io.jmongos.bench.target.RunningTarget;
import io.jmongos.bench.target.TargetKind;

/**
 * Warms the load generator's own JIT before the first target is measured: every scenario it can run, at the
 * highest thread count, against a throw-away mongo-java-server inside this JVM. Without it the first target
 * measured pays for compiling the driver. Nothing here is recorded.
 */
final class ClientWarmup {
    private ClientWarmup() {
    }

    static void run(BenchOptions options, BenchPlan plan, DriverClients clients) {
        MongoServer server = new MongoServer(new MemoryBackend().version(new MongoJavaServerMain.ReportedVersion()));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        int threads = plan.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
        RunningTarget local = RunningTarget.inProcess(TargetKind.MJS, address.getPort());
        long start = System.nanoTime();
        try (MongoClient client = clients.create(local)) {
            ScenarioContext ctx = new ScenarioContext(local, client, Math.min(plan.items(), 10_000));
            for (Scenario s : Scenarios.all()) {
                if (!options.runs(s.name()) || !s.supports(TargetKind.MJS)) {
                    continue;
                }
                try {
                    s.prepare(ctx);
                    Operation op = s.operation(ctx);
                    op.run(0, -1);
                    LoadRunner.run("client-warmup", "local", threads, plan.clientWarmPass(), op);
                    s.afterLoad(ctx);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    continue;
                }
            }
        } finally {
            server.shutdownNow();
        }
        System.out.printf("bench: load generator warmed up in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
