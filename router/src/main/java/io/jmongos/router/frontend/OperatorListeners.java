package io.jmongos.router.frontend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.frontend.agent.AgentCheckHandler;
import io.jmongos.router.frontend.http.HttpChannelInitializer;
import io.jmongos.router.health.OperatorParameters;
import io.jmongos.router.health.ReadinessStatus;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The listeners for operators, beside the client ports and on the same addresses: the HTTP endpoint
 * ({@code --httpPort}: health, readiness, metrics) and the HAProxy agent ({@code agentCheckPort}). They have their
 * own event loop and one worker thread (readiness checks and scrapes run there), stay up through a drain (so
 * balancers see 503 and {@code drain}) and close last. Also adds the readiness check {@code listeners}.
 */
public final class OperatorListeners implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorListeners.class);
    /** Requests waiting for the worker: 64 (jmongos' own cap; probes come a few per second), then 503. */
    static final int WORKER_QUEUE = 64;
    static final int LOG_OPERATOR_LISTENING = LogIds.JMONGOS_BASE + 410;

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("jmongos-operator", true), NioIoHandler.newFactory());
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WORKER_QUEUE), new DefaultThreadFactory("jmongos-operator-worker", true));
    private final List<Channel> channels = new ArrayList<>();
    private int httpPort;
    private int agentPort;

    private OperatorListeners() {
    }

    /**
     * Bind the HTTP endpoint (when {@code httpPort} is not -1; 0 picks a free port) and the agent (when
     * {@code agentCheckPort} is set) on the frontend's addresses.
     *
     * @throws ListenerBindException naming the address and the reason
     */
    public static OperatorListeners start(RouterServer frontend, int httpPort) {
        RouterServices services = frontend.services();
        services.health().addReadinessCheck(new io.jmongos.router.health.ReadinessCheck() {
            @Override
            public String name() {
                return "listeners";
            }

            @Override
            public ReadinessStatus check() {
                return frontend.accepting() ? ReadinessStatus.passed()
                        : ReadinessStatus.failed("the client listeners are not accepting");
            }
        });
        OperatorListeners l = new OperatorListeners();
        try {
            List<InetAddress> addresses = BindAddresses.resolve(frontend.config());
            if (httpPort >= 0) {
                l.httpPort = l.bindAll(addresses, httpPort, new HttpChannelInitializer(services, l.worker), "http");
            }
            int agent = services.parameters().isDefined(OperatorParameters.AGENT_CHECK_PORT)
                    ? services.parameters().getInt(OperatorParameters.AGENT_CHECK_PORT) : 0;
            if (agent != 0) {
                l.agentPort = l.bindAll(addresses, agent, new AgentCheckHandler(services, l.worker), "agentCheck");
            }
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
        return l;
    }

    private int bindAll(List<InetAddress> addresses, int port, ChannelHandler handler, String what) {
        int actual = port;
        for (InetAddress a : addresses) {
            InetSocketAddress address = new InetSocketAddress(a, actual);
            ChannelFuture f = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(handler).bind(address).awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw new ListenerBindException("Failed to bind " + what + " port "
                        + ClientConnectionState.format(address) + ": " + f.cause().getMessage(), f.cause());
            }
            channels.add(f.channel());
            actual = ((InetSocketAddress) f.channel().localAddress()).getPort();
            StructuredLog.info(LOG, LOG_OPERATOR_LISTENING, LogComponent.NETWORK, "Listening on")
                    .addKeyValue("address", ClientConnectionState.format((InetSocketAddress) f.channel()
                            .localAddress()))
                    .addKeyValue("listener", what).log();
        }
        return actual;
    }

    /** The HTTP port as bound; 0 when off. */
    public int httpPort() {
        return httpPort;
    }

    /** The agent-check port as bound; 0 when off. */
    public int agentCheckPort() {
        return agentPort;
    }

    @Override
    public void close() {
        channels.forEach(ch -> ch.close().syncUninterruptibly());
        channels.clear();
        worker.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
