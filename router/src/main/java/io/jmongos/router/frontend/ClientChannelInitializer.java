package io.jmongos.router.frontend;

import java.net.InetSocketAddress;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.frontend.proxy.MainPortProxyDetector;
import io.jmongos.router.frontend.proxy.ProxyProtocolGate;
import io.jmongos.router.frontend.proxy.ProxyProtocolMetrics;
import io.jmongos.router.frontend.proxy.ProxyProtocolParameters;
import io.jmongos.router.frontend.proxy.ProxyTrustedSources;
import io.jmongos.wire.MessageHeader;
import io.jmongos.router.frontend.tls.TlsPipeline;
import io.jmongos.router.frontend.tls.TlsServerContext;
import io.jmongos.wire.WireFrameDecoder;
import io.jmongos.wire.WireMessageDecoder;
import io.jmongos.wire.WireMessageEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds the pipeline of a client channel.
 * <pre>
 * main port: traffic -> mainPortProxyDetector -> [tls, tlsLog] -> frame -> wireStats -> decoder  -> encoder -> conn
 * LB port:   traffic -> proxyProtocolGate     -> [tls, tlsLog] -> frame -> wireStats -> decoder  -> encoder -> conn
 * </pre>
 * The TLS handlers (when {@code tlsMode} is not disabled, see {@link TlsPipeline}) come after the PROXY handlers,
 * so the PROXY header is read in clear and TLS starts after it.
 * The PROXY handlers come from the proxy package: the detector closes a main-port stream that starts with a
 * PROXY signature; the gate reads the header, stores it under {@link ProxyProtocolGate#PROXIED}, fires
 * {@code ProxyHeaderAccepted} (the connection handler then records the client address and opens the
 * connection) and removes itself. Connections over {@code maxIncomingConnections} are closed at once. Each frame
 * decoder reports the bytes it holds for an incomplete message to the {@link IncompleteMessageBudget}.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String TRAFFIC = "traffic";
    static final String FRAME = "frame";
    static final String WIRE_STATS = "wireStats";
    static final String DECODER = "decoder";
    static final String ENCODER = "encoder";
    static final String CONNECTION = "connection";

    private final boolean loadBalancerPort;
    private final RouterServices services;
    private final RequestRunner runner;
    private final CommandWorkers workers;
    private final ProxyProtocolParameters proxyParameters;
    private final ProxyProtocolMetrics proxyMetrics;
    private final IncompleteMessageBudget budget;
    private final TlsServerContext tls;
    /** proxyProtocolTrustedSources (startup only, so read once). */
    private final ProxyTrustedSources trusted;
    private final ByteCountingHandler traffic;
    private final WireTrafficObserver wireStats;
    private final WireMessageDecoder decoder = new WireMessageDecoder();
    private final WireMessageEncoder encoder = new WireMessageEncoder();

    ClientChannelInitializer(boolean loadBalancerPort, RouterServices services, RequestRunner runner,
                             CommandWorkers workers, ProxyProtocolParameters proxyParameters,
                             ProxyProtocolMetrics proxyMetrics, IncompleteMessageBudget budget,
                             TlsServerContext tls) {
        this.loadBalancerPort = loadBalancerPort;
        this.services = services;
        this.runner = runner;
        this.workers = workers;
        this.proxyParameters = proxyParameters;
        this.proxyMetrics = proxyMetrics;
        this.budget = budget;
        this.tls = tls;
        this.trusted = ProxyTrustedSources.of(services.parameters());
        this.traffic = new ByteCountingHandler(services.networkCounters());
        this.wireStats = new WireTrafficObserver(services.networkCounters());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        int max = services.network().maxIncomingConnections();
        if (!services.connections().tryReserve(max)) {
            ConnectionLog.refused(ClientConnectionState.format(ch.remoteAddress()), max);
            ch.close();
            return;
        }
        ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        ch.config().setOption(ChannelOption.SO_KEEPALIVE, true);
        InetSocketAddress peer = ch.remoteAddress();
        ClientConnectionState state = new ClientConnectionState(services.connections().nextConnectionId(), peer,
                ch.localAddress(), loadBalancerPort);
        ch.attr(ConnectionAttributes.STATE).set(state);
        if (loadBalancerPort && !trusted.allows(peer.getAddress())) {
            ProxyTrustedSources.logRefused(ClientConnectionState.format(peer), state.connectionId());
            services.connections().release();
            ch.close();
            return;
        }
        state.setCloser(ch::close);
        ChannelPipeline p = ch.pipeline();
        p.addLast(TRAFFIC, traffic);
        if (loadBalancerPort) {
            p.addLast(ProxyProtocolGate.NAME, new ProxyProtocolGate(proxyParameters, proxyMetrics));
        } else {
            p.addLast(MainPortProxyDetector.NAME, new MainPortProxyDetector(proxyMetrics));
        }
        TlsPipeline.addTo(p, tls, state);
        p.addLast(FRAME, new WireFrameDecoder(MessageHeader.MAX_MESSAGE_SIZE, budget.open(state, ch)));
        p.addLast(WIRE_STATS, wireStats);
        p.addLast(DECODER, decoder);
        p.addLast(ENCODER, encoder);
        p.addLast(CONNECTION, new ClientConnectionHandler(state, services, runner, workers));
    }
}
