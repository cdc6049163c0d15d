package io.jmongos.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.jmongos.common.CommandFailedException;
import io.jmongos.router.RouterBootstrap;
import io.jmongos.router.RouterModule;
import io.jmongos.router.RouterServices;
import io.jmongos.router.auth.AuthParameters;
import io.jmongos.router.auth.AuthService;
import io.jmongos.router.auth.InternalAuthKeys;
import io.jmongos.router.frontend.FrontendConfig;
import io.jmongos.router.drain.GracefulDrain;
import io.jmongos.router.frontend.ListenerBindException;
import io.jmongos.router.frontend.OperatorListeners;
import io.jmongos.router.frontend.RouterServer;
import io.jmongos.router.frontend.tls.TlsConfigException;
import io.jmongos.router.frontend.tls.TlsServerContext;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.param.CoreParameters;
import io.jmongos.router.param.ServerParameters;
import io.jmongos.router.cluster.ClusterCommands;
import io.jmongos.router.sharding.ShardingCommands;
import io.jmongos.router.shard.InProcessShard;
import io.jmongos.router.shard.remote.RemoteShard;
import io.jmongos.router.shard.remote.RemoteShardSettings;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shardsvr.ShardServerModule;
import io.jmongos.server.config.ServerSettings;
import io.jmongos.wire.client.WireClientResources;
import io.jmongos.wire.client.WireClientSecurity;
import io.jmongos.server.config.KeyFileReader;
import io.jmongos.server.config.SettingsParser;
import io.jmongos.server.log.LoggingSetup;

/**
 * A running jmongos: the programmatic entry point for tests and benchmarks, and what the command line
 * starts. {@code JmongosServer.start(List.of("--port", "0"))} parses exactly as the command line does,
 * binds, and returns once the server accepts connections.
 */
