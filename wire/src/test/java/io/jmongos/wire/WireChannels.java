package io.jmongos.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/** EmbeddedChannel pipelines as the router (server) and a raw client would build them. */
final class WireChannels {
    private WireChannels() {
    }

    static EmbeddedChannel server(TrackingAllocator alloc) {
        EmbeddedChannel channel =
                new EmbeddedChannel(new WireFrameDecoder(), new WireMessageDecoder(), new WireMessageEncoder());
        channel.config().setAllocator(alloc);
        return channel;
    }

    static EmbeddedChannel client(TrackingAllocator alloc) {
        EmbeddedChannel channel =
                new EmbeddedChannel(new WireFrameDecoder(), new WireReplyDecoder(), new WireRequestEncoder());
        channel.config().setAllocator(alloc);
        return channel;
    }

    /** Encodes {@code message} on {@code channel} and returns the single outbound buffer. */
    static ByteBuf encode(EmbeddedChannel channel, Object message) {
        assertThat(channel.writeOutbound(message)).isTrue();
        ByteBuf bytes = channel.readOutbound();
        assertThat(channel.<Object>readOutbound()).isNull();
        return bytes;
    }

    /** Moves {@code bytes} into a new heap or direct buffer (encoders always produce direct ones). */
    static ByteBuf rehome(ByteBuf bytes, boolean direct) {
        ByteBuf copy = WireAssertions.copy(bytes, direct);
        bytes.release();
        return copy;
    }

    /** Writes {@code bytes} to {@code channel} and returns the single decoded message. */
    @SuppressWarnings("unchecked")
    static <T> T decode(EmbeddedChannel channel, ByteBuf bytes) {
        assertThat(channel.writeInbound(bytes)).isTrue();
        Object decoded = channel.readInbound();
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(bytes.refCnt()).isZero();
        return (T) decoded;
    }

    /** Finishes the channel, asserting nothing was left over, and that every allocated buffer was released. */
    static void finish(EmbeddedChannel channel, TrackingAllocator alloc) {
        assertThat(channel.finish()).isFalse();
        alloc.assertAllReleased();
    }
}
