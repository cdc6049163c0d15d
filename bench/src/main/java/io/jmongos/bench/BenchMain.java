package io.jmongos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

import io.jmongos.bench.driver.DriverClients;
import io.jmongos.bench.profile.AsyncProfiler;
import io.jmongos.bench.report.Bar;
import io.jmongos.bench.report.Bars;
import io.jmongos.bench.report.BenchResults;
import io.jmongos.bench.report.MachineInfo;
import io.jmongos.bench.report.MarkdownReport;
import io.jmongos.bench.report.ResultsFiles;
import io.jmongos.bench.target.ChildProcess;
import io.jmongos.bench.target.LaunchConfig;
import io.jmongos.bench.target.TargetLauncher;

/**
 * The benchmark program: starts every target on free loopback ports (each its own process), runs the load
 * scenarios and the scale scenarios, writes bench/results/&lt;stamp&gt;-&lt;host&gt;.json and .md, and updates
 * docs/PERFORMANCE.md. Started by bench/run, which builds the module and passes the class path.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchPlan plan = BenchPlan.of(o);
        long start = System.nanoTime();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String stamp = now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String host = MachineInfo.hostName().replaceAll("[^A-Za-z0-9._-]", "_");
        Path runDir = o.runDir != null ? o.runDir : o.resultsDir.resolve("tmp").resolve(stamp);
        Files.createDirectories(runDir);
        ChildProcess.pidFile(runDir.resolve("pids"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path profilerLib = null;
        if (o.profile) {
            try {
                profilerLib = AsyncProfiler.library(runDir);
            } catch (IOException e) {
                System.err.println("bench: --profile: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        LaunchConfig launch = new LaunchConfig(runDir, javaBin, System.getProperty("java.class.path"), o.jmongosJar,
                LaunchConfig.DEFAULT_JVM_FLAGS, o.jfr, profilerLib);
        BsonDocument meta = new BsonDocument("runId", new BsonString(stamp + "-" + host))
                .append("date", new BsonString(now.toString()))
                .append("mode", new BsonString(o.quick ? "quick" : o.only != null ? "selected" : "full"))
                .append("command", new BsonString(o.command))
                .append("machine", MachineInfo.collect())
                .append("warmupMillis", new BsonInt64(plan.timing().warmupMillis()))
                .append("measureMillis", new BsonInt64(plan.timing().measureMillis()))
                .append("rounds", new BsonInt32(plan.rounds()))
                .append("jitWarmupMinMillis", new BsonInt64(plan.jitWarmupMinMillis()))
                .append("jitWarmupMaxMillis", new BsonInt64(plan.jitWarmupMaxMillis()))
                .append("items", new BsonInt32(plan.items()))
                .append("loadGeneratorJvm", new BsonString(String.join(" ",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())));
        System.out.println("bench: run " + stamp + " on " + host + ", logs in " + runDir);
        BenchResults results = new BenchResults(meta);
        TargetLauncher launcher = new TargetLauncher(launch);
        try (DriverClients clients = new DriverClients()) {
            ClientWarmup.run(o, plan, clients);
            new TargetRuns(o, plan, launcher, clients, results).runAll();
            new ScaleRuns(o, plan, launch, launcher, clients, results).run();
        }
        meta.append("loadAverageAtEnd", new BsonString(MachineInfo.loadAverage()))
                .append("wallSeconds", new BsonDouble(Math.round((System.nanoTime() - start) / 1e8) / 10.0));
        List<Bar> bars = Bars.evaluate(results);
        String md = MarkdownReport.render(results, bars);
        String base = stamp + "-" + host;
        Path json = ResultsFiles.write(o.resultsDir, base, results.toBson(bars), md);
        if (o.updateDoc) {
            ResultsFiles.updateDoc(o.doc, md, json.toString());
        }
        if (o.jfr) {
            io.jmongos.bench.profile.JfrHotFrames.summarizeAll(runDir);
        }
        System.out.println();
        System.out.println(md);
        System.out.println("bench: wrote " + json + " and " + o.resultsDir.resolve(base + ".md")
                + (o.updateDoc ? " and updated " + o.doc : ""));
    }
}
