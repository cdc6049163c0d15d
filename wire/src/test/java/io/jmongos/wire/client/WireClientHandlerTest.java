package io.jmongos.wire.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.wire.OpCode;
import io.jmongos.wire.OpMsgFlags;
import io.jmongos.wire.OpMsgReply;
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.OpQueryRequest;
import io.jmongos.wire.OpReplyMessage;
import io.jmongos.wire.TrackingAllocator;
import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireFrameDecoder;
import io.jmongos.wire.WireMessageDecoder;
import io.jmongos.wire.WireMessageEncoder;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.WireRequest;
import io.jmongos.wire.client.WireClientException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client connection on an EmbeddedChannel: what it writes, how replies are matched (responseTo checked on every
 * reply), timeouts on the channel's clock, oversized frames, and compression negotiated in the handshake. A second
 * EmbeddedChannel with the server codecs reads what the client wrote and encodes the replies.
 */
class WireClientHandlerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private TrackingAllocator alloc;
    private EmbeddedChannel client;
    private EmbeddedChannel server;

    @BeforeEach
    void setUp() {
        alloc = new TrackingAllocator(true);
        server = new EmbeddedChannel(new WireFrameDecoder(), new WireMessageDecoder(), new WireMessageEncoder());
        server.config().setAllocator(alloc);
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.finishAndReleaseAll();
        }
        server.finishAndReleaseAll();
        alloc.assertAllReleased();
    }

    private static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    private WireClientConnection connection(WireClientOptions options) {
        client = new EmbeddedChannel();
        client.config().setAllocator(alloc);
        WireClientConnection.installPipeline(client.pipeline(), options.maxMessageSize());
        return WireClientConnection.attach(client, options);
    }

    /** What the client wrote, decoded by the server codecs. */
    private WireRequest sent() {
        ByteBuf bytes = client.readOutbound();
        assertThat(bytes).as("client wrote a message").isNotNull();
        assertThat(server.writeInbound(bytes)).isTrue();
        return server.readInbound();
    }

    /** Encodes {@code reply} with the server codecs and feeds it to the client. */
    private void reply(WireReply reply) {
        assertThat(server.writeOutbound(reply)).isTrue();
        ByteBuf bytes = server.readOutbound();
        client.writeInbound(bytes);
    }

    private static WireClientException failure(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WireClientException.class);
            return (WireClientException) e.getCause();
        }
        throw new AssertionError("not failed");
    }

    @Test
    void commandAddsDbAndTheReplyAnswersIt() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        CompletableFuture<BsonDocument> f = c.commandAsync("test", doc("{find: 'c'}"), TIMEOUT);
        OpMsgRequest request = (OpMsgRequest) sent();
        assertThat(request.body()).isEqualTo(doc("{find: 'c', $db: 'test'}"));
        assertThat(request.compressor()).isEqualTo(WireCompressor.NOOP);
        assertThat(f).isNotDone();
        reply(new OpMsgReply(request.requestId(), 0, doc("{ok: 1, n: 3}"), WireCompressor.NOOP));
        assertThat(f.join()).isEqualTo(doc("{ok: 1, n: 3}"));
        assertThat(client.isActive()).isTrue();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        CompletableFuture<BsonDocument> first = c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT);
        CompletableFuture<BsonDocument> second = c.commandAsync("admin", doc("{ping: 2}"), TIMEOUT);
        WireRequest r1 = sent();
        WireRequest r2 = sent();
        assertThat(r2.requestId()).isNotEqualTo(r1.requestId());
        reply(new OpMsgReply(r1.requestId(), 0, doc("{ok: 1, i: 1}"), WireCompressor.NOOP));
        reply(new OpMsgReply(r2.requestId(), 0, doc("{ok: 1, i: 2}"), WireCompressor.NOOP));
        assertThat(first.join().getInt32("i").getValue()).isEqualTo(1);
        assertThat(second.join().getInt32("i").getValue()).isEqualTo(2);
    }

    @Test
    void replyToAnotherRequestIsAProtocolErrorThatClosesTheConnection() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        CompletableFuture<BsonDocument> first = c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT);
        CompletableFuture<BsonDocument> second = c.commandAsync("admin", doc("{ping: 2}"), TIMEOUT);
        sent();
        WireRequest r2 = sent();
        reply(new OpMsgReply(r2.requestId(), 0, doc("{ok: 1}"), WireCompressor.NOOP));
        WireClientException e = failure(first);
        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).contains("responseTo " + r2.requestId()).contains("does not answer request");
        assertThat(failure(second).kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(client.isOpen()).isFalse();
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void replyWithNothingOutstandingIsAProtocolError() {
        connection(WireClientOptions.defaults().withoutHandshake());
        reply(new OpMsgReply(77, 0, doc("{ok: 1}"), WireCompressor.NOOP));
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void exhaustReplyIsAProtocolError() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        CompletableFuture<BsonDocument> f = c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT);
        WireRequest r = sent();
        reply(new OpMsgReply(r.requestId(), OpMsgFlags.MORE_TO_COME, doc("{ok: 1}"), WireCompressor.NOOP));
        assertThat(failure(f).getMessage()).contains("moreToCome");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void requestTimesOutOnTheChannelClockAndClosesTheConnection() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        client.freezeTime();
        CompletableFuture<BsonDocument> slow = c.commandAsync("admin", doc("{ping: 1}"), Duration.ofMillis(500));
        CompletableFuture<BsonDocument> next = c.commandAsync("admin", doc("{ping: 2}"), Duration.ofSeconds(30));
        sent();
        sent();
        client.advanceTimeBy(499, TimeUnit.MILLISECONDS);
        client.runScheduledPendingTasks();
        assertThat(slow).isNotDone();
        client.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        client.runScheduledPendingTasks();
        WireClientException e = failure(slow);
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("within 500 ms");
        assertThat(failure(next).kind()).isEqualTo(Kind.CLOSED);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void oversizedReplyLengthFailsBeforeBufferingAndCloses() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake().withMaxMessageSize(1000));
        CompletableFuture<BsonDocument> f = c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT);
        sent();
        ByteBuf bytes = alloc.buffer(8).writeIntLE(1001).writeIntLE(1);
        client.writeInbound(bytes);
        WireClientException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).contains("message length 1001 exceeds the maximum of 1000 bytes");
        assertThat(bytes.refCnt()).isZero();
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void undersizedReplyLengthIsAProtocolError() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        CompletableFuture<BsonDocument> f = c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT);
        sent();
        client.writeInbound(alloc.buffer(4).writeIntLE(15));
        assertThat(failure(f).getMessage()).contains("message length 15 is below the 16-byte minimum");
    }

    @Test
    void closedConnectionFailsOutstandingAndLaterRequests() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        CompletableFuture<BsonDocument> f = c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT);
        sent();
        client.close();
        assertThat(failure(f).kind()).isEqualTo(Kind.CLOSED);
        assertThat(failure(c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT)).kind()).isEqualTo(Kind.CLOSED);
    }

    @Test
    void handshakeNegotiatesCompressionAndLaterCommandsUseIt() {
        WireClientConnection c = connection(WireClientOptions.defaults()
                .withCompressors(List.of(WireCompressor.ZSTD, WireCompressor.SNAPPY))
                .withHelloFields(doc("{loadBalanced: true}")));
        CompletableFuture<Void> started = c.start();
        OpMsgRequest hello = (OpMsgRequest) sent();
        assertThat(hello.compressor()).isEqualTo(WireCompressor.NOOP);
        assertThat(hello.body()).isEqualTo(
                doc("{hello: 1, loadBalanced: true, compression: ['zstd', 'snappy'], $db: 'admin'}"));
        reply(new OpMsgReply(hello.requestId(), 0, doc("{ok: 1, isWritablePrimary: true, compression: ['snappy'],"
                + " maxMessageSizeBytes: 48000000, maxBsonObjectSize: 16777216, maxWriteBatchSize: 100000}"),
                WireCompressor.NOOP));
        started.join();
        assertThat(c.compressor()).isEqualTo(WireCompressor.SNAPPY);
        assertThat(c.helloReply().getBoolean("isWritablePrimary").getValue()).isTrue();

        CompletableFuture<BsonDocument> find = c.commandAsync("test", doc("{find: 'c'}"), TIMEOUT);
        ByteBuf raw = client.readOutbound();
        assertThat(raw.getIntLE(12)).isEqualTo(OpCode.OP_COMPRESSED.code());
        assertThat(raw.getByte(24)).isEqualTo((byte) WireCompressor.SNAPPY.id());
        server.writeInbound(raw);
        OpMsgRequest decoded = server.readInbound();
        assertThat(decoded.compressor()).isEqualTo(WireCompressor.SNAPPY);
        reply(new OpMsgReply(decoded.requestId(), 0, doc("{ok: 1}"), WireCompressor.SNAPPY));
        assertThat(find.join()).isEqualTo(doc("{ok: 1}"));

        c.commandAsync("admin", doc("{hello: 1}"), TIMEOUT);
        assertThat(((OpMsgRequest) sent()).compressor()).as("hello is never compressed").isEqualTo(WireCompressor.NOOP);
    }

    @Test
    void handshakeAcceptingACompressorThatWasNotOfferedFails() {
        WireClientConnection c = connection(WireClientOptions.defaults().withCompressors(List.of(WireCompressor.ZSTD)));
        CompletableFuture<Void> started = c.start();
        WireRequest hello = sent();
        reply(new OpMsgReply(hello.requestId(), 0, doc("{ok: 1, compression: ['zlib']}"), WireCompressor.NOOP));
        WireClientException e = failure(started);
        assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(e.getMessage()).contains("'zlib', which was not offered");
    }

    @Test
    void handshakeNumbersOutOfRangeFail() {
        WireClientConnection c = connection(WireClientOptions.defaults());
        CompletableFuture<Void> started = c.start();
        WireRequest hello = sent();
        reply(new OpMsgReply(hello.requestId(), 0, doc("{ok: 1, maxMessageSizeBytes: 48000001}"),
                WireCompressor.NOOP));
        assertThat(failure(started).getMessage()).contains("maxMessageSizeBytes is 48000001, outside 16");
    }

    @Test
    void handshakeErrorReplyFails() {
        WireClientConnection c = connection(WireClientOptions.defaults());
        CompletableFuture<Void> started = c.start();
        WireRequest hello = sent();
        reply(new OpMsgReply(hello.requestId(), 0, doc("{ok: 0, code: 354, errmsg: 'no'}"), WireCompressor.NOOP));
        assertThat(failure(started).kind()).isEqualTo(Kind.HANDSHAKE_FAILED);
    }

    @Test
    void preambleLeavesInTheSameWriteAsTheFirstMessage() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake()
                .withPreamble((local, remote) -> new byte[] {'P', 'X'}));
        c.start();
        assertThat(client.<Object>readOutbound()).as("nothing flushed before the first message").isNull();
        c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT);
        ByteBuf preamble = client.readOutbound();
        assertThat(preamble.readableBytes()).isEqualTo(2);
        preamble.release();
        assertThat(sent()).isInstanceOf(OpMsgRequest.class);
    }

    @Test
    void moreToComeRequestCompletesWhenWrittenAndOpQueryGetsOpReply() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        CompletableFuture<WireReply> fire = c.send(new OpMsgRequest(WireClientConnection.nextRequestId(),
                OpMsgFlags.MORE_TO_COME, doc("{ping: 1, $db: 'admin'}"), java.util.Map.of(), WireCompressor.NOOP),
                TIMEOUT);
        assertThat(fire.join()).isNull();
        assertThat(((OpMsgRequest) sent()).moreToCome()).isTrue();
        int id = WireClientConnection.nextRequestId();
        CompletableFuture<WireReply> legacy = c.send(new OpQueryRequest(id, 0, "admin.$cmd", 0, -1,
                doc("{isMaster: 1}"), null, WireCompressor.NOOP), TIMEOUT);
        assertThat(sent()).isInstanceOf(OpQueryRequest.class);
        reply(new OpReplyMessage(id, 8, doc("{ismaster: true, ok: 1}"), WireCompressor.NOOP));
        assertThat(((OpReplyMessage) legacy.join()).document().getBoolean("ismaster").getValue()).isTrue();
    }

    @Test
    void opReplyToAnOpMsgCommandIsAProtocolError() {
        WireClientConnection c = connection(WireClientOptions.defaults().withoutHandshake());
        CompletableFuture<BsonDocument> f = c.commandAsync("admin", doc("{ping: 1}"), TIMEOUT);
        WireRequest r = sent();
        reply(new OpReplyMessage(r.requestId(), 0, doc("{ok: 1}"), WireCompressor.NOOP));
        assertThat(failure(f).getMessage()).contains("answered with OP_REPLY");
    }
}
