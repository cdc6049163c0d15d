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
import io.jmongos.bench.security.BenchSecurity;
import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientOptions;
import io.jmongos.wire.client.WireClientSecurity;

/** Starts each kind of target as separate processes on free loopback ports. */
public final class TargetLauncher {
    /** A JVM target has this long to start listening (2 shared cores, cold JIT). */
    static final long START_TIMEOUT_MILLIS = 120_000;
    /** JFR's "profile" samples Java stacks every 10 ms; short loads need more samples to show hot frames. */
    static final String JFR_SAMPLE_PERIOD = "2ms";

    /** Process names of the cluster's three JVMs (their logs, JFR files and profiles are named after them). */
    static final String CLUSTER_CONFIG = "cluster-config";
    static final String CLUSTER_SHARD = "cluster-shard";
    static final String CLUSTER_ROUTER = "cluster-router";

    private final LaunchConfig config;
    /** The secured targets' certificate, made at the first secured start of the run. */
    private BenchSecurity security;

    public TargetLauncher(LaunchConfig config) {
        this.config = config;
    }

    /** The run's certificate (made in the run folder on first use). */
    public synchronized BenchSecurity security() throws IOException {
        if (security == null) {
            security = BenchSecurity.create(config.runDir());
        }
        return security;
    }

    public LaunchConfig config() {
        return config;
    }