public final class JmongosServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JmongosServer.class);

    private final ServerSettings settings;
    /** The embedded shard, or the cluster store of a {@code --configdb} router: closed last. */
    private final AutoCloseable shard;
    private final RouterServices services;
    private final List<RouterModule> modules;
    private final RouterServer frontend;
    private final OperatorListeners operators;
    private final AtomicReference<GracefulDrain> drain = new AtomicReference<>();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private boolean closed;

    private JmongosServer(ServerSettings settings, AutoCloseable shard, RouterServices services,
                          List<RouterModule> modules,
                          RouterServer frontend, OperatorListeners operators) {
        this.operators = operators;
        this.settings = settings;
        this.shard = shard;
        this.services = services;
        this.modules = modules;
        this.frontend = frontend;
    }

    /**
     * Parse {@code args} like the command line and start a server.
     *
     * @throws StartupException one line naming the problem (bad option, port in use ...)
     */
    public static JmongosServer start(List<String> args) {
        return start(SettingsParser.parse(args));
    }

    /** Start a server from parsed settings. */
    public static JmongosServer start(ServerSettings settings) {
        if (settings.logPath() != null && !LoggingSetup.writable(settings.logPath())) {
            throw new StartupException("Cannot write log file " + settings.logPath());
        }
        LoggingSetup.configure(settings.logPath(), settings.logAppend(), settings.verbosity(), settings.quiet());
        ServerParameters params = new ServerParameters();
        List<RouterModule> modules = RouterBootstrap.modulesFor(settings.clusterRole());
        RouterBootstrap.registerParameters(params, modules);
        AuthParameters.register(params);
        applyParameters(params, settings.setParameters());
        int lbPort = params.getInt(CoreParameters.LOAD_BALANCER_PORT);
        String portProblem = RouterServer.checkPorts(settings.port(), lbPort);
        if (portProblem != null) {
            throw new StartupException(portProblem);
        }
        TlsServerContext tls = openTls(settings);
        InternalAuthKeys keys = settings.keyFile() == null ? null : readKeys(settings.keyFile());
        WireClientSecurity links = clusterLinks(keys, tls);
        ClusterStore cluster = settings.configDb().isEmpty() ? null
                : ClusterStore.connect(settings.configDb(), settings.configDbSetName(), params, links);
        AutoCloseable shard = cluster != null ? cluster : openShard(settings);
        RouterServer frontend = null;
        RouterServices services = null;
        OperatorListeners operators = null;
        try {
            services = cluster != null ? new RouterServices(cluster.registry(), cluster.routing(), params)
                    : new RouterServices((Shard) shard, params);
            services.network().setCompressors(settings.compressors());
            services.network().setMaxIncomingConnections(settings.maxConns());
            services.setSlowMs(settings.slowMs());
            services.setCmdLineOpts(cmdLineOpts(settings));
            RouterBootstrap.install(services, modules, settings.clusterRole());
            if (cluster != null) {
                ClusterCommands.install(services, cluster.catalog(), cluster.configHost());
                ShardingCommands.install(services, cluster.catalog());
            }
            ShardServerModule shardServer = shardServerOf(modules);
            if (shardServer != null) {
                // a shard server reads database versions from the config server its identity names
                RemoteShardSettings remote = RemoteShardSettings.from(params).withSecurity(links);
                shardServer.useConfigServer(cs -> new RemoteShard(ClusterStore.CONFIG_SHARD, cs, remote,
                        WireClientResources.shared()));
            }
            AuthService.install(services, settings.authorization(), keys);
            frontend = new RouterServer(new FrontendConfig(settings.bindIps(), settings.bindAll(), settings.port(),
                    lbPort), services, tls);
            frontend.start();
            operators = OperatorListeners.start(frontend, settings.httpPort());
            JmongosServer server = new JmongosServer(settings, shard, services, modules, frontend, operators);
            services.health().setShutdownHandler(server::shutdownInBackground);
            server.logWaiting();
            LoggingSetup.startupDone();
            return server;
        } catch (ListenerBindException e) {
            closeOperators(operators);
            closeQuietly(frontend, modules, services, shard);
            throw new StartupException(e.getMessage(), e);
        } catch (RuntimeException e) {
            closeOperators(operators);
            closeQuietly(frontend, modules, services, shard);
            throw e;
        }
    }

    private static void applyParameters(ServerParameters params, Map<String, BsonValue> values) {
        for (Map.Entry<String, BsonValue> e : values.entrySet()) {
            if (!params.isDefined(e.getKey())) {
                throw new StartupException("Illegal --setParameter parameter: \"" + e.getKey() + "\"");
            }
            try {
                params.set(e.getKey(), e.getValue(), true);
            } catch (CommandFailedException ex) {
                throw new StartupException("Bad value for --setParameter " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** The keys of {@code --keyFile}: a bad file stops the start with one line naming it. */
    private static InternalAuthKeys readKeys(java.nio.file.Path file) {
        InternalAuthKeys keys = InternalAuthKeys.of(KeyFileReader.read(file));
        StructuredLog.info(LOG, LogIds.KEY_FILE_READ, LogComponent.ACCESS, "Internal authentication key file read")
                .addKeyValue("keyFile", file.toString()).addKeyValue("keys", keys.size()).log();
        return keys;
    }

    /**
     * How this process's own connections to shards and the config server are secured: TLS with the cluster
     * certificate when the TLS mode is preferTLS or requireTLS (the context read at each connect, so a certificate
     * rotation applies to new links), authenticated as {@code __system} when there is a key file.
     */
    private static WireClientSecurity clusterLinks(InternalAuthKeys keys, TlsServerContext tls) {
        WireClientSecurity links = WireClientSecurity.NONE.withTls(tls.outgoingContexts());
        return keys == null ? links : links.withAuthenticator(keys.authenticator());
    }

    private static TlsServerContext openTls(ServerSettings settings) {
        try {
            return TlsServerContext.open(settings.tls());
        } catch (TlsConfigException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static Shard openShard(ServerSettings settings) {
        try {
            return InProcessShard.open(settings.dbPath());
        } catch (RuntimeException e) {
            throw new StartupException("Cannot open the embedded store"
                    + (settings.dbPath() != null ? " at " + settings.dbPath() : "") + ": " + e.getMessage(), e);
        }
    }

    private static BsonDocument cmdLineOpts(ServerSettings settings) {
        BsonArray argv = new BsonArray();
        argv.add(new BsonString("jmongos"));
        settings.argv().forEach(a -> argv.add(new BsonString(a)));
        return new BsonDocument("argv", argv).append("parsed", settings.parsed());
    }

    private void logWaiting() {
        LoggingEventBuilder b = StructuredLog.info(LOG, LogIds.WAITING_FOR_CONNECTIONS, LogComponent.NETWORK,
                "Waiting for connections").addKeyValue("port", frontend.mainPort());
        if (frontend.loadBalancerPort() != 0) {
            b.addKeyValue("loadBalancerPort", frontend.loadBalancerPort());
        }
        if (settings.clusterRole().servesData()) {
            b.addKeyValue("clusterRole", settings.clusterRole().mongodName());
        }
        if (operators.httpPort() != 0) {
            b.addKeyValue("httpPort", operators.httpPort());
        }
        if (operators.agentCheckPort() != 0) {
            b.addKeyValue("agentCheckPort", operators.agentCheckPort());
        }
        b.addKeyValue("bindIp", services.network().bindAddresses())
                .addKeyValue("ssl", frontend.tls().mode().enabled() ? "on" : "off").log();
    }

    /** The main port as bound. */
    public int mainPort() {
        return frontend.mainPort();
    }

    /** The LB port as bound, 0 when off. */
    public int loadBalancerPort() {
        return frontend.loadBalancerPort();
    }

    /** The shard or config server part of this process; IllegalStateException on a router. */
    public ShardServerModule shardServer() {
        ShardServerModule s = shardServerOf(modules);
        if (s != null) {
            return s;
        }
        throw new IllegalStateException("not a shard or config server (clusterRole " + settings.clusterRole() + ")");
    }

    /** The shard-server module among {@code modules}, or null on a router. */
    private static ShardServerModule shardServerOf(List<RouterModule> modules) {
        for (RouterModule m : modules) {
            if (m instanceof ShardServerModule s) {
                return s;
            }
        }
        return null;
    }

    public RouterServices services() {
        return services;
    }

    public ServerSettings settings() {
        return settings;
    }

    /** The frontend (listeners, PROXY metrics). */
    public RouterServer frontend() {
        return frontend;
    }

    /** {@code host:port} of the main port on its first bound address, for connection strings. */
    public String mainAddress() {
        List<String> addrs = services.network().bindAddresses();
        String host = addrs.isEmpty() || settings.bindAll() ? "127.0.0.1" : addrs.get(0);
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return host + ":" + mainPort();
    }

    /**
     * Reload the TLS certificate files for new connections, the cluster file of outgoing links too (SIGHUP does
     * this; so does {@code rotateCertificates}).
     *
     * @throws TlsConfigException when TLS is off or a file is bad; the old certificates stay in use
     */
    public void rotateCertificates(String message) {
        frontend.tls().reload(message);
    }

    /** The operators' HTTP port as bound ({@code --httpPort}); 0 when off. */
    public int httpPort() {
        return operators.httpPort();
    }

    /** The HAProxy agent-check port as bound ({@code agentCheckPort}); 0 when off. */
    public int agentCheckPort() {
        return operators.agentCheckPort();
    }

    /**
     * The graceful shutdown (SIGTERM, the {@code shutdown} command): drain for at most {@code timeoutMillis}
     * (see {@link GracefulDrain}), then {@link #close()}. Blocks until closed; a second call waits for the first.
     */
    public void drainAndClose(long timeoutMillis) {
        GracefulDrain d = new GracefulDrain(services, frontend::stopAccepting);
        if (!drain.compareAndSet(null, d)) {
            awaitClosed();
            return;
        }
        try {
            d.run(timeoutMillis);
        } finally {
            close();
        }
    }

    /** {@link #drainAndClose} on a thread of its own (the {@code shutdown} command must reply first). */
    public void shutdownInBackground(long timeoutMillis) {
        Thread t = new Thread(() -> drainAndClose(timeoutMillis), "jmongos-drain");
        t.setDaemon(false);
        t.start();
    }

    /** End a running drain's wait now (a second SIGTERM); nothing when no drain runs. */
    public void endDrainWait() {
        GracefulDrain d = drain.get();
        if (d != null) {
            d.endWait();
        }
    }

    /** Whether a drain started. */
    public boolean draining() {
        return drain.get() != null;
    }

    /** Wait until {@link #close()} finished. */
    public void awaitClosed() {
        try {
            closedLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stop listening, close every connection, then the store, then the operators' listeners. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(frontend, modules, services, shard);
        closeOperators(operators);
        StructuredLog.info(LOG, LogIds.NOW_EXITING, LogComponent.CONTROL, "Shutdown complete")
                .addKeyValue("port", frontend.mainPort()).log();
        closedLatch.countDown();
    }

    private static void closeOperators(OperatorListeners operators) {
        if (operators != null) {
            try {
                operators.close();
            } catch (RuntimeException e) {
                LOG.warn("error while closing the operators' listeners: {}", e.toString());
            }
        }
    }

    private static void closeQuietly(RouterServer frontend, List<RouterModule> modules, RouterServices services,
                                     AutoCloseable shard) {
        List<RuntimeException> errors = new ArrayList<>();
        if (frontend != null) {
            try {
                frontend.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        for (RouterModule m : modules) {
            try {
                m.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        try {
            if (services != null) {
                services.close();
            }
        } catch (RuntimeException e) {
            errors.add(e);
        }
        try {
            if (shard != null) {
                shard.close();
            }
        } catch (Exception e) {
            errors.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
        for (RuntimeException e : errors) {
            LOG.warn("error while shutting down: {}", e.toString());
        }
    }
}
