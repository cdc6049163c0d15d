package io.jmongos.it.cluster.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Assumptions;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.it.lb.FreePorts;
import io.jmongos.it.lb.HaproxyProcess;

/**
 * A cluster of separate JVMs on free loopback ports: a config server ({@code --configsvr}), two shard servers
 * ({@code --shardsvr}, added through the first router as {@code shard0000} and {@code shard0001}) and N routers
 * ({@code --configdb}, each with {@code --setParameter loadBalancerPort=...}), with a real HAProxy
 * ({@code send-proxy-v2 check}) over the routers' LB ports. Every process is started at once and awaited with a
 * deadline; {@link #close()} stops everything it started, whatever failed, and every process also has a shutdown
 * hook. Logs are files in {@link #dir()}.
 */
final class ClusterProcesses implements AutoCloseable {
    static final String SHARD_A = "shard0000";
    static final String SHARD_B = "shard0001";
    /** The server options of the tested HAProxy configuration (README, docs/LOAD_BALANCER.md). */
    static final String BALANCER_SERVER_OPTIONS = "send-proxy-v2 check inter 500ms";
    /** The agent-check options of each server line with {@link ClusterOptions#agentCheck} (docs/OPERATIONS.md). */
    static final String AGENT_CHECK_OPTIONS = "agent-check agent-port %d agent-inter 1s";
    /** The defaults lines that let a connection attempt to a router between drain and restart go to another. */
    static final List<String> AGENT_CHECK_DEFAULTS = List.of("retries 3", "option redispatch");
    /**
     * A bound on every driver operation of the tests (socketTimeoutMS): a router that hangs fails the test with a
     * socket timeout instead of hanging the build. Never reached when the product is right.
     */
    static final int CLIENT_SOCKET_TIMEOUT_MS = 60_000;

    private final Path dir;
    private final ClusterOptions options;
    private final List<JmongosProcess> all = new ArrayList<>();
    private final List<JmongosProcess> shards = new ArrayList<>();
    private final List<JmongosProcess> routers = new ArrayList<>();
    private final List<Integer> lbPorts = new ArrayList<>();
    private final List<Integer> agentPorts = new ArrayList<>();
    private JmongosProcess config;
    private HaproxyProcess haproxy;

