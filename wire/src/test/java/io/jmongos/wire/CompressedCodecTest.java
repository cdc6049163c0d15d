package io.jmongos.wire;

import static io.jmongos.wire.RawMessage.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** OP_COMPRESSED round trips for every compressor, requests and replies, on heap and direct buffers. */
class CompressedCodecTest {
    static Stream<Arguments> compressors() {
        return Stream.of(WireCompressor.values())
                .flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    private static BsonDocument large() {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251 ^ i >> 12);
        }
        return new BsonDocument("insert", new org.bson.BsonString("c")).append("blob", new BsonBinary(data));
    }

    /** Checks the OP_COMPRESSED header, or for NOOP that the message was sent plain. */
    private static void assertCompressedHeader(ByteBuf bytes, OpCode inner, WireCompressor compressor,
                                               int requestId, int responseTo) {
        assertThat(bytes.getIntLE(0)).isEqualTo(bytes.readableBytes());
        if (requestId != 0) {
            assertThat(bytes.getIntLE(4)).isEqualTo(requestId);
        }
        assertThat(bytes.getIntLE(8)).isEqualTo(responseTo);
        if (compressor == WireCompressor.NOOP) {
            assertThat(bytes.getIntLE(12)).isEqualTo(inner.code());
            return;
        }
        assertThat(bytes.getIntLE(12)).isEqualTo(OpCode.OP_COMPRESSED.code());
        assertThat(bytes.getIntLE(16)).isEqualTo(inner.code());
        assertThat(bytes.getIntLE(20)).isPositive();
        assertThat(bytes.getUnsignedByte(24)).isEqualTo((short) compressor.id());
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void roundTripsACompressedOpMsgRequestWithSequencesAndChecksum(WireCompressor compressor, boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel client = WireChannels.client(alloc);
        EmbeddedChannel server = WireChannels.server(alloc);
        BsonDocument body = doc("{insert: 'c', $db: 'test'}");
        Map<String, List<BsonDocument>> sequences = Map.of("documents", List.of(doc("{_id: 1}"), large()));
        OpMsgRequest request = new OpMsgRequest(77, OpMsgFlags.CHECKSUM_PRESENT, body, sequences, compressor);
        ByteBuf bytes = WireChannels.encode(client, request);
        assertCompressedHeader(bytes, OpCode.OP_MSG, compressor, 77, 0);
        if (compressor != WireCompressor.NOOP) {
            assertThat(bytes.readableBytes()).isLessThan(bytes.getIntLE(20));
        }
        OpMsgRequest decoded = WireChannels.decode(server, WireChannels.rehome(bytes, direct));
        assertThat(decoded.requestId()).isEqualTo(77);
        assertThat(decoded.compressor()).isEqualTo(compressor);
        assertThat(decoded.checksumPresent()).isTrue();
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.documentSequences()).isEqualTo(sequences);
        WireChannels.finish(client, alloc);
        WireChannels.finish(server, alloc);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void decodesAnOpCompressedWithTheNoopCompressor(boolean direct) {
        ByteBuf plain = RawMessage.header(61, 0, 2013).int32(0).body(doc("{ping: 1}")).build();
        int bodySize = plain.readableBytes() - MessageHeader.SIZE;
        ByteBuf wrapped = RawMessage.header(61, 0, OpCode.OP_COMPRESSED.code()).int32(OpCode.OP_MSG.code())
                .int32(bodySize).byte8(0).bytes(ByteBufUtil.getBytes(plain, MessageHeader.SIZE, bodySize)).build();
        plain.release();
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel server = WireChannels.server(alloc);
        OpMsgRequest decoded = WireChannels.decode(server, WireChannels.rehome(wrapped, direct));
        assertThat(decoded.requestId()).isEqualTo(61);
        assertThat(decoded.body()).isEqualTo(doc("{ping: 1}"));
        assertThat(decoded.compressor()).isEqualTo(WireCompressor.NOOP);
        WireChannels.finish(server, alloc);
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void roundTripsACompressedOpQuery(WireCompressor compressor, boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel client = WireChannels.client(alloc);
        EmbeddedChannel server = WireChannels.server(alloc);
        OpQueryRequest request = new OpQueryRequest(3, 0, "admin.$cmd", 0, -1, doc("{hello: 1}"), null, compressor);
        ByteBuf bytes = WireChannels.encode(client, request);
        assertCompressedHeader(bytes, OpCode.OP_QUERY, compressor, 3, 0);
        OpQueryRequest decoded = WireChannels.decode(server, WireChannels.rehome(bytes, direct));
        assertThat(decoded).isEqualTo(request);
        WireChannels.finish(client, alloc);
        WireChannels.finish(server, alloc);
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void roundTripsACompressedOpMsgReply(WireCompressor compressor, boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel server = WireChannels.server(alloc);
        EmbeddedChannel client = WireChannels.client(alloc);
        BsonDocument body = large().append("ok", new org.bson.BsonDouble(1));
        ByteBuf bytes = WireChannels.encode(server, new OpMsgReply(55, 0, body, compressor));
        assertCompressedHeader(bytes, OpCode.OP_MSG, compressor, 0, 55);
        OpMsgReply decoded = WireChannels.decode(client, WireChannels.rehome(bytes, direct));
        assertThat(decoded).isEqualTo(new OpMsgReply(55, 0, body, compressor));
        WireChannels.finish(server, alloc);
        WireChannels.finish(client, alloc);
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void roundTripsACompressedOpReply(WireCompressor compressor, boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel server = WireChannels.server(alloc);
        EmbeddedChannel client = WireChannels.client(alloc);
        OpReplyMessage reply = new OpReplyMessage(56, 8, doc("{ismaster: true, ok: 1}"), compressor);
        ByteBuf bytes = WireChannels.encode(server, reply);
        assertCompressedHeader(bytes, OpCode.OP_REPLY, compressor, 0, 56);
        OpReplyMessage decoded = WireChannels.decode(client, WireChannels.rehome(bytes, direct));
        assertThat(decoded).isEqualTo(reply);
        WireChannels.finish(server, alloc);
        WireChannels.finish(client, alloc);
    }
}
