package io.jmongos.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** Negative-test helpers: the message is refused with a reason, and no buffer is leaked. */
final class WireAssertions {
    private WireAssertions() {
    }

    /** Writes {@code message} to a server pipeline and expects a WireProtocolException whose reason contains text. */
    static void assertServerRejects(ByteBuf message, String reason) {
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuf input = copy(message, direct);
            TrackingAllocator alloc = new TrackingAllocator(direct);
            assertRejects(WireChannels.server(alloc), alloc, input, reason);
        }
        message.release();
    }

    /** Writes {@code message} to a client pipeline and expects a WireProtocolException whose reason contains text. */
    static void assertClientRejects(ByteBuf message, String reason) {
        TrackingAllocator alloc = new TrackingAllocator(false);
        assertRejects(WireChannels.client(alloc), alloc, message, reason);
    }

    private static void assertRejects(EmbeddedChannel channel, TrackingAllocator alloc, ByteBuf input,
                                      String reason) {
        assertThatThrownBy(() -> channel.writeInbound(input))
                .isInstanceOf(WireProtocolException.class)
                .hasMessageContaining(reason);
        assertThat(input.refCnt()).isZero();
        assertThat(channel.<Object>readInbound()).isNull();
        WireChannels.finish(channel, alloc);
    }

    /** A copy of the readable bytes of {@code message} in a new heap or direct buffer. */
    static ByteBuf copy(ByteBuf message, boolean direct) {
        int length = message.readableBytes();
        ByteBuf copy = direct ? Unpooled.directBuffer(length) : Unpooled.buffer(length);
        return copy.writeBytes(message, message.readerIndex(), length);
    }
}
