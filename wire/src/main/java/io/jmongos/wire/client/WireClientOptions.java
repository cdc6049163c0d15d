package io.jmongos.wire.client;

import io.jmongos.wire.MessageHeader;
import io.jmongos.wire.WireCompressor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bson.BsonDocument;

/**
 * How a {@link WireClientConnection} connects and talks.
 *
 * @param connectTimeout  bound on establishing the TCP connection (and, with a handshake, on the handshake reply)
 * @param requestTimeout  default bound on each request's reply
 * @param compressors     compressors to offer in the handshake, in order of preference (empty: none); the first
 *                        of them the server accepts is used for every later command that may be compressed
 * @param helloFields     extra fields of the handshake {@code hello} (e.g. {@code loadBalanced: true}); {@code null}
 *                        sends no handshake at all (a test that must control the first message)
 * @param maxMessageSize  largest reply accepted (16 … 48,000,000)
 * @param preamble        bytes written before the first message, in the same TCP write (a PROXY header), or null
 * @param security        TLS and authentication ({@link WireClientSecurity#NONE}: plain TCP, none)
 */
public record WireClientOptions(Duration connectTimeout, Duration requestTimeout, List<WireCompressor> compressors,
                                BsonDocument helloFields, int maxMessageSize, Preamble preamble,
                                WireClientSecurity security) {
    /** Default connect timeout: the drivers' connectTimeoutMS default (URI options specification), 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default request timeout of a bare client (tests, bench): generous, a bound against hangs only. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** Bytes to send ahead of the wire protocol, computed from the connection's own addresses. */
    @FunctionalInterface
    public interface Preamble {
        byte[] bytes(InetSocketAddress local, InetSocketAddress remote);
    }

    public WireClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(security, "security");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        compressors = List.copyOf(compressors);
        if (compressors.contains(WireCompressor.NOOP)) {
            throw new IllegalArgumentException("noop is not a compressor to negotiate");
        }
        if (maxMessageSize < MessageHeader.SIZE || maxMessageSize > MessageHeader.MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("maxMessageSize must be between " + MessageHeader.SIZE + " and "
                    + MessageHeader.MAX_MESSAGE_SIZE + ", got " + maxMessageSize);
        }
    }

    /** Handshake with a plain hello, no compression, the default timeouts, no preamble. */
    public static WireClientOptions defaults() {
        return new WireClientOptions(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, List.of(), new BsonDocument(),
                MessageHeader.MAX_MESSAGE_SIZE, null, WireClientSecurity.NONE);
    }

    public WireClientOptions withConnectTimeout(Duration timeout) {
        return new WireClientOptions(timeout, requestTimeout, compressors, helloFields, maxMessageSize, preamble,
                security);
    }

    public WireClientOptions withRequestTimeout(Duration timeout) {
        return new WireClientOptions(connectTimeout, timeout, compressors, helloFields, maxMessageSize, preamble,
                security);
    }

    public WireClientOptions withCompressors(List<WireCompressor> offered) {
        return new WireClientOptions(connectTimeout, requestTimeout, offered, helloFields, maxMessageSize, preamble,
                security);
    }

    /** A handshake hello with these extra fields (copied). */
    public WireClientOptions withHelloFields(BsonDocument fields) {
        return new WireClientOptions(connectTimeout, requestTimeout, compressors, fields.clone(), maxMessageSize,
                preamble, security);
    }

    /** No handshake: the first message on the connection is the caller's. */
    public WireClientOptions withoutHandshake() {
        return new WireClientOptions(connectTimeout, requestTimeout, compressors, null, maxMessageSize, preamble,
                security);
    }

    public WireClientOptions withMaxMessageSize(int max) {
        return new WireClientOptions(connectTimeout, requestTimeout, compressors, helloFields, max, preamble,
                security);
    }

    public WireClientOptions withPreamble(Preamble bytes) {
        return new WireClientOptions(connectTimeout, requestTimeout, compressors, helloFields, maxMessageSize, bytes,
                security);
    }

    /** TLS and authentication for the connection (e.g. a router's links to its shards). */
    public WireClientOptions withSecurity(WireClientSecurity s) {
        return new WireClientOptions(connectTimeout, requestTimeout, compressors, helloFields, maxMessageSize, preamble,
                s);
    }

    /** Whether the connection starts with a hello handshake. */
    public boolean handshake() {
        return helloFields != null;
    }
}
