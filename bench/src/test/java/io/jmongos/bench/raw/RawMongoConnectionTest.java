package io.jmongos.bench.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

import io.jmongos.bench.proxy.ProxyV2Header;

class RawMongoConnectionTest {
    private static final int TIMEOUT_MILLIS = 10_000;
    /** PROXY v2: signature (12), version/command, family, address block length (16 bits, big-endian). */
    private static final int PROXY_V2_FIXED_LENGTH = 16;

    @Test
    void proxyHeaderGoesOutWithTheFirstCommandAndNoDelayIsOn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> serveOnePing(server));
            byte[] expectedHeader;
            try (RawMongoConnection c = RawMongoConnection.open(server.getLocalPort(), true, TIMEOUT_MILLIS)) {
                assertThat(c.socket().getTcpNoDelay()).isTrue();
                expectedHeader = ProxyV2Header.proxy((InetSocketAddress) c.socket().getLocalSocketAddress(),
                        (InetSocketAddress) c.socket().getRemoteSocketAddress());
                RawBsonDocument reply = c.commandOk(RawMongoConnection.ping());
                assertThat(reply.getNumber("ok").intValue()).isEqualTo(1);
            }
            byte[] bytes = received.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(Arrays.copyOf(bytes, expectedHeader.length)).isEqualTo(expectedHeader);
            byte[] message = Arrays.copyOfRange(bytes, expectedHeader.length, bytes.length);
            assertThat(new RawBsonDocument(message, OpMsgBytes.MIN_OP_MSG - 5, message.length - OpMsgBytes.MIN_OP_MSG
                    + 5)).isEqualTo(RawMongoConnection.ping());
        }
    }

    @Test
    void aConnectionClosedBeforeAnyCommandSendsNothing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(TIMEOUT_MILLIS);
                    return s.getInputStream().read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            RawMongoConnection.open(server.getLocalPort(), true, TIMEOUT_MILLIS).close();
            assertThat(first.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(-1);
        }
    }

    /** Accept one connection, read a PROXY v2 header (IPv4) and one OP_MSG, answer {ok: 1}; return what came. */
    private static byte[] serveOnePing(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = s.getInputStream();
            DataInputStream data = new DataInputStream(in);
            byte[] fixed = new byte[PROXY_V2_FIXED_LENGTH];
            data.readFully(fixed);
            int rest = ByteBuffer.wrap(fixed).getShort(PROXY_V2_FIXED_LENGTH - 2) & 0xFFFF;
            byte[] header = Arrays.copyOf(fixed, PROXY_V2_FIXED_LENGTH + rest);
            data.readFully(header, PROXY_V2_FIXED_LENGTH, rest);
            byte[] message = RawMongoConnection.readMessage(data);
            int requestId = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
            byte[] reply = OpMsgBytes.encode(0, new BsonDocument("ok", new BsonInt32(1)));
            ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).putInt(8, requestId);
            OutputStream out = s.getOutputStream();
            out.write(reply);
            out.flush();
            byte[] all = new byte[header.length + message.length];
            System.arraycopy(header, 0, all, 0, header.length);
            System.arraycopy(message, 0, all, header.length, message.length);
            return all;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