    private ClusterProcesses(Path dir, ClusterOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /** Start the whole cluster in {@code dir} (logs, dbpaths, HAProxy's config); everything is stopped on failure. */
    static ClusterProcesses start(Path dir, ClusterOptions options) {
        JmongosProcess.jar();
        ClusterProcesses c = new ClusterProcesses(dir, options);
        try {
            c.launchAll();
            c.addShards();
            c.startBalancer();
            return c;
        } catch (RuntimeException | Error e) {
            String logs = c.logs();
            c.close();
            if (e instanceof org.opentest4j.TestAbortedException) {
                throw e;
            }
            throw new AssertionError("the cluster did not start: " + e + "\n" + logs, e);
        }
    }

    private void launchAll() {
        config = launch("configsvr", List.of("--configsvr"));
        for (int i = 0; i < 2; i++) {
            List<String> args = new ArrayList<>(List.of("--shardsvr"));
            if (options.durableShards()) {
                args.addAll(List.of("--dbpath", dbPath("shard" + i).toString()));
            }
            for (String p : options.shardParameters()) {
                args.addAll(List.of("--setParameter", p));
            }
            shards.add(launch("shard" + i, args));
        }
        for (int i = 0; i < options.routers(); i++) {
            int lb = FreePorts.next();
            lbPorts.add(lb);
            List<String> args = new ArrayList<>(List.of("--configdb", config.address(),
                    "--setParameter", "loadBalancerPort=" + lb));
            if (options.agentCheck()) {
                int agent = FreePorts.next();
                agentPorts.add(agent);
                args.addAll(List.of("--setParameter", "agentCheckPort=" + agent));
            }
            routers.add(launch("router" + i, args));
        }
        for (JmongosProcess p : all) {
            p.awaitReady();
        }
    }

    private JmongosProcess launch(String name, List<String> args) {
        JmongosProcess p = JmongosProcess.launch(name, dir, FreePorts.next(), args);
        all.add(p);
        return p;
    }

    private Path dbPath(String name) {
        try {
            return Files.createDirectories(dir.resolve(name + "-data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addShards() {
        try (MongoClient c = direct(routers.get(0))) {
            for (int i = 0; i < shards.size(); i++) {
                Document reply = c.getDatabase("admin").runCommand(new Document("addShard", shards.get(i).address()));
                assertThat(reply.getString("shardAdded")).isEqualTo(shardName(i));
            }
        }
    }

    private void startBalancer() {
        if (!options.balancer() || !Files.isExecutable(HaproxyProcess.BINARY)) {
            return;
        }
        try {
            Path d = Files.createDirectories(dir.resolve("haproxy"));
            if (options.agentCheck()) {
                List<String> perServer = new ArrayList<>();
                for (int agent : agentPorts) {
                    perServer.add(BALANCER_SERVER_OPTIONS + " " + String.format(AGENT_CHECK_OPTIONS, agent));
                }
                haproxy = HaproxyProcess.start(d, lbPorts, perServer, AGENT_CHECK_DEFAULTS);
            } else {
                haproxy = HaproxyProcess.start(d, lbPorts, BALANCER_SERVER_OPTIONS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting HAProxy", e);
        }
        try (MongoClient c = balanced()) {
            c.getDatabase("admin").runCommand(new Document("ping", 1));
        }
    }

    static String shardName(int index) {
        return index == 0 ? SHARD_A : SHARD_B;
    }

    Path dir() {
        return dir;
    }

    JmongosProcess config() {
        return config;
    }

    /** Shard server {@code index} (0 is {@code shard0000}). */
    JmongosProcess shard(int index) {
        return shards.get(index);
    }

    /** The shard server called {@code name} ({@code shard0000} or {@code shard0001}). */
    JmongosProcess shard(String name) {
        return shards.get(name.equals(SHARD_A) ? 0 : 1);
    }

    static String otherShard(String name) {
        return name.equals(SHARD_A) ? SHARD_B : SHARD_A;
    }

    JmongosProcess router(int index) {
        return routers.get(index);
    }

    List<JmongosProcess> routers() {
        return List.copyOf(routers);
    }

    /** Every jmongos process, config server first. */
    List<JmongosProcess> processes() {
        return List.copyOf(all);
    }

    /** HAProxy in front of every router's LB port; skips the calling test when HAProxy is not installed. */
    HaproxyProcess balancer() {
        HaproxyProcess.assumeInstalled();
        Assumptions.assumeTrue(haproxy != null, "this cluster was started without a balancer");
        return haproxy;
    }

    /** A driver client straight to one process's main port (a router, or a shard server to see its own state). */
    static MongoClient direct(JmongosProcess p) {
        return MongoClients.create("mongodb://" + p.address() + "/?directConnection=true&serverMonitoringMode=poll"
                + "&socketTimeoutMS=" + CLIENT_SOCKET_TIMEOUT_MS);
    }

    /** A fresh load-balanced driver client through HAProxy. */
    MongoClient balanced() {
        return MongoClients.create(balancedUri());
    }

    String balancedUri() {
        return "mongodb://127.0.0.1:" + balancer().port() + "/?loadBalanced=true&socketTimeoutMS="
                + CLIENT_SOCKET_TIMEOUT_MS;
    }

    /** Every log (jmongos processes and HAProxy), whole. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (JmongosProcess p : all) {
            sb.append("---- ").append(p.name()).append(" (").append(p.logFile()).append("):\n").append(p.log());
        }
        if (haproxy != null) {
            sb.append("---- haproxy:\n").append(haproxy.output());
        }
        return sb.toString();
    }

    /**
     * Stops HAProxy, then the routers (all at once), then the shard servers and the config server, each whatever
     * happened to the others: SIGTERM, SIGKILL after {@link JmongosProcess#STOP_TIMEOUT}.
     */
    @Override
    public void close() {
        if (haproxy != null) {
            haproxy.close();
        }
        stopAll(routers);
        List<JmongosProcess> data = new ArrayList<>(shards);
        if (config != null) {
            data.add(config);
        }
        stopAll(data);
    }

    private static void stopAll(List<JmongosProcess> group) {
        group.forEach(JmongosProcess::signalStop);
        group.forEach(JmongosProcess::close);
    }
}
