package io.jmongos.wire.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmongos.wire.OpMsgFlags;
import io.jmongos.wire.OpMsgReply;
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireFrameDecoder;
import io.jmongos.wire.WireMessageDecoder;
import io.jmongos.wire.WireMessageEncoder;
import io.jmongos.wire.WireRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blocking facade over a real loopback socket, against a server scripted on a plain {@link ServerSocket}: the
 * preamble goes out ahead of the first message and nothing goes out for a connection closed before its first
 * command; sends are answered in order (a moreToCome message gets no reply); raw bytes arrive as written; a close by
 * the server is told apart from silence and from a server that sends something instead; {@code encode} writes what
 * the server codecs read back.
 */
@Timeout(60)
class BlockingWireClientTest {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final String PROXY_V1 = "PROXY TCP4 203.0.113.7 127.0.0.1 51234 27017\r\n";

    /** A server for one connection: the script runs on its own thread with the accepted socket. */
    private interface Script<T> {
        T run(Socket socket, DataInputStream in, OutputStream out) throws Exception;
    }

    private static <T> CompletableFuture<T> serveOne(ServerSocket server, Script<T> script) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(TIMEOUT_MILLIS);
                return script.run(s, new DataInputStream(s.getInputStream()), s.getOutputStream());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** One length-prefixed message, header included. */
    private static byte[] readMessage(DataInputStream in) throws IOException {
        byte[] length = new byte[4];
        in.readFully(length);
        int n = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] message = Arrays.copyOf(length, n);
        in.readFully(message, 4, n - 4);
        return message;
    }

    /** The request in {@code message}, decoded by the server codecs. */
    private static WireRequest decode(byte[] message) {
        EmbeddedChannel ch = new EmbeddedChannel(new WireFrameDecoder(), new WireMessageDecoder());
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(message));
            return ch.readInbound();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** The bytes of an OP_MSG reply as the server codecs write it. */
    private static byte[] reply(int responseTo, BsonDocument body) {
        EmbeddedChannel ch = new EmbeddedChannel(new WireMessageEncoder());
        try {
            ch.writeOutbound(new OpMsgReply(responseTo, 0, body, WireCompressor.NOOP));
            ByteBuf out = ch.readOutbound();
            try {
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static BsonDocument ping() {
        return BsonDocument.parse("{ping: 1, $db: 'admin'}");
    }

    @Test
    void preambleGoesOutAheadOfTheFirstCommandAndTheReplyIsMatched() throws Exception {
        try (ServerSocket server = listen()) {
            CompletableFuture<byte[]> received = serveOne(server, (s, in, out) -> {
                byte[] header = new byte[PROXY_V1.length()];
                in.readFully(header);
                byte[] message = readMessage(in);
                out.write(reply(decode(message).requestId(), BsonDocument.parse("{ok: 1, n: 7}")));
                out.flush();
                byte[] all = Arrays.copyOf(header, header.length + message.length);
                System.arraycopy(message, 0, all, header.length, message.length);
                return all;
            });
            try (BlockingWireClient c = BlockingWireClient.open(server.getLocalPort(),
                    (local, remote) -> PROXY_V1.getBytes(StandardCharsets.US_ASCII))) {
                BsonDocument r = c.runOk(ping());
                assertThat(r.getInt32("n").getValue()).isEqualTo(7);
            }
            byte[] bytes = received.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(new String(bytes, 0, PROXY_V1.length(), StandardCharsets.US_ASCII)).isEqualTo(PROXY_V1);
            OpMsgRequest sent = (OpMsgRequest) decode(Arrays.copyOfRange(bytes, PROXY_V1.length(), bytes.length));
            assertThat(sent.body()).isEqualTo(ping());
        }
    }

    @Test
    void aConnectionClosedBeforeAnyCommandSendsNothing() throws Exception {
        try (ServerSocket server = listen()) {
            CompletableFuture<Integer> first = serveOne(server, (s, in, out) -> in.read());
            BlockingWireClient.open(server.getLocalPort(),
                    (local, remote) -> PROXY_V1.getBytes(StandardCharsets.US_ASCII)).close();
            assertThat(first.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(-1);
        }
    }

    @Test
    void sentRequestsAreReceivedInOrderAndMoreToComeGetsNone() throws Exception {
        try (ServerSocket server = listen()) {
            CompletableFuture<List<Integer>> ids = serveOne(server, (s, in, out) -> {
                List<Integer> seen = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    WireRequest r = decode(readMessage(in));
                    seen.add(r.requestId());
                    if (!((OpMsgRequest) r).moreToCome()) {
                        out.write(reply(r.requestId(), new BsonDocument("ok", new BsonInt32(1))
                                .append("id", new BsonInt32(r.requestId()))));
                        out.flush();
                    }
                }
                return seen;
            });
            try (BlockingWireClient c = BlockingWireClient.open(server.getLocalPort())) {
                c.send(OpMsgRequest.of(10, ping()));
                c.send(new OpMsgRequest(11, OpMsgFlags.MORE_TO_COME, ping(), Map.of(), WireCompressor.NOOP));
                c.send(OpMsgRequest.of(12, ping()));
                c.send(ping());
                assertThat(c.receiveReply().responseTo()).isEqualTo(10);
                assertThat(c.receiveReply()).isNull();
                assertThat(c.receive().getInt32("id").getValue()).isEqualTo(12);
                assertThat(c.receive().getInt32("ok").getValue()).isEqualTo(1);
                assertThatThrownBy(c::receiveReply).isInstanceOf(IllegalStateException.class);
            }
            assertThat(ids.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).startsWith(10, 11, 12);
        }
    }

    @Test
    void rawBytesArriveAsWrittenAndACloseByTheServerIsSeen() throws Exception {
        byte[] garbage = {3, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        try (ServerSocket server = listen()) {
            CompletableFuture<byte[]> got = serveOne(server, (s, in, out) -> {
                byte[] b = new byte[garbage.length];
                in.readFully(b);
                return b;
            });
            try (BlockingWireClient c = BlockingWireClient.open(server.getLocalPort())) {
                c.writeRaw(garbage);
                assertThat(got.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(garbage);
                assertThat(c.closedByServer(Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    @Test
    void silenceIsNotAClose() throws Exception {
        try (ServerSocket server = listen()) {
            CompletableFuture<Integer> held = serveOne(server, (s, in, out) -> in.read());
            try (BlockingWireClient c = BlockingWireClient.open(server.getLocalPort())) {
                assertThat(c.closedByServer(SHORT)).isFalse();
            }
            assertThat(held.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(-1);
        }
    }

    @Test
    void aServerThatRepliesInsteadOfClosingIsReported() throws Exception {
        try (ServerSocket server = listen()) {
            serveOne(server, (s, in, out) -> {
                WireRequest r = decode(readMessage(in));
                out.write(reply(r.requestId(), new BsonDocument("ok", new BsonInt32(0))));
                out.flush();
                return in.read();
            });
            try (BlockingWireClient c = BlockingWireClient.open(server.getLocalPort())) {
                c.send(ping());
                assertThatThrownBy(() -> c.closedByServer(SHORT)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("replied instead of closing");
            }
        }
        try (ServerSocket server = listen()) {
            serveOne(server, (s, in, out) -> {
                out.write(reply(99, new BsonDocument("ok", new BsonInt32(1))));
                out.flush();
                return in.read();
            });
            try (BlockingWireClient c = BlockingWireClient.open(server.getLocalPort())) {
                assertThatThrownBy(() -> c.closedByServer(Duration.ofSeconds(10)))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("instead of closing")
                        .hasMessageContaining("no request was outstanding");
            }
        }
    }

    @Test
    void encodeWritesWhatTheServerCodecsReadBack() {
        OpMsgRequest request = new OpMsgRequest(7, 0, ping(), Map.of(), WireCompressor.SNAPPY);
        WireRequest back = decode(BlockingWireClient.encode(request));
        assertThat(back.requestId()).isEqualTo(7);
        assertThat(back.compressor()).isEqualTo(WireCompressor.SNAPPY);
        assertThat(((OpMsgRequest) back).body()).isEqualTo(ping());
        assertThat(decode(BlockingWireClient.encode(8, ping())).compressor()).isEqualTo(WireCompressor.NOOP);
    }
}
