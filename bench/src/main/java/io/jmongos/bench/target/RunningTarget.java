package io.jmongos.bench.target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;

import io.jmongos.bench.security.BenchSecurity;

/**
 * A started target: where clients connect, how (load-balanced, PROXY header), the server process whose memory
 * is measured, the processes behind it (a router's shard server and config server), and what was recorded about
 * it (command line, JVM flags, heap, versions).
 */
public final class RunningTarget implements AutoCloseable {
    private final TargetKind kind;
    private final int clientPort;
    private final ChildProcess server;
    private final ChildProcess balancer;
    private final List<ChildProcess> backends;
    private final int mainPort;
    private final BsonDocument info;
    private final BenchSecurity security;

    RunningTarget(TargetKind kind, int clientPort, int mainPort, ChildProcess server, ChildProcess balancer,
                  BsonDocument info) {
        this(kind, clientPort, mainPort, server, balancer, List.of(), info);
    }

    RunningTarget(TargetKind kind, int clientPort, int mainPort, ChildProcess server, ChildProcess balancer,
                  List<ChildProcess> backends, BsonDocument info) {
        this(kind, clientPort, mainPort, server, balancer, backends, info, null);
    }

    RunningTarget(TargetKind kind, int clientPort, int mainPort, ChildProcess server, ChildProcess balancer,
                  List<ChildProcess> backends, BsonDocument info, BenchSecurity security) {
        if (server == null) {
            throw new IllegalArgumentException("a started target has a server process");
        }
        this.kind = kind;
        this.clientPort = clientPort;
        this.mainPort = mainPort;
        this.server = server;
        this.balancer = balancer;
        this.backends = List.copyOf(backends);
        this.info = info;
        this.security = security;
    }

    /** A server inside the load generator's own JVM (client warm-up only: nothing is measured on it). */
    public static RunningTarget inProcess(TargetKind kind, int port) {
        return new RunningTarget(kind, port, port, new BsonDocument());
    }

    private RunningTarget(TargetKind kind, int clientPort, int mainPort, BsonDocument info) {
        this.kind = kind;
        this.clientPort = clientPort;
        this.mainPort = mainPort;
        this.server = null;
        this.balancer = null;
        this.backends = List.of();
        this.info = info;
        this.security = null;
    }

    public TargetKind kind() {
        return kind;
    }

    /** The port load clients use (main port, LB port, or HAProxy's frontend). */
    public int clientPort() {
        return clientPort;
    }

    /** The server's main (non-LB) port, for admin clients that poll while the load runs elsewhere. */
    public int mainPort() {
        return mainPort;
    }

    public ChildProcess server() {
        return server;
    }

    /** The JVMs behind the server that the load also exercises (a router's shard and config servers). */
    public List<ChildProcess> backends() {
        return backends;
    }

    /**
     * Every process that serves this target's load, by name: the server, the balancer in front of it (HAProxy)
     * and the backends (a router's shard and config server). Empty for an in-process server.
     */
    public Map<String, Long> processes() {
        Map<String, Long> p = new LinkedHashMap<>();
        if (server != null) {
            p.put(server.name(), server.pid());
        }
        if (balancer != null) {
            p.put(balancer.name(), balancer.pid());
        }
        backends.forEach(b -> p.put(b.name(), b.pid()));
        return p;
    }

    public BsonDocument info() {
        return info;
    }

    /** The certificate clients must trust when the target serves TLS; null for a plain target. */
    public BenchSecurity security() {
        return security;
    }

    @Override
    public void close() {
        if (balancer != null) {
            balancer.close();
        }
        if (server != null) {
            server.close();
        }
        backends.forEach(ChildProcess::close);
    }
}
