package io.jmongos.wire.client;

import io.jmongos.wire.OpMsgReply;
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.OpReplyMessage;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.WireRequest;
import io.jmongos.wire.WireRequestEncoder;
import io.jmongos.wire.client.WireClientException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A blocking facade over one {@link WireClientConnection} for tests and benchmark programs that must control what
 * goes on the socket (a PROXY header first, their own hello, chosen request ids, a request left running when the
 * connection is dropped) and that a driver would hide. Every request and reply goes through the connection and
 * {@code wire}'s codecs; only {@link #writeRaw} writes bytes outside the protocol. Nothing is sent behind the
 * caller's back (no handshake unless the options ask for one, no endSessions or killCursors on close), so closing it
 * drops the connection as a crashed client would. One thread at a time.
 */
public final class BlockingWireClient implements AutoCloseable {
    /** How long {@link #close()} waits for the socket to be closed: a bound against a stalled event loop only. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final WireClientConnection connection;
    private final Duration requestTimeout;
    /** Replies of {@link #send} not yet taken by {@link #receiveReply}, in the order sent. */
    private final ArrayDeque<CompletableFuture<WireReply>> pending = new ArrayDeque<>();

    private BlockingWireClient(WireClientConnection connection, Duration requestTimeout) {
        this.connection = connection;
        this.requestTimeout = requestTimeout;
    }

