package io.jmongos.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.common.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reply whose document passes BSONObjMaxInternalSize is answered with a BSONObjectTooLarge (10334) error reply to
 * the same request, uncompressed or compressed, and every buffer is released; a reply at the limit goes out as is.
 */
class OversizedReplyTest {
    /** Bytes of {@code {_id: 1, b: BinData(n bytes)}} besides the n bytes themselves. */
    private static final int BINARY_DOCUMENT_OVERHEAD = 4 + 1 + 4 + 4 + 1 + 2 + 4 + 1 + 1;

    private static BsonDocument ofSize(int size) {
        BsonDocument doc = new BsonDocument("_id", new BsonInt32(1))
                .append("b", new BsonBinary(new byte[size - BINARY_DOCUMENT_OVERHEAD]));
        assertThat(RawMessage.bson(doc)).hasSize(size);
        return doc;
    }

    @ParameterizedTest
    @EnumSource(WireCompressor.class)
    void opMsgReplyOverTheLimitBecomesBsonObjectTooLarge(WireCompressor compressor) {
        TrackingAllocator alloc = new TrackingAllocator(true);
        EmbeddedChannel server = WireChannels.server(alloc);
        EmbeddedChannel client = WireChannels.client(alloc);
        int size = Limits.MAX_BSON_INTERNAL_SIZE + 1;
        ByteBuf bytes = WireChannels.encode(server, new OpMsgReply(7, 0, ofSize(size), compressor));
        assertThat(bytes.readableBytes()).isLessThan(1024);
        OpMsgReply decoded = WireChannels.decode(client, bytes);
        assertThat(decoded.responseTo()).isEqualTo(7);
        assertThat(decoded.compressor()).isEqualTo(compressor);
        BsonDocument body = decoded.body();
        assertThat(body.getNumber("ok").intValue()).isZero();
        assertThat(body.getInt32("code").getValue()).isEqualTo(10334);
        assertThat(body.getString("codeName").getValue()).isEqualTo("BSONObjectTooLarge");
        assertThat(body.getString("errmsg").getValue()).isEqualTo("BSONObj size: 16793601 (0x1004001) is invalid. "
                + "Size must be between 0 and 16793600(16MB) First element: _id: 1");
        WireChannels.finish(server, alloc);
        WireChannels.finish(client, alloc);
    }

    @Test
    void opReplyOverTheLimitBecomesBsonObjectTooLarge() {
        TrackingAllocator alloc = new TrackingAllocator(false);
        EmbeddedChannel server = WireChannels.server(alloc);
        EmbeddedChannel client = WireChannels.client(alloc);
        ByteBuf bytes = WireChannels.encode(server,
                new OpReplyMessage(9, 0, ofSize(Limits.MAX_BSON_INTERNAL_SIZE + 1), WireCompressor.NOOP));
        OpReplyMessage decoded = WireChannels.decode(client, bytes);
        assertThat(decoded.responseTo()).isEqualTo(9);
        assertThat(decoded.document().getInt32("code").getValue()).isEqualTo(10334);
        WireChannels.finish(server, alloc);
        WireChannels.finish(client, alloc);
    }

    @Test
    void replyAtTheLimitIsSentAsIs() {
        TrackingAllocator alloc = new TrackingAllocator(true);
        EmbeddedChannel server = WireChannels.server(alloc);
        ByteBuf bytes = WireChannels.encode(server,
                new OpMsgReply(8, 0, ofSize(Limits.MAX_BSON_INTERNAL_SIZE), WireCompressor.NOOP));
        assertThat(bytes.readableBytes()).isEqualTo(MessageHeader.SIZE + 4 + 1 + Limits.MAX_BSON_INTERNAL_SIZE);
        bytes.release();
        WireChannels.finish(server, alloc);
    }
}
