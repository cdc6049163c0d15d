package io.jmongos.wire;

import static io.jmongos.wire.RawMessage.doc;
import static io.jmongos.wire.WireAssertions.assertClientRejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.zip.CRC32C;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server reply encoder and client reply decoder: byte layout, round trips, client-side negatives. */
class ReplyCodecTest {
    private static final BsonDocument OK = doc("{ok: 1.0, n: 2}");

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void encodesOpMsgReplyLayout(boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel server = WireChannels.server(alloc);
        ByteBuf first = WireChannels.encode(server, new OpMsgReply(31, 0, OK, WireCompressor.NOOP));
        ByteBuf second = WireChannels.encode(server, new OpMsgReply(32, 0, OK, WireCompressor.NOOP));
        byte[] bson = RawMessage.bson(OK);
        assertThat(first.readableBytes()).isEqualTo(16 + 4 + 1 + bson.length);
        assertThat(first.getIntLE(0)).isEqualTo(first.readableBytes());
        assertThat(first.getIntLE(8)).isEqualTo(31);
        assertThat(first.getIntLE(12)).isEqualTo(OpCode.OP_MSG.code());
        assertThat(first.getIntLE(16)).isZero();
        assertThat(first.getByte(20)).isZero();
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(first, 21, bson.length)).isEqualTo(bson);
        assertThat(second.getIntLE(4)).isNotEqualTo(first.getIntLE(4));
        assertThat(second.getIntLE(8)).isEqualTo(32);
        first.release();
        second.release();
        WireChannels.finish(server, alloc);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsOpMsgReplyWithChecksumAndMoreToCome(boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel server = WireChannels.server(alloc);
        EmbeddedChannel client = WireChannels.client(alloc);
        int flags = OpMsgFlags.CHECKSUM_PRESENT | OpMsgFlags.MORE_TO_COME;
        ByteBuf bytes = WireChannels.encode(server, new OpMsgReply(40, flags, OK, WireCompressor.NOOP));
        CRC32C crc = new CRC32C();
        crc.update(bytes.nioBuffer(0, bytes.readableBytes() - 4));
        assertThat(bytes.getIntLE(bytes.readableBytes() - 4)).isEqualTo((int) crc.getValue());
        OpMsgReply decoded = WireChannels.decode(client, WireChannels.rehome(bytes, direct));
        assertThat(decoded).isEqualTo(new OpMsgReply(40, flags, OK, WireCompressor.NOOP));
        WireChannels.finish(server, alloc);
        WireChannels.finish(client, alloc);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void encodesOpReplyLayoutAndRoundTrips(boolean direct) {
        TrackingAllocator alloc = new TrackingAllocator(direct);
        EmbeddedChannel server = WireChannels.server(alloc);
        EmbeddedChannel client = WireChannels.client(alloc);
        OpReplyMessage reply = new OpReplyMessage(12, 8, OK, WireCompressor.NOOP);
        ByteBuf bytes = WireChannels.encode(server, reply);
        byte[] bson = RawMessage.bson(OK);
        assertThat(bytes.readableBytes()).isEqualTo(16 + 20 + bson.length);
        assertThat(bytes.getIntLE(0)).isEqualTo(bytes.readableBytes());
        assertThat(bytes.getIntLE(8)).isEqualTo(12);
        assertThat(bytes.getIntLE(12)).isEqualTo(OpCode.OP_REPLY.code());
        assertThat(bytes.getIntLE(16)).isEqualTo(8);
        assertThat(bytes.getLongLE(20)).isZero();
        assertThat(bytes.getIntLE(28)).isZero();
        assertThat(bytes.getIntLE(32)).isEqualTo(1);
        OpReplyMessage decoded = WireChannels.decode(client, WireChannels.rehome(bytes, direct));
        assertThat(decoded).isEqualTo(reply);
        assertThat(decoded.cursorId()).isZero();
        assertThat(decoded.startingFrom()).isZero();
        WireChannels.finish(server, alloc);
        WireChannels.finish(client, alloc);
    }

    @Test
    void writesRawBsonDocumentBytesAsIs() {
        TrackingAllocator alloc = new TrackingAllocator(false);
        EmbeddedChannel server = WireChannels.server(alloc);
        byte[] bson = RawMessage.bson(OK);
        RawBsonDocument raw = new RawBsonDocument(bson);
        ByteBuf bytes = WireChannels.encode(server, new OpMsgReply(1, 0, raw, WireCompressor.NOOP));
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(bytes, 21, bson.length)).isEqualTo(bson);
        assertThat(bytes.readableBytes()).isEqualTo(21 + bson.length);
        bytes.release();
        WireChannels.finish(server, alloc);
    }

    @Test
    void clientMergesDocumentSequencesOfAReply() {
        TrackingAllocator alloc = new TrackingAllocator(false);
        EmbeddedChannel client = WireChannels.client(alloc);
        ByteBuf message = RawMessage.header(1, 77, 2013).int32(0).body(doc("{ok: 1}"))
                .sequence("docs", doc("{a: 1}")).build();
        OpMsgReply reply = WireChannels.decode(client, message);
        assertThat(reply.responseTo()).isEqualTo(77);
        assertThat(reply.body()).isEqualTo(doc("{ok: 1, docs: [{a: 1}]}"));
        WireChannels.finish(client, alloc);
    }

    @Test
    void encoderPassesOtherMessagesThrough() {
        TrackingAllocator alloc = new TrackingAllocator(false);
        EmbeddedChannel server = WireChannels.server(alloc);
        ByteBuf raw = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        assertThat(WireChannels.encode(server, raw)).isSameAs(raw);
        raw.release();
        WireChannels.finish(server, alloc);
    }

    @Test
    void clientRejectsOpReplyWithTwoDocuments() {
        assertClientRejects(RawMessage.header(1, 2, 1).int32(0).int64(0).int32(0).int32(2).doc(OK).doc(OK).build(),
                "OP_REPLY numberReturned 2, expected 1");
    }

    @Test
    void clientRejectsOpReplyWithNegativeStartingFrom() {
        assertClientRejects(RawMessage.header(1, 2, 1).int32(0).int64(0).int32(-1).int32(1).doc(OK).build(),
                "OP_REPLY startingFrom -1 is negative");
    }

    @Test
    void clientRejectsOpReplyWithTrailingBytes() {
        assertClientRejects(RawMessage.header(1, 2, 1).int32(0).int64(0).int32(0).int32(1).doc(OK).byte8(0)
                .build(), "OP_REPLY has 1 unexpected bytes after its documents");
    }

    @Test
    void clientRejectsTruncatedOpReply() {
        assertClientRejects(RawMessage.header(1, 2, 1).int32(0).int32(0).build(),
                "OP_REPLY cursorID needs 8 bytes but only 4 remain");
    }

    @Test
    void clientRejectsARequestOpcode() {
        assertClientRejects(RawMessage.header(1, 0, 2004).int32(0).cstring("admin.$cmd").int32(0).int32(-1)
                .doc(OK).build(), "opcode 2004 (OP_QUERY) is not a reply");
    }
}
