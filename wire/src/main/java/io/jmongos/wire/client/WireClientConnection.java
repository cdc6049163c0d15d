package io.jmongos.wire.client;

import io.jmongos.wire.OpMsgReply;
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.RequestIds;
import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireFrameDecoder;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.WireReplyDecoder;
import io.jmongos.wire.WireRequest;
import io.jmongos.wire.WireRequestEncoder;
import io.jmongos.wire.client.WireClientException.Kind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * One client connection speaking the wire protocol over Netty with {@code wire}'s own codecs
 * ({@link WireFrameDecoder}, {@link WireReplyDecoder}, {@link WireRequestEncoder}): request ids from
 * {@link RequestIds}, the responseTo of every reply checked against the oldest outstanding request (a mismatch is a
 * protocol error that closes the connection), a timeout per request, and compression negotiated in the optional
 * {@code hello} handshake. Thread-safe; requests may be pipelined and are answered in order.
 *
 * <p>This is the connection only: pooling, reconnecting and host state belong to its users (the router's remote
 * shard pool), as the Java driver keeps {@code DefaultConnectionPool} apart from {@code InternalStreamConnection}.
 */
public final class WireClientConnection implements AutoCloseable {
    /**
     * How much longer than a request's own timeout a blocking caller waits: the event loop's timer fails the request
     * first, this margin only guards against a stalled event loop.
     */
    static final long BLOCKING_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The pipeline name of the SSL handler, when TLS is on. */
    static final String TLS_HANDLER = "tls";

    /** The reply matcher of a channel {@link #installPipeline} built, kept after a close empties the pipeline. */
    private static final AttributeKey<WireClientHandler> HANDLER = AttributeKey.valueOf("jmongos.wireClientHandler");

    private final Channel channel;
    private final WireClientHandler handler;
    private final WireClientOptions options;
    private volatile WireCompressor compressor = WireCompressor.NOOP;
    private volatile BsonDocument helloReply;
    /** Set on the event loop (TLS start) or before the first message: the preamble goes out once. */
    private boolean preambleWritten;

    private WireClientConnection(Channel channel, WireClientOptions options) {
        this.channel = channel;
        // From the channel, not the pipeline: a channel the server closed before this runs has no pipeline left.
        this.handler = channel.attr(HANDLER).get();
        this.options = options;
    }

    /** Adds the client codecs and the reply matcher to a channel's pipeline. */
    static void installPipeline(ChannelPipeline pipeline, int maxMessageSize) {
        WireClientHandler handler = new WireClientHandler();
        pipeline.channel().attr(HANDLER).set(handler);
        pipeline.addLast(new WireFrameDecoder(maxMessageSize), new WireReplyDecoder(maxMessageSize),
                new WireRequestEncoder(), handler);
    }

    /** A connection over a channel whose pipeline {@link #installPipeline} built (no handshake run yet). */
    static WireClientConnection attach(Channel channel, WireClientOptions options) {
        return new WireClientConnection(channel, options);
    }

