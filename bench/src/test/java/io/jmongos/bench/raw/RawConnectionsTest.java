package io.jmongos.bench.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
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
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.client.BlockingWireClient;

/** The benchmark's raw connections write the PROXY v2 header of their own addresses ahead of the first command. */
class RawConnectionsTest {
    private static final int TIMEOUT_MILLIS = 10_000;
    /** PROXY v2: signature (12), version/command, family, address block length (16 bits, big-endian). */
    private static final int PROXY_V2_FIXED_LENGTH = 16;
    /** Where an OP_MSG's kind-0 body starts: message header (16), flagBits (4), section kind (1). */
    private static final int OP_MSG_BODY_OFFSET = 21;

    /** What one accepted connection sent: the PROXY header, the first message, and the two ends' addresses. */
    private record Received(byte[] header, byte[] message, InetSocketAddress client, InetSocketAddress server) {
    }

    @Test
    void proxyHeaderOfTheConnectionsOwnAddressesGoesOutAheadOfTheFirstCommand() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Received> received = CompletableFuture.supplyAsync(() -> serveOnePing(server));
            try (BlockingWireClient c = RawConnections.open(server.getLocalPort(), true, TIMEOUT_MILLIS)) {
                assertThat(c.runOk(RawConnections.ping()).getNumber("ok").intValue()).isEqualTo(1);
            }
            Received r = received.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(r.header()).isEqualTo(ProxyV2Header.proxy(r.client(), r.server()));
            assertThat(new RawBsonDocument(r.message(), OP_MSG_BODY_OFFSET, r.message().length - OP_MSG_BODY_OFFSET))
                    .isEqualTo(RawConnections.ping());
        }
    }

    /** Accept one connection, read a PROXY v2 header (IPv4) and one OP_MSG, answer {ok: 1}. */
    private static Received serveOnePing(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            DataInputStream data = new DataInputStream(s.getInputStream());
            byte[] fixed = new byte[PROXY_V2_FIXED_LENGTH];
            data.readFully(fixed);
            int rest = ByteBuffer.wrap(fixed).getShort(PROXY_V2_FIXED_LENGTH - 2) & 0xFFFF;
            byte[] header = Arrays.copyOf(fixed, PROXY_V2_FIXED_LENGTH + rest);
            data.readFully(header, PROXY_V2_FIXED_LENGTH, rest);
            byte[] length = new byte[4];
            data.readFully(length);
            byte[] message = Arrays.copyOf(length, ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt());
            data.readFully(message, 4, message.length - 4);
            int requestId = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
            byte[] reply = BlockingWireClient.encode(OpMsgRequest.of(0, new BsonDocument("ok", new BsonInt32(1))));
            ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).putInt(8, requestId);
            OutputStream out = s.getOutputStream();
            out.write(reply);
            out.flush();
            return new Received(header, message, (InetSocketAddress) s.getRemoteSocketAddress(),
                    (InetSocketAddress) s.getLocalSocketAddress());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