    /** Start a peer, limit or shard-server target (jmongos and cluster targets start through their own methods). */
    public RunningTarget start(TargetKind kind) throws IOException, InterruptedException {
        return switch (kind) {
            case MJS -> startJvm(kind, "io.jmongos.bench.peer.MongoJavaServerMain");
            case LIMIT -> startJvm(kind, "io.jmongos.bench.limit.LimitServer");
            case SHARDSVR -> startShardServer();
            case CLUSTER, CLUSTER_LB -> startCluster(List.of(kind)).get(0);
            case JMONGOS_TLS, JMONGOS_AUTH -> startSecured(kind);
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
        List<String> flags = jvmFlags(kinds.get(0), name);
        flags.addAll(extraFlags);
        ChildProcess server = startJmongosProcess(name, flags, List.of("--port", Integer.toString(main),
                "--bind_ip", "127.0.0.1", "--setParameter", "loadBalancerPort=" + lb), main);
        List<RunningTarget> started = new ArrayList<>();
        try {
            BsonDocument base = jmongosInfo(server, flags, name);
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

    /**
     * A jmongos process of its own with TLS on ({@code --tlsMode requireTLS} and the run's certificate); for
     * {@code jmongos-auth} also {@code --auth}, and the load generator's user is created through the localhost
     * exception (SCRAM credentials with the default 15,000 SHA-256 iterations).
     */
    private RunningTarget startSecured(TargetKind kind) throws IOException, InterruptedException {
        BenchSecurity sec = security();
        String name = kind.id();
        int port = FreePorts.next();
        List<String> flags = jvmFlags(kind, name);
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind_ip", "127.0.0.1",
                "--tlsMode", "requireTLS", "--tlsCertificateKeyFile", sec.certificateKeyFile().toString()));
        if (kind.authenticates()) {
            args.add("--auth");
        }
        ChildProcess server = startJmongosProcess(name, flags, args, port);
        try {
            if (kind.authenticates()) {
                try (BlockingWireClient c = BlockingWireClient.open("127.0.0.1", port, WireClientOptions.defaults()
                        .withSecurity(WireClientSecurity.NONE.withTls(sec::nettyClientContext)))) {
                    c.runOk(new BsonDocument("createUser", new BsonString(BenchSecurity.USER))
                            .append("pwd", new BsonString(BenchSecurity.PASSWORD))
                            .append("roles", new BsonArray(List.of(new BsonString("root"))))
                            .append("$db", new BsonString(BenchSecurity.USER_DB)));
                }
            }
            BsonDocument info = jmongosInfo(server, flags, name).append("mainPort", new BsonInt32(port))
                    .append("tls", new BsonString("requireTLS, " + sec.certificateKeyFile()))
                    .append("auth", new BsonString(kind.authenticates() ? "--auth, user " + BenchSecurity.USER
                            + "@" + BenchSecurity.USER_DB + " (SCRAM-SHA-256, 15000 iterations)" : "off"));
            return new RunningTarget(kind, port, port, server, null, List.of(), info, sec);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A jmongos process for the idle TLS run: {@code --tlsMode allowTLS} (plain and TLS clients on the main port),
     * with {@code extraFlags}; its target is {@code jmongos-tls} on the main port.
     */
    public RunningTarget startIdleTls(String name, List<String> extraFlags) throws IOException, InterruptedException {
        BenchSecurity sec = security();
        int port = FreePorts.next();
        List<String> flags = jvmFlags(TargetKind.JMONGOS_TLS, name);
        flags.addAll(extraFlags);
        ChildProcess server = startJmongosProcess(name, flags, List.of("--port", Integer.toString(port),
                "--bind_ip", "127.0.0.1", "--tlsMode", "allowTLS", "--tlsCertificateKeyFile",
                sec.certificateKeyFile().toString()), port);
        try {
            BsonDocument info = jmongosInfo(server, flags, name).append("mainPort", new BsonInt32(port))
                    .append("tls", new BsonString("allowTLS, " + sec.certificateKeyFile()));
            return new RunningTarget(TargetKind.JMONGOS_TLS, port, port, server, null, List.of(), info, sec);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A shard server alone: {@code jmongos --shardsvr}, its embedded in-memory store, no router in front. */
    private RunningTarget startShardServer() throws IOException, InterruptedException {
        String name = TargetKind.SHARDSVR.id();
        int port = FreePorts.next();
        List<String> flags = jvmFlags(TargetKind.SHARDSVR, name);
        ChildProcess server = startJmongosProcess(name, flags, List.of("--shardsvr", "--port",
                Integer.toString(port), "--bind_ip", "127.0.0.1"), port);
        try {
            BsonDocument info = jmongosInfo(server, flags, name).append("mainPort", new BsonInt32(port));
            return new RunningTarget(TargetKind.SHARDSVR, port, port, server, null, info);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A cluster of three jmongos processes serving every target of {@code kinds}: a config server
     * ({@code --configsvr}), one shard server ({@code --shardsvr}, its own, not the {@code shardsvr} target's) and a
     * router ({@code --configdb}, main and LB port) with the shard added through it. {@code cluster} is the router's
     * main port, {@code cluster-lb} its LB port. Closing any of the returned targets stops all three.
     */
    public List<RunningTarget> startCluster(List<TargetKind> kinds) throws IOException, InterruptedException {
        int configPort = FreePorts.next();
        int shardPort = FreePorts.next();
        int main = FreePorts.next();
        int lb = FreePorts.next();
        List<ChildProcess> backends = new ArrayList<>();
        ChildProcess router = null;
        try {
            List<String> configFlags = jvmFlags(kinds.get(0), CLUSTER_CONFIG);
            backends.add(startJmongosProcess(CLUSTER_CONFIG, configFlags, List.of("--configsvr", "--port",
                    Integer.toString(configPort), "--bind_ip", "127.0.0.1"), configPort));
            List<String> shardFlags = jvmFlags(kinds.get(0), CLUSTER_SHARD);
            backends.add(startJmongosProcess(CLUSTER_SHARD, shardFlags, List.of("--shardsvr", "--port",
                    Integer.toString(shardPort), "--bind_ip", "127.0.0.1"), shardPort));
            List<String> flags = jvmFlags(kinds.get(0), CLUSTER_ROUTER);
            router = startJmongosProcess(CLUSTER_ROUTER, flags, List.of("--configdb", "127.0.0.1:" + configPort,
                    "--port", Integer.toString(main), "--bind_ip", "127.0.0.1",
                    "--setParameter", "loadBalancerPort=" + lb), main);
            addShard(main, "127.0.0.1:" + shardPort);
            BsonDocument base = jmongosInfo(router, flags, CLUSTER_ROUTER)
                    .append("mainPort", new BsonInt32(main)).append("loadBalancerPort", new BsonInt32(lb))
                    .append("shardServer", backendInfo(backends.get(1), shardPort))
                    .append("configServer", backendInfo(backends.get(0), configPort))
                    .append("note", new BsonString("router pid " + router.pid() + " -> shard server pid "
                            + backends.get(1).pid() + " (config server pid " + backends.get(0).pid()
                            + "), each its own JVM with the same flags; the shard server is not the shardsvr"
                            + " target's"));
            List<RunningTarget> started = new ArrayList<>();
            for (TargetKind kind : kinds) {
                started.add(new RunningTarget(kind, kind.loadBalanced() ? lb : main, main, router, null, backends,
                        base.clone()));
            }
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (router != null) {
                router.close();
            }
            backends.forEach(ChildProcess::close);
            throw e;
        }
    }

    /** Adds the shard through the router, as an operator would ({@code sh.addShard}), on wire's own client. */
    private static void addShard(int routerPort, String shardHost) {
        try (BlockingWireClient c = BlockingWireClient.open(routerPort, WireClientOptions.defaults())) {
            c.runOk(new BsonDocument("addShard", new BsonString(shardHost)).append("$db", new BsonString("admin")));
        }
    }

    /** Starts jmongos with {@code flags} and {@code args} and waits until it listens on {@code port}. */
    private ChildProcess startJmongosProcess(String name, List<String> flags, List<String> args, int port)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(config.javaBin());
        cmd.addAll(flags);
        if (config.jmongosJar() != null) {
            cmd.add("-jar");
            cmd.add(config.jmongosJar().toString());
        } else {
            cmd.add("-cp");
            cmd.add(config.classpath());
            cmd.add("io.jmongos.server.JmongosMain");
        }
        cmd.addAll(args);
        ChildProcess server = ChildProcess.start(name, cmd, config.runDir().resolve(name + ".log"));
        try {
            server.awaitPort(port, START_TIMEOUT_MILLIS);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private BsonDocument jmongosInfo(ChildProcess server, List<String> flags, String name) {
        return info(server, flags)
                .append("launch", new BsonString(config.jmongosJar() != null ? "shaded jar " + config.jmongosJar()
                        : "class path, io.jmongos.server.JmongosMain"))
                .append("process", new BsonString(name));
    }

    private static BsonDocument backendInfo(ChildProcess p, int port) {
        return new BsonDocument("process", new BsonString(p.name())).append("pid", new BsonInt32((int) p.pid()))
                .append("port", new BsonInt32(port)).append("command", new BsonString(String.join(" ", p.command())))
                .append("vmFlags", new BsonString(ProcessStats.vmFlags(p.pid())));
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
        if (config.jfr() && kind.runsJmongos()) {
            flags.add("-XX:StartFlightRecording=filename=" + config.runDir().resolve(name + ".jfr")
                    + ",settings=profile,dumponexit=true,jdk.ExecutionSample#period=" + JFR_SAMPLE_PERIOD);
        }
        if (config.asyncProfilerLib() != null && kind.runsJmongos()) {
            flags.addAll(AsyncProfiler.JVM_FLAGS);
        }
        String extra = System.getenv(EXTRA_JMONGOS_FLAGS_ENV);
        if (kind.runsJmongos() && extra != null && !extra.isBlank()) {
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