    /** Connects to {@code host:port} on the {@linkplain WireClientResources#shared shared} client threads. */
    public static BlockingWireClient open(String host, int port, WireClientOptions options) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        return new BlockingWireClient(WireClientConnection.connect(WireClientResources.shared(), address, options),
                options.requestTimeout());
    }

    /** Connects to the loopback address's {@code port}. */
    public static BlockingWireClient open(int port, WireClientOptions options) {
        return open(InetAddress.getLoopbackAddress().getHostAddress(), port, options);
    }

    /** Connects to the loopback address's {@code port} with no handshake: the first message is the caller's. */
    public static BlockingWireClient open(int port) {
        return open(port, WireClientOptions.defaults().withoutHandshake());
    }

    /** Connects to the loopback {@code port}, writes {@code preamble} ahead of the first message, no handshake. */
    public static BlockingWireClient open(int port, WireClientOptions.Preamble preamble) {
        return open(port, WireClientOptions.defaults().withoutHandshake().withPreamble(preamble));
    }

    /** The connection underneath (its handshake reply, addresses, asynchronous sends). */
    public WireClientConnection connection() {
        return connection;
    }

    /** Runs {@code command} on {@code db} ({@code $db} added) and returns the reply document, whatever its ok. */
    public BsonDocument command(String db, BsonDocument command) {
        return connection.command(db, command, requestTimeout);
    }

    /** Runs {@code command}, which names its database in {@code $db}, and returns the reply document. */
    public BsonDocument run(BsonDocument command) {
        return command(databaseOf(command), command);
    }

    /**
     * {@link #run}, failing unless the reply says {@code ok: 1}.
     *
     * @throws IllegalStateException with the reply when it is not ok
     */
    public BsonDocument runOk(BsonDocument command) {
        BsonDocument reply = run(command);
        BsonValue ok = reply.get("ok");
        if (ok == null || !ok.isNumber() || ok.asNumber().doubleValue() != 1.0) {
            throw new IllegalStateException("command " + command.getFirstKey() + " failed: " + reply.toJson());
        }
        return reply;
    }

    /** Sends any request as given (OP_QUERY, flags, a compressor, the caller's request id) and waits for its reply. */
    public WireReply exchange(WireRequest request) {
        return await(connection.send(request, requestTimeout));
    }

    /**
     * Sends a request without waiting; {@link #receiveReply} takes the replies in the order sent. A moreToCome
     * OP_MSG expects no reply: its turn in {@link #receiveReply} gives {@code null}.
     */
    public void send(WireRequest request) {
        pending.addLast(connection.send(request, requestTimeout));
    }

    /** Sends {@code command} (which names its database in {@code $db}) as an OP_MSG without waiting. */
    public void send(BsonDocument command) {
        send(connection.commandRequest(databaseOf(command), command));
    }

    /**
     * The reply to the oldest {@link #send} not yet received.
     *
     * @throws IllegalStateException when nothing was sent
     */
    public WireReply receiveReply() {
        CompletableFuture<WireReply> next = pending.pollFirst();
        if (next == null) {
            throw new IllegalStateException("nothing sent that awaits a reply");
        }
        return await(next);
    }

    /** The document of the reply to the oldest {@link #send} not yet received. */
    public BsonDocument receive() {
        return document(receiveReply());
    }

    /**
     * Writes {@code bytes} as they are, outside the protocol: for tests of bytes no correct client writes (garbage,
     * a malformed frame, a PROXY header cut short); returns once written or failed. A reply they provoke matches no
     * request and closes the connection as a protocol error, which {@link #closedByServer} reports.
     */
    public void writeRaw(byte[] bytes) {
        // A write the server cut short (it closed on the first bytes) is not an error here: closedByServer tells.
        connection.writeRaw(bytes).awaitUninterruptibly(CLOSE_WAIT.toMillis());
    }

    /**
     * Whether the server closed the connection within {@code within} without sending anything: true when it closed,
     * false when the connection is still open.
     *
     * @throws IllegalStateException when the server sent something instead (a reply to a request not yet received,
     *                               or bytes that answer no request)
     */
    public boolean closedByServer(Duration within) {
        WireClientException cause = null;
        try {
            cause = connection.closeCause().get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // still open: unless a reply came, that is silence
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireClientException(Kind.INTERRUPTED, "interrupted while waiting for the close", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        for (CompletableFuture<WireReply> f : pending) {
            WireReply reply = f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
            if (reply != null) {
                throw new IllegalStateException("the server replied instead of closing: " + document(reply).toJson());
            }
        }
        if (cause != null && cause.kind() == Kind.PROTOCOL) {
            throw new IllegalStateException("the server sent something instead of closing: " + cause.getMessage(),
                    cause);
        }
        return cause != null;
    }

    /** The local port of the connection. */
    public int localPort() {
        return connection.localAddress().getPort();
    }

    /** Closes the connection and waits until the socket is closed, as {@code Socket.close()} does. */
    @Override
    public void close() {
        connection.close();
        try {
            connection.closeFuture().get(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("connection " + connection + " did not close within " + CLOSE_WAIT, e);
        }
    }

    /** The document of a reply: an OP_MSG's body, an OP_REPLY's single document. */
    public static BsonDocument document(WireReply reply) {
        if (reply instanceof OpMsgReply msg) {
            return msg.body();
        }
        return ((OpReplyMessage) reply).document();
    }

    /**
     * The bytes {@code wire}'s encoder writes for {@code request}: for tests that put a correct message among bytes
     * no client writes (after a fuzzed PROXY header, with one header field overwritten).
     */
    public static byte[] encode(WireRequest request) {
        EmbeddedChannel channel = new EmbeddedChannel(new WireRequestEncoder());
        try {
            channel.writeOutbound(request);
            ByteBuf out = channel.readOutbound();
            try {
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** The bytes of a plain OP_MSG carrying {@code body} (which should name its {@code $db}). */
    public static byte[] encode(int requestId, BsonDocument body) {
        return encode(OpMsgRequest.of(requestId, body));
    }

    private static String databaseOf(BsonDocument command) {
        BsonValue db = command.get("$db");
        if (db == null || !db.isString()) {
            throw new IllegalArgumentException("command has no $db string: " + command.toJson());
        }
        return db.asString().getValue();
    }

    private WireReply await(CompletableFuture<WireReply> f) {
        try {
            return f.get(requestTimeout.toNanos() + WireClientConnection.BLOCKING_MARGIN_NANOS, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof WireClientException w ? w
                    : new WireClientException(Kind.CLOSED, String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
            throw new WireClientException(Kind.INTERRUPTED, "interrupted while waiting for a reply", e);
        } catch (TimeoutException e) {
            connection.close();
            throw new WireClientException(Kind.TIMEOUT, "no reply within " + requestTimeout.toMillis()
                    + " ms (event loop stalled)", e);
        }
    }
}
