package io.jmongos.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFrameDecoderTest {
    private final TrackingAllocator alloc = new TrackingAllocator(false);

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new WireFrameDecoder());
        channel.config().setAllocator(alloc);
        return channel;
    }

    private static byte[] message(int requestId) {
        ByteBuf buf = RawMessage.opMsg(0).body(RawMessage.doc("{ping: 1, id: " + requestId + "}")).build();
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }

    @Test
    void framesOneWholeMessage() {
        byte[] bytes = message(1);
        EmbeddedChannel channel = channel();
        assertThat(channel.writeInbound(Unpooled.wrappedBuffer(bytes))).isTrue();
        ByteBuf frame = channel.readInbound();
        assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(bytes);
        frame.release();
        WireChannels.finish(channel, alloc);
    }

    @Test
    void framesMessagesSplitByteByByte() {
        byte[] first = message(1);
        byte[] second = message(22);
        EmbeddedChannel channel = channel();
        List<ByteBuf> written = new ArrayList<>();
        for (byte[] bytes : new byte[][] {first, second}) {
            for (int i = 0; i < bytes.length; i++) {
                ByteBuf one = Unpooled.wrappedBuffer(new byte[] {bytes[i]});
                written.add(one);
                channel.writeInbound(one);
                if (i < bytes.length - 1) {
                    assertThat(channel.<Object>readInbound()).isNull();
                }
            }
            ByteBuf frame = channel.readInbound();
            assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(bytes);
            frame.release();
        }
        WireChannels.finish(channel, alloc);
        assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void framesTwoMessagesInOneBuffer() {
        byte[] first = message(1);
        byte[] second = message(333);
        ByteBuf both = Unpooled.wrappedBuffer(first, second);
        EmbeddedChannel channel = channel();
        assertThat(channel.writeInbound(both)).isTrue();
        for (byte[] expected : new byte[][] {first, second}) {
            ByteBuf frame = channel.readInbound();
            assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(expected);
            frame.release();
        }
        assertThat(both.refCnt()).isZero();
        WireChannels.finish(channel, alloc);
    }

    @Test
    void partialMessageAtCloseIsReleased() {
        byte[] bytes = message(1);
        ByteBuf part = Unpooled.wrappedBuffer(bytes, 0, bytes.length - 1);
        EmbeddedChannel channel = channel();
        assertThat(channel.writeInbound(part)).isFalse();
        WireChannels.finish(channel, alloc);
        assertThat(part.refCnt()).isZero();
    }

    @Test
    void rejectsLengthBelowMinimumAsSoonAsTheLengthArrives() {
        assertRejectsLengthField(7, "message length 7 is below the 16-byte minimum");
    }

    @Test
    void rejectsLengthAboveMaximumBeforeBuffering() {
        assertRejectsLengthField(48_000_001, "message length 48000001 exceeds the maximum of 48000000 bytes");
    }

    @Test
    void rejectsNegativeLength() {
        assertRejectsLengthField(-1, "message length -1 is below the 16-byte minimum");
    }

    @Test
    void acceptsLengthAtMaximumWhileWaitingForTheRest() {
        EmbeddedChannel channel = channel();
        ByteBuf length = Unpooled.buffer().writeIntLE(MessageHeader.MAX_MESSAGE_SIZE).writeIntLE(1);
        assertThat(channel.writeInbound(length)).isFalse();
        WireChannels.finish(channel, alloc);
    }

    @Test
    void honoursASmallerConfiguredMaximum() {
        EmbeddedChannel channel = new EmbeddedChannel(new WireFrameDecoder(64));
        ByteBuf input = Unpooled.buffer().writeIntLE(65);
        assertThatThrownBy(() -> channel.writeInbound(input))
                .isInstanceOf(WireProtocolException.class)
                .hasMessage("message length 65 exceeds the maximum of 64 bytes");
        assertThat(input.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void discardsEverythingAfterAnError() {
        EmbeddedChannel channel = channel();
        ByteBuf bad = Unpooled.buffer().writeIntLE(3).writeIntLE(0);
        assertThatThrownBy(() -> channel.writeInbound(bad)).isInstanceOf(WireProtocolException.class);
        ByteBuf good = Unpooled.wrappedBuffer(message(1));
        assertThat(channel.writeInbound(good)).isFalse();
        assertThat(good.refCnt()).isZero();
        assertThat(bad.refCnt()).isZero();
        WireChannels.finish(channel, alloc);
    }

    private void assertRejectsLengthField(int length, String reason) {
        EmbeddedChannel channel = channel();
        ByteBuf threeBytes = Unpooled.buffer().writeByte(length).writeByte(length >> 8).writeByte(length >> 16);
        assertThat(channel.writeInbound(threeBytes)).isFalse();
        ByteBuf lastByte = Unpooled.buffer().writeByte(length >>> 24);
        assertThatThrownBy(() -> channel.writeInbound(lastByte))
                .isInstanceOf(WireProtocolException.class)
                .hasMessage(reason);
        assertThat(threeBytes.refCnt()).isZero();
        assertThat(lastByte.refCnt()).isZero();
        WireChannels.finish(channel, alloc);
    }
}