    /**
     * Connects to {@code address}, writes the preamble, starts TLS when the options' security asks for it (after the
     * preamble: a PROXY header goes in clear), runs the handshake when the options ask for one and then the
     * authenticator, all within the connect timeout; the future fails with a {@link WireClientException}
     * (CONNECT_FAILED, CONNECT_TIMEOUT, HANDSHAKE_FAILED, ...).
     */
    public static CompletableFuture<WireClientConnection> connectAsync(WireClientResources resources,
                                                                       InetSocketAddress address,
                                                                       WireClientOptions options) {
        CompletableFuture<WireClientConnection> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        Bootstrap bootstrap = new Bootstrap().group(resources.group()).channel(resources.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        installPipeline(ch.pipeline(), options.maxMessageSize());
                    }
                });
        bootstrap.connect(address).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                Kind kind = f.cause() instanceof ConnectTimeoutException ? Kind.CONNECT_TIMEOUT : Kind.CONNECT_FAILED;
                result.completeExceptionally(new WireClientException(kind, "could not connect to "
                        + hostAndPort(address) + ": " + f.cause().getMessage(), f.cause()));
                return;
            }
            WireClientConnection connection = new WireClientConnection(f.channel(), options);
            connection.startTls(address, deadline)
                    .thenCompose(ignored -> connection.start(remaining(deadline)))
                    .whenComplete((ignored, error) -> {
                        if (error == null) {
                            result.complete(connection);
                        } else {
                            connection.close();
                            result.completeExceptionally(handshakeFailure(address, unwrap(error), options));
                        }
                    });
        });
        return result;
    }

    /**
     * With TLS: writes the preamble in clear, puts the SSL handler at the head of the pipeline (which starts the TLS
     * handshake on the active channel) and completes when the handshake has, bounded by the connect deadline. A
     * failed handshake is CONNECT_FAILED naming the reason, one that runs out of time CONNECT_TIMEOUT.
     */
    private CompletableFuture<Void> startTls(InetSocketAddress address, long deadlineNanos) {
        if (!options.security().usesTls()) {
            return CompletableFuture.completedFuture(null);
        }
        writePreamble();
        SslHandler tls = options.security().tls().get().newHandler(channel.alloc(), address.getHostString(),
                address.getPort());
        tls.setHandshakeTimeout(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        channel.pipeline().addFirst(TLS_HANDLER, tls);
        CompletableFuture<Void> done = new CompletableFuture<>();
        tls.handshakeFuture().addListener(h -> {
            if (h.isSuccess()) {
                done.complete(null);
                return;
            }
            Throwable cause = h.cause();
            Kind kind = cause instanceof SslHandshakeTimeoutException ? Kind.CONNECT_TIMEOUT : Kind.CONNECT_FAILED;
            done.completeExceptionally(new WireClientException(kind, "could not connect to " + hostAndPort(address)
                    + ": " + TlsHandshakeFailures.describe(cause, hostAndPort(address)), cause));
        });
        return done;
    }

    /** Blocking {@link #connectAsync}. */
    public static WireClientConnection connect(WireClientResources resources, InetSocketAddress address,
                                               WireClientOptions options) {
        long bound = options.connectTimeout().toNanos() + BLOCKING_MARGIN_NANOS;
        CompletableFuture<WireClientConnection> f = connectAsync(resources, address, options);
        try {
            return await(f, bound, null);
        } catch (WireClientException e) {
            f.thenAccept(WireClientConnection::close);
            throw e;
        }
    }

    /** Connects to the loopback address's {@code port} on the {@linkplain WireClientResources#shared shared} group. */
    public static WireClientConnection connect(int port, WireClientOptions options) {
        return connect(WireClientResources.shared(), new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                options);
    }

    /**
     * A handshake that got no reply in time or whose connection closed is a failure to connect (the connection was
     * never usable): CONNECT_TIMEOUT or CONNECT_FAILED, so a caller maps it as it maps a refused connection and not
     * as a request that timed out. Other kinds (HANDSHAKE_FAILED, PROTOCOL, INTERRUPTED) stay as they are.
     */
    static WireClientException handshakeFailure(InetSocketAddress address, WireClientException e,
                                                WireClientOptions options) {
        Kind kind = switch (e.kind()) {
            case TIMEOUT -> Kind.CONNECT_TIMEOUT;
            case CLOSED -> Kind.CONNECT_FAILED;
            default -> e.kind();
        };
        if (kind == e.kind()) {
            return e;
        }
        // A server in requireTLS mode closes a plaintext connection at its first bytes, without a reply; with TLS 1.3
        // a server that refuses the client's certificate says so after the client finished its handshake.
        String hint = "";
        if (e.kind() == Kind.CLOSED && !options.security().usesTls()) {
            hint = " (the server closed a connection made without TLS: does it require TLS?)";
        } else if (e.kind() == Kind.CLOSED && e.getCause() != null) {
            hint = TlsHandshakeFailures.hint(e.getCause(), hostAndPort(address));
        }
        return new WireClientException(kind, "could not connect to " + hostAndPort(address) + ": handshake: "
                + e.getMessage() + hint, e);
    }

    /** {@link #start(Duration)} with the whole connect timeout for the handshake. */
    CompletableFuture<Void> start() {
        return start(options.connectTimeout());
    }

    /**
     * Writes the preamble (unflushed, so it leaves with the first message) and runs the handshake if asked, bounded
     * by {@code handshakeTimeout} (what is left of the connect timeout after the TCP connect).
     */
    CompletableFuture<Void> start(Duration handshakeTimeout) {
        long deadline = System.nanoTime() + handshakeTimeout.toNanos();
        writePreamble();
        CompletableFuture<Void> handshake = CompletableFuture.completedFuture(null);
        if (options.handshake()) {
            OpMsgRequest hello = OpMsgRequest.of(RequestIds.next(), ClientHandshake.hello(options));
            handshake = send(hello, handshakeTimeout).thenAccept(reply -> {
                BsonDocument body = bodyOf(reply);
                compressor = ClientHandshake.settle(body, options.compressors());
                helloReply = body;
            });
        }
        ClientAuthenticator authenticator = options.security().authenticator();
        if (authenticator == null) {
            return handshake;
        }
        return handshake.thenCompose(ignored -> authenticator.authenticate(this, remaining(deadline)));
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    }

    /** Writes the preamble once (unflushed: it leaves with the next flush). */
    private void writePreamble() {
        WireClientOptions.Preamble preamble = options.preamble();
        if (preamble != null && !preambleWritten) {
            preambleWritten = true;
            byte[] bytes = preamble.bytes(localAddress(), remoteAddress());
            channel.write(Unpooled.wrappedBuffer(bytes));
        }
    }

    /** The handshake's hello reply, or null when the connection made no handshake. */
    public BsonDocument helloReply() {
        return helloReply;
    }

    /** The compressor the handshake agreed ({@link WireCompressor#NOOP}: none). */
    public WireCompressor compressor() {
        return compressor;
    }

    /** Runs {@code command} on {@code db} with the default request timeout and returns the reply document. */
    public BsonDocument command(String db, BsonDocument command) {
        return command(db, command, options.requestTimeout());
    }

    /**
     * Runs {@code command} on {@code db} and returns the reply document, whatever its {@code ok}.
     *
     * @throws WireClientException when no reply arrives (TIMEOUT, CLOSED, PROTOCOL, INTERRUPTED)
     */
    public BsonDocument command(String db, BsonDocument command, Duration timeout) {
        return await(commandAsync(db, command, timeout), timeout.toNanos() + BLOCKING_MARGIN_NANOS, this);
    }

    /**
     * Sends {@code command} as an OP_MSG on {@code db} ({@code $db} is added unless present; if present it must
     * name {@code db}), compressed with the negotiated compressor unless it is a handshake or authentication command.
     */
    public CompletableFuture<BsonDocument> commandAsync(String db, BsonDocument command, Duration timeout) {
        return send(commandRequest(db, command), timeout).thenApply(WireClientConnection::bodyOf);
    }

    /** The OP_MSG {@link #commandAsync} sends: a fresh request id, {@code $db}, the negotiated compressor. */
    OpMsgRequest commandRequest(String db, BsonDocument command) {
        BsonDocument body = withDb(db, command);
        String name = command.isEmpty() ? "" : command.getFirstKey();
        WireCompressor use = ClientHandshake.NEVER_COMPRESSED.contains(name) ? WireCompressor.NOOP : compressor;
        return new OpMsgRequest(RequestIds.next(), 0, body, Map.of(), use);
    }

    /**
     * Sends any request as given (an OP_QUERY handshake, an OP_MSG with flags or document sequences). The future
     * gets the reply, or {@code null} once written for a moreToCome OP_MSG (which expects none); take request ids
     * from {@link #nextRequestId()}.
     */
    public CompletableFuture<WireReply> send(WireRequest request, Duration timeout) {
        CompletableFuture<WireReply> reply = new CompletableFuture<>();
        channel.writeAndFlush(new ClientExchange(request, reply, timeout.toNanos()))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        // A closed channel's pipeline no longer has the handler that would fail the exchange.
                        reply.completeExceptionally(f.cause() instanceof WireClientException w ? w
                                : new WireClientException(Kind.CLOSED, "connection to " + channel.remoteAddress()
                                        + " is closed", f.cause()));
                    }
                });
        return reply;
    }

    /** Blocking {@link #send}. */
    public WireReply exchange(WireRequest request) {
        Duration timeout = options.requestTimeout();
        return await(send(request, timeout), timeout.toNanos() + BLOCKING_MARGIN_NANOS, this);
    }

    /** A fresh request id for {@link #send}. */
    public static int nextRequestId() {
        return RequestIds.next();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** The local socket address, or null when the channel is not a socket (an embedded test channel). */
    public InetSocketAddress localAddress() {
        return channel.localAddress() instanceof InetSocketAddress a ? a : null;
    }

    /** The server's socket address, or null when the channel is not a socket (an embedded test channel). */
    public InetSocketAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    /** Completes when the connection has closed, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        channel.closeFuture().addListener(ignored -> f.complete(null));
        return f;
    }

    /**
     * Completes once the connection has closed, with the first reason it failed: CLOSED when either side closed it
     * (or a request timed out), PROTOCOL when the server sent what the protocol does not allow (for instance a reply
     * while no request was outstanding).
     */
    public CompletableFuture<WireClientException> closeCause() {
        return handler.closeCause();
    }

    /**
     * Writes {@code bytes} as they are, outside the protocol, and flushes: for tests of how a server meets bytes no
     * correct client writes (a malformed frame, a header cut short). Replies they provoke match no request.
     */
    ChannelFuture writeRaw(byte[] bytes) {
        return channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** Closes the connection; outstanding requests fail with CLOSED. Returns at once. */
    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "WireClientConnection{" + channel.localAddress() + " -> " + channel.remoteAddress() + "}";
    }

    static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static BsonDocument withDb(String db, BsonDocument command) {
        BsonValue present = command.get("$db");
        if (present != null) {
            if (!present.isString() || !present.asString().getValue().equals(db)) {
                throw new IllegalArgumentException("command names $db " + present + " but runs on " + db);
            }
            return command;
        }
        BsonDocument body = new BsonDocument();
        body.putAll(command);
        body.put("$db", new BsonString(db));
        return body;
    }

    private static BsonDocument bodyOf(WireReply reply) {
        if (reply instanceof OpMsgReply msg) {
            return msg.body();
        }
        throw new WireClientException(Kind.PROTOCOL, "an OP_MSG request was answered with " + reply.opCode());
    }

    /** Waits for {@code f}; on a stalled event loop or an interrupt the connection (if any) is closed. */
    private static <T> T await(CompletableFuture<T> f, long boundNanos, WireClientConnection connection) {
        try {
            return f.get(boundNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (connection != null) {
                connection.close();
            }
            throw new WireClientException(Kind.INTERRUPTED, "interrupted while waiting for a reply", e);
        } catch (TimeoutException e) {
            if (connection != null) {
                connection.close();
            }
            throw new WireClientException(Kind.TIMEOUT, "no reply within "
                    + TimeUnit.NANOSECONDS.toMillis(boundNanos) + " ms (event loop stalled)", e);
        }
    }

    private static WireClientException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WireClientException w) {
            return w;
        }
        return new WireClientException(Kind.CLOSED, String.valueOf(cause), cause);
    }
}
