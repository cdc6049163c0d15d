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
import io.jmongos.router.command.data.RouterStages;
import io.jmongos.router.conn.ConnectionLifecycleListener;
import io.jmongos.router.conn.ConnectionRegistry;
import io.jmongos.router.conn.NetworkSettings;
import io.jmongos.router.health.RouterHealth;
import io.jmongos.router.metrics.RouterMeters;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.cursor.ClusterCursorManager;
import io.jmongos.router.cursor.CursorKillReason;
import io.jmongos.router.ops.OperationRegistry;
import io.jmongos.router.routing.ShardRequestSender;
import io.jmongos.router.session.LoadBalancerCleanup;
import io.jmongos.router.session.LogicalClock;
import io.jmongos.router.session.SessionLifecycle;
import io.jmongos.router.session.SessionParameters;
import io.jmongos.router.shard.DatabaseRouting;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardRegistry;
import io.jmongos.router.txn.TransactionRouter;
import io.jmongos.router.status.NetworkCounters;
import io.jmongos.router.status.OpCounters;
import io.jmongos.router.status.ServerStatusSections;

/**
 * The router's shared services, handed to every command through its context. Each service is a
 * plain object (no Netty); the frontend and the command layer reach them only through here. The core state of a
 * router lives here: the shards and where each database lives, the one request sender, logical sessions, cluster
 * cursors, transactions and current operations; modules plug in through {@link RouterModule}.
 * {@link #close()} stops the threads the services started (reapers, load-balancer cleanup drainers).
 */
public class RouterServices implements AutoCloseable {
    /** MongoDB's default slow operation threshold (operationProfiling.slowOpThresholdMs): 100 ms. */
    public static final int DEFAULT_SLOW_MS = 100;

    private final ShardRegistry shards;
    private final DatabaseRouting routing;
    private final ServerParameters parameters;
    private final LogicalClock clock = new LogicalClock();
    private final ClusterCursorManager cursors = new ClusterCursorManager(System::currentTimeMillis);
    private final TransactionRouter transactions = new TransactionRouter(System::currentTimeMillis, System::nanoTime);
    private final OperationRegistry operations = new OperationRegistry();
    private final ShardRequestSender sender;
    private final SessionLifecycle sessions;
    private final LoadBalancerCleanup loadBalancerCleanup;
    private final RouterStages routerStages = new RouterStages();
    private final CommandRegistry commands = new CommandRegistry();
    private final List<CommandInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final List<ConnectionLifecycleListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final ObjectId processId = new ObjectId();
    private final Instant startTime = Instant.now();
    private final long startNanos = System.nanoTime();
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final NetworkSettings network = new NetworkSettings();
    private final OpCounters opCounters = new OpCounters();
    private final NetworkCounters networkCounters = new NetworkCounters();
    private final ServerStatusSections serverStatus = new ServerStatusSections();
    private final RouterHealth health = new RouterHealth();
    private final RouterMeters metrics = new RouterMeters();
    private final AtomicInteger slowMs = new AtomicInteger(DEFAULT_SLOW_MS);
    private volatile BsonDocument cmdLineOpts = new BsonDocument("argv", new BsonArray())
            .append("parsed", new BsonDocument());

    /** A router over one shard that holds every database (the embedded single process, tests). */
    public RouterServices(Shard shard, ServerParameters parameters) {
        this(ShardRegistry.of(shard), DatabaseRouting.fixed(shard), parameters);
    }

    /** A router over the shards of {@code shards}, with databases placed by {@code routing}. */
    public RouterServices(ShardRegistry shards, DatabaseRouting routing, ServerParameters parameters) {
        this.shards = Objects.requireNonNull(shards);
        this.routing = Objects.requireNonNull(routing);
        this.parameters = Objects.requireNonNull(parameters);
        SessionParameters.register(parameters);
        this.sender = new ShardRequestSender(routing, transactions);
        this.sessions = new SessionLifecycle(parameters, cursors, transactions);
        this.loadBalancerCleanup = new LoadBalancerCleanup(cursors, transactions);
        loadBalancerCleanup.onCleanupLatency(metrics::loadBalancerCleanupDone);
        transactions.onTransactionEnd(t -> cursors.killForTransaction(t.lsid(), t.txnNumber(),
                CursorKillReason.TRANSACTION_ENDED));
    }

    /** Every shard this router knows, by name. */
    public ShardRegistry shards() {
        return shards;
    }

    /** Which shard is each database's primary, and its version. */
    public DatabaseRouting routing() {
        return routing;
    }

    /** The one way a client's command reaches a shard. */
    public ShardRequestSender sender() {
        return sender;
    }

    /** The router's cluster time ($clusterTime, operationTime). */
    public LogicalClock clock() {
        return clock;
    }

    /** Logical sessions: the cache, and ending, killing and expiring sessions with their cursors and transaction. */
    public SessionLifecycle sessions() {
        return sessions;
    }

    /** Cluster cursors: the client-visible cursors over shard cursors. */
    public ClusterCursorManager cursors() {
        return cursors;
    }

    /** mongos's TransactionRouter: every session's latest transaction and its participants. */
    public TransactionRouter transactions() {
        return transactions;
    }

    /** Operations running now ($currentOp, killOp). */
    public OperationRegistry operations() {
        return operations;
    }

    /** Aggregation stages the router answers itself ($currentOp, $listSessions ...). */
    public RouterStages routerStages() {
        return routerStages;
    }

    /** Kills the cursors and aborts the transactions of closed load-balanced connections. */
    public LoadBalancerCleanup loadBalancerCleanup() {
        return loadBalancerCleanup;
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

    /** Readiness checks, the drain state and what a drain waits for (HTTP endpoint, HAProxy agent, hello). */
    public RouterHealth health() {
        return health;
    }

    /** The router's own meters and the Prometheus registry behind {@code GET /metrics}. */
    public RouterMeters metrics() {
        return metrics;
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

    /** Stop the reapers and the load-balancer cleanup drainers (pending cleanups finish first). */
    @Override
    public void close() {
        sessions.close();
        loadBalancerCleanup.close();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    /** Close {@code c} with the services (a background task a command module started, e.g. the balancer). */
    public void closeOnShutdown(AutoCloseable c) {
        closeables.add(c);
    }
}
