package io.jmongos.router.conn;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonDocument;

/**
 * Plain (Netty-free) state of one client connection, shared by the frontend and the command layer.
 * For a connection on the load-balancer port, {@link #clientAddress()} is the source address from the
 * PROXY header and {@link #proxyAddress()} is the balancer's address (the TCP peer).
 */
public final class ClientConnectionState {
    private final long connectionId;
    private final InetSocketAddress peerAddress;
    private final InetSocketAddress localAddress;
    private final boolean loadBalancerPort;
    private final Instant connectedAt = Instant.now();
    private final Map<ConnectionDecoration<?>, Object> decorations = new ConcurrentHashMap<>();
    private volatile InetSocketAddress clientAddress;
    private volatile InetSocketAddress proxyAddress;
    private volatile String proxyEndpointId;
    private volatile boolean handshakeDone;
    private volatile boolean loadBalancedHandshake;
    private volatile BsonDocument clientMetadata;
    private volatile List<String> compressors = List.of();
    private volatile Runnable closer = () -> { };
    private volatile Consumer<BooleanSupplier> idleCloser = mayClose -> { };
    private volatile boolean plainProxyClient;
    /** {@link #format} of the client and of the balancer address, made on first use and remade if they change. */
    private volatile FormattedAddress clientText;
    private volatile FormattedAddress proxyText;

    /** An address and its "host:port" text. */
    private record FormattedAddress(InetSocketAddress address, String text) {
        static FormattedAddress of(InetSocketAddress a) {
            return new FormattedAddress(a, format(a));
        }
    }

    public ClientConnectionState(long connectionId, InetSocketAddress peerAddress, InetSocketAddress localAddress,
                                 boolean loadBalancerPort) {
        this.connectionId = connectionId;
        this.peerAddress = Objects.requireNonNull(peerAddress);
        this.localAddress = localAddress;
        this.loadBalancerPort = loadBalancerPort;
        this.clientAddress = peerAddress;
    }

    public long connectionId() {
        return connectionId;
    }

