package io.jmongos.router;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.types.ObjectId;

import io.jmongos.router.command.CommandInterceptor;
import io.jmongos.router.command.CommandRegistry;
import io.jmongos.router.conn.ConnectionLifecycleListener;
import io.jmongos.router.conn.ConnectionRegistry;
import io.jmongos.router.conn.NetworkSettings;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.status.NetworkCounters;
import io.jmongos.router.status.OpCounters;
import io.jmongos.router.status.ServerStatusSections;

/**
 * The router's shared services, handed to every command through its context. Each service is a
 * plain object (no Netty); the frontend and the command layer reach them only through here.
 * Services are added as fields here as they come (cursors, sessions, transactions, stats ...);
 * modules plug in through {@link RouterModule}.
 */
public class RouterServices {
    /** MongoDB's default slow operation threshold (operationProfiling.slowOpThresholdMs): 100 ms. */
    public static final int DEFAULT_SLOW_MS = 100;

    private final Shard primaryShard;
    private final ServerParameters parameters;
    private final CommandRegistry commands = new CommandRegistry();
    private final List<CommandInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final List<ConnectionLifecycleListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final ObjectId processId = new ObjectId();
    private final Instant startTime = Instant.now();
    private final long startNanos = System.nanoTime();
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final NetworkSettings network = new NetworkSettings();
    private final OpCounters opCounters = new OpCounters();
    private final NetworkCounters networkCounters = new NetworkCounters();
    private final ServerStatusSections serverStatus = new ServerStatusSections();
    private final AtomicInteger slowMs = new AtomicInteger(DEFAULT_SLOW_MS);
    private volatile BsonDocument cmdLineOpts = new BsonDocument("argv", new BsonArray())
            .append("parsed", new BsonDocument());

    public RouterServices(Shard primaryShard, ServerParameters parameters) {
        this.primaryShard = Objects.requireNonNull(primaryShard);
        this.parameters = Objects.requireNonNull(parameters);
    }

    /** The shard that holds every database today (the embedded engine by default). */
    public Shard primaryShard() {
        return primaryShard;
    }

    public ServerParameters parameters() {
        return parameters;
    }

    public CommandRegistry commands() {
        return commands;
    }

    /** Interceptors around every command, outermost first. */
    public List<CommandInterceptor> interceptors() {
        return interceptors;
    }

    /** Listeners told of every connection opened and closed. */
    public List<ConnectionLifecycleListener> connectionListeners() {
        return connectionListeners;
    }

    /**
     * This process' id: {@code topologyVersion.processId} in hello replies and the {@code serviceId}
     * of load-balanced connections (one ObjectId for the life of the process).
     */
    public ObjectId processId() {
        return processId;
    }

    public Instant startTime() {
        return startTime;
    }

    /** Milliseconds since this router started (monotonic). */
    public long uptimeMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    /** Open client connections and the counters of serverStatus.connections. */
    public ConnectionRegistry connections() {
        return connections;
    }

    /** Compressors, connection limit and the ports actually bound. */
    public NetworkSettings network() {
        return network;
    }

    public OpCounters opCounters() {
        return opCounters;
    }

    public NetworkCounters networkCounters() {
        return networkCounters;
    }

    /** serverStatus sections; services register theirs here (e.g. transactions, metrics.cursor). */
    public ServerStatusSections serverStatus() {
        return serverStatus;
    }

    /** Commands slower than this many milliseconds are logged as "Slow query" (51803). */
    public int slowMs() {
        return slowMs.get();
    }

    public void setSlowMs(int ms) {
        slowMs.set(ms);
    }

    /** {@code getCmdLineOpts}: {@code {argv: [...], parsed: {...}}}, set by the server at startup. */
    public BsonDocument cmdLineOpts() {
        return cmdLineOpts;
    }

    public void setCmdLineOpts(BsonDocument opts) {
        this.cmdLineOpts = Objects.requireNonNull(opts);
    }
}
