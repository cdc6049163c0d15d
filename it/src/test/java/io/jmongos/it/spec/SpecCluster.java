package io.jmongos.it.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonString;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.jmongos.it.lb.FreePorts;
import io.jmongos.it.lb.HaproxyProcess;
import io.jmongos.server.JmongosServer;

/**
 * What the spec tests run against, in one JVM over real loopback TCP. Two kinds:
 * <ul>
 * <li>{@link #startEmbedded}: two jmongos over one shared embedded store (the first started as the command line
 * does, the second a router over the first one's store), for the {@code sharded} and {@code load-balanced}
 * topologies;</li>
 * <li>{@link #startRemote}: a cluster as the README starts it: a config server ({@code --configsvr}), two shard
 * servers ({@code --shardsvr}) and two routers ({@code --configdb}) that reach every shard through RemoteShard,
 * both shards added through the first router, for the {@code cluster-sharded} and {@code cluster-load-balanced}
 * topologies.</li>
 * </ul>
 * The two routers have enableTestCommands=1 and a load-balancer port. With balancers, two real HAProxy instances
 * with send-proxy-v2 sit on the routers' LB ports: one in front of the first router (the "single mongos" load
 * balancer) and one round-robin in front of both (the "multiple mongoses" load balancer), as the Unified Test
 * Format's load-balanced topology needs.
 */
final class SpecCluster implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<Integer> mainPorts = new ArrayList<>();
    private final List<Integer> lbPorts = new ArrayList<>();
    private final List<HaproxyProcess> balancers = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    private SpecCluster() {
    }

    /** Two jmongos over one embedded store; HAProxy too when {@code withBalancers}. */
    static SpecCluster startEmbedded(boolean withBalancers) {
        SpecCluster c = new SpecCluster();
        return c.starting(() -> {
            JmongosServer first = c.server("--port", "0", "--bind_ip", LOOPBACK, "--quiet",
                    "--setParameter", "enableTestCommands=1",
                    "--setParameter", "loadBalancerPort=" + FreePorts.next());
            c.mainPorts.add(first.mainPort());
            c.lbPorts.add(first.loadBalancerPort());
            SharedStore second = SharedStore.start(first.services().shards().all().get(0), FreePorts.next(),
                    Map.of("enableTestCommands", "1"));
            c.started.add(second);
            c.mainPorts.add(second.mainPort());
            c.lbPorts.add(second.loadBalancerPort());
            c.startBalancers(withBalancers, "send-proxy-v2");
        });
    }

    /**
     * A config server, two shard servers and two routers in front of them (both shards added); HAProxy with
     * {@code send-proxy-v2 check} on the routers' LB ports too when {@code withBalancers}.
     */
    static SpecCluster startRemote(boolean withBalancers) {
        SpecCluster c = new SpecCluster();
        return c.starting(() -> {
            JmongosServer config = c.server("--configsvr", "--port", "0", "--bind_ip", LOOPBACK, "--quiet");
            List<JmongosServer> shards = List.of(
                    c.server("--shardsvr", "--port", "0", "--bind_ip", LOOPBACK, "--quiet"),
                    c.server("--shardsvr", "--port", "0", "--bind_ip", LOOPBACK, "--quiet"));
            for (int i = 0; i < 2; i++) {
                JmongosServer router = c.server("--configdb", config.mainAddress(), "--port", "0",
                        "--bind_ip", LOOPBACK, "--quiet", "--setParameter", "enableTestCommands=1",
                        "--setParameter", "loadBalancerPort=" + FreePorts.next());
                c.mainPorts.add(router.mainPort());
                c.lbPorts.add(router.loadBalancerPort());
            }
            try (MongoClient admin = MongoClients.create("mongodb://" + LOOPBACK + ":" + c.mainPorts.get(0)
                    + "/?directConnection=true")) {
                for (JmongosServer shard : shards) {
                    admin.getDatabase("admin").runCommand(new BsonDocument("addShard",
                            new BsonString(shard.mainAddress())));
                }
            }
            c.startBalancers(withBalancers, "send-proxy-v2 check inter 500ms");
        });
    }

    private interface Steps {
        void run() throws IOException, InterruptedException;
    }

    private SpecCluster starting(Steps steps) {
        try {
            steps.run();
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw new IllegalStateException("cannot start the spec test cluster: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the spec test cluster", e);
        }
    }

    private JmongosServer server(String... args) {
        JmongosServer s = JmongosServer.start(List.of(args));
        started.add(s);
        return s;
    }

    private void startBalancers(boolean withBalancers, String serverOptions) throws IOException, InterruptedException {
        if (withBalancers) {
            balancers.add(haproxy(List.of(lbPorts.get(0)), serverOptions));
            balancers.add(haproxy(lbPorts, serverOptions));
        }
    }

    private HaproxyProcess haproxy(List<Integer> backends, String serverOptions)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jmongos-spec-haproxy");
        dirs.add(dir);
        return HaproxyProcess.start(dir, backends, serverOptions);
    }

    /** Whether the HAProxy binary the load-balanced topology needs is installed. */
    static boolean haproxyInstalled() {
        return Files.isExecutable(HaproxyProcess.BINARY);
    }

    boolean hasBalancers() {
        return balancers.size() == 2;
    }

    /** The target for a topology; a load-balanced one needs a cluster started with balancers. */
    SpecTarget target(Topology topology) {
        List<String> mongoses = mainPorts.stream().map(p -> LOOPBACK + ":" + p).toList();
        if (topology.loadBalanced() && balancers.size() < 2) {
            throw new IllegalStateException("the cluster was started without load balancers");
        }
        String single = balancers.isEmpty() ? null : LOOPBACK + ":" + balancers.get(0).port();
        String multi = balancers.isEmpty() ? null : LOOPBACK + ":" + balancers.get(1).port();
        return topology.target(mongoses, single, multi);
    }

    @Override
    public void close() {
        for (HaproxyProcess b : balancers) {
            try {
                b.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        // routers first, then the shard and config servers they use
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort: stop the rest
            }
        }
        for (Path d : dirs) {
            try (var files = Files.walk(d)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp folder
            }
        }
    }
}
