package io.jmongos.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.bench.profile.AsyncProfiler;

/** Starts each kind of target as separate processes on free loopback ports. */
public final class TargetLauncher {
    /** A JVM target has this long to start listening (2 shared cores, cold JIT). */
    static final long START_TIMEOUT_MILLIS = 120_000;
    /** JFR's "profile" samples Java stacks every 10 ms; short loads need more samples to show hot frames. */
    static final String JFR_SAMPLE_PERIOD = "2ms";

    private final LaunchConfig config;

    public TargetLauncher(LaunchConfig config) {
        this.config = config;
    }

    public LaunchConfig config() {
        return config;
    }

    /** Start a peer or limit target (jmongos targets start through {@link #startJmongos}). */
    public RunningTarget start(TargetKind kind) throws IOException, InterruptedException {
        return switch (kind) {
            case MJS -> startJvm(kind, "io.jmongos.bench.peer.MongoJavaServerMain");
            case LIMIT -> startJvm(kind, "io.jmongos.bench.limit.LimitServer");
            default -> startJmongos(List.of(kind), kind.id(), List.of()).get(0);
        };
    }

    /**
     * One jmongos process (both ports on) serving every target of {@code kinds}: {@code jmongos} on the main
     * port, {@code jmongos-lb} on the LB port, {@code jmongos-haproxy} through an HAProxy in front of the LB port.
     * Closing any of the returned targets stops the shared process.
     */
    public List<RunningTarget> startJmongos(List<TargetKind> kinds, String name, List<String> extraFlags)
            throws IOException, InterruptedException {
        int main = FreePorts.next();
        int lb = FreePorts.next();
        List<String> cmd = new ArrayList<>();
        cmd.add(config.javaBin());
        List<String> flags = jvmFlags(kinds.get(0), name);
        flags.addAll(extraFlags);
        cmd.addAll(flags);
        if (config.jmongosJar() != null) {
            cmd.add("-jar");
            cmd.add(config.jmongosJar().toString());
        } else {
            cmd.add("-cp");
            cmd.add(config.classpath());
            cmd.add("io.jmongos.server.JmongosMain");
        }
        cmd.addAll(List.of("--port", Integer.toString(main), "--bind_ip", "127.0.0.1",
                "--setParameter", "loadBalancerPort=" + lb));
        ChildProcess server = ChildProcess.start(name, cmd, config.runDir().resolve(name + ".log"));
        List<RunningTarget> started = new ArrayList<>();
        try {
            server.awaitPort(main, START_TIMEOUT_MILLIS);
            BsonDocument base = info(server, flags);
            base.append("launch", new BsonString(config.jmongosJar() != null ? "shaded jar " + config.jmongosJar()
                    : "class path, io.jmongos.server.JmongosMain"));
            base.append("process", new BsonString(name));
            base.append("mainPort", new BsonInt32(main)).append("loadBalancerPort", new BsonInt32(lb));
            for (TargetKind kind : kinds) {
                BsonDocument info = base.clone();
                ChildProcess balancer = null;
                int clientPort = kind.loadBalanced() ? lb : main;
                if (kind == TargetKind.JMONGOS_HAPROXY) {
                    int front = FreePorts.next();
                    balancer = startHaproxy(front, lb);
                    clientPort = front;
                    info.append("haproxy", haproxyInfo(balancer));
                }
                started.add(new RunningTarget(kind, clientPort, main, server, balancer, info));
            }
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.forEach(RunningTarget::close);
            server.close();
            throw e;
        }
    }

    private RunningTarget startJvm(TargetKind kind, String mainClass) throws IOException, InterruptedException {
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>();
        cmd.add(config.javaBin());
        List<String> flags = jvmFlags(kind);
        cmd.addAll(flags);
        cmd.add("-Dlogback.configurationFile=logback-bench.xml");
        cmd.addAll(List.of("-cp", config.classpath(), mainClass, "--port", Integer.toString(port)));
        ChildProcess server = ChildProcess.start(kind.id(), cmd, config.runDir().resolve(kind.id() + ".log"));
        try {
            server.awaitPort(port, START_TIMEOUT_MILLIS);
            BsonDocument info = info(server, flags).append("port", new BsonInt32(port));
            return new RunningTarget(kind, port, port, server, null, info);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Environment variable with extra JVM flags for jmongos targets only (e.g. an async-profiler -agentpath);
     * recorded with the other flags.
     */
    static final String EXTRA_JMONGOS_FLAGS_ENV = "BENCH_JMONGOS_JVM_FLAGS";

    private List<String> jvmFlags(TargetKind kind) {
        return jvmFlags(kind, kind.id());
    }

    private List<String> jvmFlags(TargetKind kind, String name) {
        List<String> flags = new ArrayList<>(config.jvmFlags());
        if (config.jfr() && kind.isJmongos()) {
            flags.add("-XX:StartFlightRecording=filename=" + config.runDir().resolve(name + ".jfr")
                    + ",settings=profile,dumponexit=true,jdk.ExecutionSample#period=" + JFR_SAMPLE_PERIOD);
        }
        if (config.asyncProfilerLib() != null && kind.isJmongos()) {
            flags.addAll(AsyncProfiler.JVM_FLAGS);
        }
        String extra = System.getenv(EXTRA_JMONGOS_FLAGS_ENV);
        if (kind.isJmongos() && extra != null && !extra.isBlank()) {
            flags.addAll(List.of(extra.trim().split("\\s+")));
        }
        return flags;
    }

    private static BsonDocument info(ChildProcess server, List<String> flags) {
        BsonArray given = new BsonArray();
        flags.forEach(f -> given.add(new BsonString(f)));
        return new BsonDocument("pid", new BsonInt32((int) server.pid()))
                .append("jvmFlagsGiven", given)
                .append("vmFlags", new BsonString(ProcessStats.vmFlags(server.pid())));
    }

    private ChildProcess startHaproxy(int front, int backendPort) throws IOException, InterruptedException {
        String cfg = HaproxyConfig.render(front, backendPort);
        var file = config.runDir().resolve("haproxy-" + front + ".cfg");
        Files.writeString(file, cfg);
        ChildProcess p = ChildProcess.start("haproxy",
                List.of(HaproxyConfig.BINARY, "-db", "-f", file.toString()), config.runDir().resolve("haproxy.log"));
        try {
            p.awaitPort(front, START_TIMEOUT_MILLIS);
        } catch (IOException | InterruptedException e) {
            p.close();
            throw e;
        }
        return p;
    }

    private static BsonDocument haproxyInfo(ChildProcess p) {
        return new BsonDocument("version", new BsonString(HaproxyConfig.version()))
                .append("command", new BsonString(String.join(" ", p.command())));
    }
}
