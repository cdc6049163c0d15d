package io.jmongos.it.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonString;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
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
 * topologies, and the same with TLS and authentication for the {@code secured-} ones.</li>
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
    /** TLS and credentials of the secured cluster; null otherwise. */
    private SpecSecurity security;

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
        return startRemote(withBalancers, false);
    }

    /**
     * {@link #startRemote(boolean)}, and when {@code secured} with TLS and authentication everywhere
     * ({@link SpecSecurity}: every member requireTLS with one certificate and the CA, a key file, so the members
     * authenticate to each other as __system and clients must authenticate): the runner creates its user through
     * the first router (the localhost exception) and adds the shards as that user. HAProxy stays an L4 balancer:
     * the PROXY header goes in clear and TLS runs from the driver to the router.
     */
    static SpecCluster startRemote(boolean withBalancers, boolean secured) {
        SpecCluster c = new SpecCluster();
        return c.starting(() -> {
            List<String> secure = List.of();
            if (secured) {
                Path dir = Files.createTempDirectory("jmongos-spec-secured");
                c.dirs.add(dir);
                c.security = SpecSecurity.create(dir);
                secure = c.security.memberOptions();
            }
            JmongosServer config = c.server(secure, "--configsvr", "--port", "0", "--bind_ip", LOOPBACK, "--quiet");
            List<JmongosServer> shards = List.of(
                    c.server(secure, "--shardsvr", "--port", "0", "--bind_ip", LOOPBACK, "--quiet"),
                    c.server(secure, "--shardsvr", "--port", "0", "--bind_ip", LOOPBACK, "--quiet"));
            for (int i = 0; i < 2; i++) {
                JmongosServer router = c.server(secure, "--configdb", config.mainAddress(), "--port", "0",
                        "--bind_ip", LOOPBACK, "--quiet", "--setParameter", "enableTestCommands=1",
                        "--setParameter", "loadBalancerPort=" + FreePorts.next());
                c.mainPorts.add(router.mainPort());
                c.lbPorts.add(router.loadBalancerPort());
            }
            if (secured) {
                try (MongoClient first = c.adminClient(false)) {
                    first.getDatabase("admin").runCommand(SpecSecurity.createUser());
                }
            }
            try (MongoClient admin = c.adminClient(true)) {
                for (JmongosServer shard : shards) {
                    admin.getDatabase("admin").runCommand(new BsonDocument("addShard",
                            new BsonString(shard.mainAddress())));
                }
            }
            c.startBalancers(withBalancers, "send-proxy-v2 check inter 500ms");
        });
    }

    /** A client straight to the first router; on the secured cluster with TLS, and the user when asked. */
    private MongoClient adminClient(boolean authenticated) {
        MongoClientSettings.Builder b = MongoClientSettings.builder().applyConnectionString(
                new ConnectionString("mongodb://" + LOOPBACK + ":" + mainPorts.get(0) + "/?directConnection=true"));
        if (security != null) {
            if (authenticated) {
                security.apply(b);
            } else {
                security.applyTls(b);
            }
        }
        return MongoClients.create(b.build());
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
        return server(List.of(), args);
    }

    private JmongosServer server(List<String> security, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(security);
        JmongosServer s = JmongosServer.start(all);
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
        if (topology.secured() != (security != null)) {
            throw new IllegalStateException("topology " + topology.reportName() + " on a cluster "
                    + (security != null ? "with" : "without") + " TLS and authentication");
        }
        return topology.target(mongoses, single, multi, security);
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
