package io.jmongos.wire;

import static io.jmongos.wire.RawMessage.doc;
import static io.jmongos.wire.WireAssertions.assertServerRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;

/** Header-level checks of the server decoder: opcodes and the header/frame agreement. */
class WireMessageDecoderTest {
    @Test
    void rejectsUnknownOpcode() {
        assertServerRejects(RawMessage.header(1, 0, 1234).int32(0).build(), "unknown opcode 1234");
    }

    @Test
    void rejectsLegacyInsertOpcode() {
        assertServerRejects(RawMessage.header(1, 0, 2002).int32(0).cstring("db.c").doc(doc("{a: 1}")).build(),
                "legacy opcode 2002 (OP_INSERT) is not supported");
    }

    @Test
    void rejectsLegacyGetMoreOpcode() {
        assertServerRejects(RawMessage.header(1, 0, 2005).int32(0).build(),
                "legacy opcode 2005 (OP_GET_MORE) is not supported");
    }

    @Test
    void rejectsReplyOpcodeFromAClient() {
        assertServerRejects(RawMessage.header(1, 0, OpCode.OP_REPLY.code()).int32(0).int64(0).int32(0).int32(1)
                .doc(doc("{ok: 1}")).build(), "opcode 1 (OP_REPLY) is not a request");
    }

    @Test
    void messageDecoderRejectsLengthThatDisagreesWithItsFrame() {
        ByteBuf frame = RawMessage.opMsg(0).body(doc("{ping: 1}")).buildWithLength(500);
        assertDecoderAloneRejects(frame, "message length 500 does not match the " + frame.readableBytes()
                + " bytes of its frame");
    }

    @Test
    void messageDecoderRejectsFrameShorterThanAHeader() {
        assertDecoderAloneRejects(Unpooled.buffer().writeIntLE(12).writeIntLE(0).writeIntLE(0),
                "message of 12 bytes is shorter than the 16-byte header");
    }

    @Test
    void messageDecoderRejectsLengthBelowMinimum() {
        assertDecoderAloneRejects(RawMessage.header(1, 0, 2013).buildWithLength(15),
                "message length 15 is below the 16-byte minimum");
    }

    @Test
    void opCodeAndCompressorLookups() {
        assertThat(OpCode.fromCode(2013)).isEqualTo(OpCode.OP_MSG);
        assertThat(OpCode.fromCode(2012)).isEqualTo(OpCode.OP_COMPRESSED);
        assertThat(OpCode.fromCode(2004)).isEqualTo(OpCode.OP_QUERY);
        assertThat(OpCode.fromCode(1)).isEqualTo(OpCode.OP_REPLY);
        assertThat(WireCompressor.fromId(3)).isEqualTo(WireCompressor.ZSTD);
        assertThat(WireCompressor.fromHandshakeName("snappy")).contains(WireCompressor.SNAPPY);
        assertThat(WireCompressor.fromHandshakeName("zlib")).contains(WireCompressor.ZLIB);
        assertThat(WireCompressor.fromHandshakeName("lz4")).isEmpty();
        assertThatThrownBy(() -> WireCompressor.fromId(4)).hasMessage("unknown compressor id 4");
    }

    private static void assertDecoderAloneRejects(ByteBuf frame, String reason) {
        EmbeddedChannel channel = new EmbeddedChannel(new WireMessageDecoder());
        assertThatThrownBy(() -> channel.writeInbound(frame))
                .isInstanceOf(WireProtocolException.class)
                .hasMessage(reason);
        assertThat(frame.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }
}
