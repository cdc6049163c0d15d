package io.jmongos.bench.raw;

import java.time.Duration;

import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.jmongos.bench.proxy.ProxyV2Header;
import io.jmongos.wire.client.BlockingWireClient;
import io.jmongos.wire.client.WireClientOptions;
import io.jmongos.wire.client.WireClientSecurity;

/**
 * Connections for what a driver cannot do cheaply: open thousands of idle connections, measure connect + handshake
 * + close, and write a PROXY header itself. They are {@code wire}'s own client ({@link BlockingWireClient} over
 * {@code WireClientConnection}, TCP_NODELAY on), with no handshake of their own: the caller sends the hello.
 */
public final class RawConnections {
    private RawConnections() {
    }

    /**
     * Connects to 127.0.0.1:{@code port}; with {@code proxyHeader} a PROXY v2 header with the socket's own addresses
     * goes first, in one write with the first command: the LB port then gets header and hello in one segment as the
     * main port gets the hello, instead of paying an extra wakeup for a second small write. A connection closed
     * before any command sends nothing. {@code timeoutMillis} bounds the connect and every reply.
     */
    public static BlockingWireClient open(int port, boolean proxyHeader, int timeoutMillis) {
        return open(port, proxyHeader, timeoutMillis, WireClientSecurity.NONE);
    }

    /** {@link #open(int, boolean, int)} with TLS (started after the PROXY header, when there is one). */
    public static BlockingWireClient open(int port, boolean proxyHeader, int timeoutMillis,
                                          WireClientSecurity security) {
        Duration timeout = Duration.ofMillis(timeoutMillis);
        WireClientOptions options = WireClientOptions.defaults().withoutHandshake().withConnectTimeout(timeout)
                .withRequestTimeout(timeout).withSecurity(security);
        if (proxyHeader) {
            options = options.withPreamble(ProxyV2Header::proxy);
        }
        return BlockingWireClient.open("127.0.0.1", port, options);
    }

    /**
     * The handshake a driver sends first: the legacy {@code isMaster} with {@code helloOk: true} (every server
     * knows it; mongo-java-server has no {@code hello}), with {@code loadBalanced: true} when asked.
     */
    public static BsonDocument hello(boolean loadBalanced) {
        BsonDocument d = new BsonDocument("isMaster", new BsonInt32(1)).append("helloOk", BsonBoolean.TRUE)
                .append("$db", new BsonString("admin"));
        if (loadBalanced) {
            d.append("loadBalanced", BsonBoolean.TRUE);
        }
        return d;
    }

    public static BsonDocument ping() {
        return new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));
    }
}
