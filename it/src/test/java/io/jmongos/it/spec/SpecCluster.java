package io.jmongos.it.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jmongos.it.lb.FreePorts;
import io.jmongos.it.lb.HaproxyProcess;
import io.jmongos.server.JmongosServer;

/**
 * What the spec tests run against: two in-process jmongos over one shared embedded store (the first
 * started as the command line does, the second a router over the first one's store; both with
 * enableTestCommands=1 and a load-balancer port), and two real HAProxy instances with send-proxy-v2:
 * one in front of the first jmongos (the "single mongos" load balancer) and one round-robin in front of
 * both (the "multiple mongoses" load balancer), as the Unified Test Format's load-balanced topology needs.
 */
final class SpecCluster implements AutoCloseable {
    private final List<JmongosServer> servers = new ArrayList<>();
    private final List<SharedStore> routers = new ArrayList<>();
    private final List<Integer> mainPorts = new ArrayList<>();
    private final List<Integer> lbPorts = new ArrayList<>();
    private final List<HaproxyProcess> balancers = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    private SpecCluster() {
    }

    /** Start the jmongos; HAProxy too when {@code withBalancers}. */
    static SpecCluster start(boolean withBalancers) {
        SpecCluster c = new SpecCluster();
        try {
            JmongosServer first = JmongosServer.start(List.of("--port", "0", "--bind_ip", "127.0.0.1", "--quiet",
                    "--setParameter", "enableTestCommands=1",
                    "--setParameter", "loadBalancerPort=" + FreePorts.next()));
            c.servers.add(first);
            c.mainPorts.add(first.mainPort());
            c.lbPorts.add(first.loadBalancerPort());
            SharedStore second = SharedStore.start(first.services().shards().all().get(0), FreePorts.next(),
                    Map.of("enableTestCommands", "1"));
            c.routers.add(second);
            c.mainPorts.add(second.mainPort());
            c.lbPorts.add(second.loadBalancerPort());
            if (withBalancers) {
                c.balancers.add(c.haproxy(List.of(c.lbPorts.get(0))));
                c.balancers.add(c.haproxy(c.lbPorts));
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw new IllegalStateException("cannot start the spec test cluster: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw new IllegalStateException("interrupted while starting the spec test cluster", e);
        }
    }

    private HaproxyProcess haproxy(List<Integer> backends) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jmongos-spec-haproxy");
        dirs.add(dir);
        return HaproxyProcess.start(dir, backends, "send-proxy-v2");
    }

    /** Whether the HAProxy binary the load-balanced topology needs is installed. */
    static boolean haproxyInstalled() {
        return Files.isExecutable(HaproxyProcess.BINARY);
    }

    boolean hasBalancers() {
        return balancers.size() == 2;
    }

    /** The target for a topology; load-balanced needs a cluster started with balancers. */
    SpecTarget target(Topology topology) {
        List<String> mongoses = mainPorts.stream().map(p -> "127.0.0.1:" + p).toList();
        if (topology == Topology.LOAD_BALANCED && balancers.size() < 2) {
            throw new IllegalStateException("the cluster was started without load balancers");
        }
        String single = balancers.isEmpty() ? null : "127.0.0.1:" + balancers.get(0).port();
        String multi = balancers.isEmpty() ? null : "127.0.0.1:" + balancers.get(1).port();
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
        routers.forEach(SharedStore::close);
        servers.forEach(JmongosServer::close);
        for (Path d : dirs) {
            try (var files = Files.walk(d)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp folder
            }
        }
    }
}