    /** The TCP peer: the client itself on the main port, the balancer on the LB port. */
    public InetSocketAddress peerAddress() {
        return peerAddress;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * True when the connection arrived on the load-balancer port and the load-balancer rules apply to it (its
     * cursors and transactions end when it closes); false for a plain proxy client there (see
     * {@link #servePlainProxyClient}), which is served as an ordinary connection.
     */
    public boolean loadBalancerPort() {
        return loadBalancerPort && !plainProxyClient;
    }

    /** True when the connection arrived on the load-balancer port (PROXY header first), whatever its handshake. */
    public boolean arrivedOnLoadBalancerPort() {
        return loadBalancerPort;
    }

    /**
     * Reverse-proxy mode ({@code loadBalancerRequireLoadBalancedClients: false}): the first hello on the LB port
     * came without {@code loadBalanced: true}, so the connection is served as an ordinary one whose address is
     * the PROXY header's (no serviceId, cursors and transactions outlive it).
     */
    public void servePlainProxyClient() {
        this.plainProxyClient = true;
    }

    /** Whether {@link #servePlainProxyClient} was called. */
    public boolean plainProxyClient() {
        return plainProxyClient;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** The client's address: the PROXY header's source on the LB port, else the peer. */
    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** The balancer's address when the PROXY header named another client; null otherwise. */
    public InetSocketAddress proxyAddress() {
        return proxyAddress;
    }

    /** {@code format(clientAddress())}, formatted once per address rather than per request. */
    public String clientAddressText() {
        InetSocketAddress a = clientAddress;
        FormattedAddress f = clientText;
        if (f == null || f.address() != a) {
            f = FormattedAddress.of(a);
            clientText = f;
        }
        return f.text();
    }

    /** {@code format(proxyAddress())} (null without a proxied client), formatted once per address. */
    public String proxyAddressText() {
        InetSocketAddress a = proxyAddress;
        if (a == null) {
            return null;
        }
        FormattedAddress f = proxyText;
        if (f == null || f.address() != a) {
            f = FormattedAddress.of(a);
            proxyText = f;
        }
        return f.text();
    }

    /** Called by the frontend once a PROXY header named the real client. */
    public void setProxiedClient(InetSocketAddress client) {
        this.clientAddress = Objects.requireNonNull(client);
        this.proxyAddress = peerAddress;
    }

    /**
     * The cloud endpoint id the PROXY v2 header carried (AWS VPC endpoint id, Azure private link id, GCP PSC
     * connection id), or null.
     */
    public String proxyEndpointId() {
        return proxyEndpointId;
    }

    /** Called by the frontend when the PROXY header named a cloud endpoint. */
    public void setProxyEndpointId(String id) {
        this.proxyEndpointId = id;
    }

    public boolean handshakeDone() {
        return handshakeDone;
    }

    /** Whether the first hello carried {@code loadBalanced: true} (and was accepted). */
    public boolean loadBalancedHandshake() {
        return loadBalancedHandshake;
    }

    public void completeHandshake(boolean loadBalanced, BsonDocument metadata) {
        this.loadBalancedHandshake = loadBalanced;
        this.clientMetadata = metadata;
        this.handshakeDone = true;
    }

    /** The driver's {@code client} metadata document from the first hello, or null. */
    public BsonDocument clientMetadata() {
        return clientMetadata;
    }

    /** Compressors negotiated by the handshake's {@code compression} field, in the client's order. */
    public List<String> compressors() {
        return compressors;
    }

    public void setCompressors(List<String> negotiated) {
        this.compressors = List.copyOf(negotiated);
    }

    /** The log context MongoDB gives this connection: {@code conn<id>}. */
    public String logContext() {
        return "conn" + connectionId;
    }

    /** Set by the frontend: how to close this connection's socket, from any thread. */
    public void setCloser(Runnable closer) {
        this.closer = Objects.requireNonNull(closer);
    }

    /**
     * Close the connection at once, from any thread, without replying to the command in flight (the
     * failCommand fail point's {@code closeConnection}): the close is queued on the connection's event
     * loop before the reply is, so the reply is dropped.
     */
    public void closeNow() {
        closer.run();
    }

    /**
     * Set by the frontend: how to close this connection when no request is running or queued on it and the given
     * condition, checked on the connection's event loop at that moment, holds.
     */
    public void setIdleCloser(Consumer<BooleanSupplier> closer) {
        this.idleCloser = Objects.requireNonNull(closer);
    }

    /**
     * Close the connection if it is idle (no request running or waiting on it), from any thread; else do
     * nothing (a drain asks again later). The check and the close happen on the connection's event loop, so no
     * reply is cut off.
     */
    public void closeIfIdle() {
        idleCloser.accept(() -> true);
    }

    /**
     * {@link #closeIfIdle()}, and only if {@code mayClose} still holds when the event loop checks: a drain that
     * found the connection without a cursor or transaction asks again at the close, since a request may have
     * opened one in between.
     */
    public void closeIfIdle(BooleanSupplier mayClose) {
        idleCloser.accept(mayClose);
    }

    /**
     * The value of {@code slot} on this connection: made on first use when the slot has an initial value, else what
     * was {@link #set} (null before).
     */
    public <T> T get(ConnectionDecoration<T> slot) {
        Object v = decorations.get(slot);
        if (v == null && slot.hasInitialValue()) {
            v = decorations.computeIfAbsent(slot, k -> slot.initialValue());
        }
        return slot.cast(v);
    }

    /** The value of {@code slot} if it has one, never making it (null otherwise). */
    public <T> T peek(ConnectionDecoration<T> slot) {
        return slot.cast(decorations.get(slot));
    }

    /** Whether {@code slot} holds a value on this connection. */
    public boolean has(ConnectionDecoration<?> slot) {
        return decorations.containsKey(slot);
    }

    /** Store {@code value} (not null) under {@code slot}. */
    public <T> void set(ConnectionDecoration<T> slot, T value) {
        decorations.put(slot, Objects.requireNonNull(value));
    }

    /** Take {@code slot}'s value off this connection; null when it had none. */
    public <T> T remove(ConnectionDecoration<T> slot) {
        return slot.cast(decorations.remove(slot));
    }

    /** "host:port" of the client, as MongoDB shows it. */
    public static String format(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
