package io.jmongos.router.frontend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.frontend.proxy.ProxyProtocolMetrics;
import io.jmongos.router.frontend.proxy.ProxyProtocolParameters;
import io.jmongos.router.frontend.proxy.ProxyTrustedSources;
import io.jmongos.router.frontend.tls.RotateCertificatesCommand;
import io.jmongos.router.frontend.tls.TlsServerContext;
import io.jmongos.router.frontend.tls.TlsSettings;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.jmongos.router.param.CoreParameters;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;

/**
 * The network frontend: binds the main port on every bind_ip address and, when {@code loadBalancerPort} is
 * non-zero, the LB port on the same addresses; see {@link ClientChannelInitializer} for the pipelines.
 * Commands run on {@link CommandWorkers}, never on the event loops.
 */
public final class RouterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterServer.class);
    /** Pending-connection queue of each listener (MongoDB uses the OS maximum, SOMAXCONN; 4096 on Linux 5.4+). */
    static final int LISTEN_BACKLOG = 4096;
    /** With port 0, how often to retry when the picked port is taken on another address. */
    static final int MAX_BIND_ATTEMPTS = 5;

    private final FrontendConfig config;
    private final RouterServices services;
    private final TlsServerContext tls;
    private final CommandWorkers workers = new CommandWorkers();
    private final ProxyProtocolMetrics proxyMetrics = new ProxyProtocolMetrics();
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoops loops;
    private int mainPort;
    private int loadBalancerPort;
    private volatile boolean accepting;

    public RouterServer(FrontendConfig config, RouterServices services) {
        this(config, services, TlsServerContext.open(TlsSettings.DISABLED));
    }

    /** A frontend with TLS on both ports as {@code tls} says (see {@link ClientChannelInitializer}). */
    public RouterServer(FrontendConfig config, RouterServices services, TlsServerContext tls) {
        this.config = config;
        this.services = services;
        this.tls = tls;
    }

    /** The live incompleteMessageBufferLimitBytes (its default where the parameter is not registered). */
    private LongSupplier incompleteMessageLimit() {
        String name = CoreParameters.INCOMPLETE_MESSAGE_BUFFER_LIMIT_BYTES;
        if (services.parameters().isDefined(name)) {
            return () -> services.parameters().getLong(name);
        }
        long fixed = CoreParameters.defaultIncompleteMessageBufferLimit(Runtime.getRuntime().maxMemory());
        return () -> fixed;
    }

    /**
     * Bind every listener.
     *
     * @throws ListenerBindException naming the address and the reason (e.g. address in use)
     */
    public synchronized void start() {
        if (loops != null) {
            throw new IllegalStateException("already started");
        }
        loops = new EventLoops();
        services.serverStatus().register(proxyMetrics);
        ProxyProtocolParameters proxyParameters = services.parameters().isDefined(ProxyProtocolParameters.TIMEOUT_SECS)
                ? ProxyProtocolParameters.live(services.parameters()) : ProxyProtocolParameters.defaults();
        RequestRunner runner = new RequestRunner(services);
        if (services.commands().lookup("rotateCertificates").isEmpty()) {
            services.commands().register(new RotateCertificatesCommand(tls));
        }
        IncompleteMessageBudget budget = new IncompleteMessageBudget(incompleteMessageLimit());
        services.serverStatus().register(budget);
        try {
            List<InetAddress> addresses = BindAddresses.resolve(config);
            mainPort = bindAll(addresses, config.port(), false, new ClientChannelInitializer(false, services, runner,
                    workers, proxyParameters, proxyMetrics, budget, tls));
            if (config.loadBalancerPort() != 0) {
                loadBalancerPort = bindAll(addresses, config.loadBalancerPort(), true, new ClientChannelInitializer(
                        true, services, runner, workers, proxyParameters, proxyMetrics, budget, tls));
            }
            if (loadBalancerPort != 0) {
                ProxyTrustedSources.of(services.parameters()).logAtStartup(loadBalancerPort);
            }
            List<String> bound = new ArrayList<>();
            addresses.forEach(a -> bound.add(a.getHostAddress()));
            services.network().setBound(mainPort, loadBalancerPort, bound);
            accepting = true;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private int bindAll(List<InetAddress> addresses, int port, boolean lb, ClientChannelInitializer initializer) {
        for (int attempt = 1; ; attempt++) {
            List<Channel> bound = new ArrayList<>();
            int actual = port;
            try {
                for (InetAddress a : addresses) {
                    Channel ch = bind(new InetSocketAddress(a, actual), initializer);
                    bound.add(ch);
                    actual = ((InetSocketAddress) ch.localAddress()).getPort();
                }
                listeners.addAll(bound);
                for (Channel ch : bound) {
                    StructuredLog.info(LOG, LogIds.LISTENING_ON, LogComponent.NETWORK, "Listening on")
                            .addKeyValue("address", ClientConnectionState.format((InetSocketAddress) ch.localAddress()))
                            .addKeyValue("loadBalancerPort", lb)
                            .log();
                }
                return actual;
            } catch (ListenerBindException e) {
                bound.forEach(ch -> ch.close().syncUninterruptibly());
                if (port != 0 || attempt >= MAX_BIND_ATTEMPTS || bound.isEmpty()) {
                    throw e;
                }
            }
        }
    }

    private Channel bind(InetSocketAddress address, ClientChannelInitializer initializer) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.acceptors, loops.io)
                .channel(loops.serverChannel)
                .option(ChannelOption.SO_BACKLOG, LISTEN_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(initializer);
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable c = f.cause();
            String reason = c == null ? "unknown error" : c.getMessage();
            throw new ListenerBindException("Failed to bind " + ClientConnectionState.format(address) + ": " + reason,
                    c);
        }
        return f.channel();
    }

    /** The main port as bound. */
    public int mainPort() {
        return mainPort;
    }

    /** The LB port as bound; 0 when off. */
    public int loadBalancerPort() {
        return loadBalancerPort;
    }

    /** The router services behind this frontend. */
    public RouterServices services() {
        return services;
    }

    /** The TLS configuration of both ports (reloadable with {@link TlsServerContext#reload}). */
    public TlsServerContext tls() {
        return tls;
    }

    /** The PROXY protocol counters of this frontend (also a serverStatus section). */
    public ProxyProtocolMetrics proxyMetrics() {
        return proxyMetrics;
    }

    /** Whether a value of loadBalancerPort is usable with the given main port (they must differ). */
    public static String checkPorts(int port, int lbPort) {
        if (lbPort != 0 && lbPort == port) {
            return CoreParameters.LOAD_BALANCER_PORT + " (" + lbPort + ") must differ from the main port";
        }
        return null;
    }

    /** The listening configuration (addresses and ports as given). */
    FrontendConfig config() {
        return config;
    }

    /**
     * Stop accepting new client connections (the drain of a shutdown): the main and LB listeners close, open
     * connections go on. Idempotent.
     */
    public synchronized void stopAccepting() {
        accepting = false;
        listeners.forEach(ch -> ch.close().syncUninterruptibly());
        listeners.clear();
    }

    /** Whether the listeners are bound and accepting. */
    public boolean accepting() {
        return accepting;
    }

    /** Close the listeners, then every client connection, then the workers. */
    @Override
    public synchronized void close() {
        accepting = false;
        listeners.forEach(ch -> ch.close().syncUninterruptibly());
        listeners.clear();
        if (loops != null) {
            loops.shutdown();
        }
        workers.close();
    }
}
