package io.jmongos.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame decoder's {@link WireFrameDecoder.BufferedBytesListener}: told the bytes held for an incomplete message
 * each time they change, 0 when the message completes or the channel closes, and never for whole messages.
 */
class WireFrameDecoderBufferedBytesTest {
    private final TrackingAllocator alloc = new TrackingAllocator(false);
    private final List<Integer> reports = new ArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(
                new WireFrameDecoder(MessageHeader.MAX_MESSAGE_SIZE, reports::add));
        channel.config().setAllocator(alloc);
        return channel;
    }

    private static byte[] message() {
        ByteBuf buf = RawMessage.opMsg(0).body(RawMessage.doc("{ping: 1, pad: 'xxxxxxxxxxxxxxxx'}")).build();
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }

    private static void readAndRelease(EmbeddedChannel channel, int frames) {
        for (int i = 0; i < frames; i++) {
            ByteBuf frame = channel.readInbound();
            assertThat(frame).isNotNull();
            frame.release();
        }
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void wholeMessagesAreNeverReported() {
        byte[] bytes = message();
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        readAndRelease(channel, 2);
        WireChannels.finish(channel, alloc);
        assertThat(reports).isEmpty();
    }

    @Test
    void partialMessageIsReportedAsItGrowsThenZeroWhenComplete() {
        byte[] bytes = message();
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 0, 3)));
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 3, 20)));
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 20, bytes.length)));
        readAndRelease(channel, 1);
        assertThat(reports).containsExactly(3, 20, 0);
        WireChannels.finish(channel, alloc);
        assertThat(reports).containsExactly(3, 20, 0);
    }

    @Test
    void theStartOfTheNextMessageIsReported() {
        byte[] bytes = message();
        byte[] oneAndAHalf = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, oneAndAHalf, 0, bytes.length);
        System.arraycopy(bytes, 0, oneAndAHalf, bytes.length, 10);
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.wrappedBuffer(oneAndAHalf));
        readAndRelease(channel, 1);
        assertThat(reports).containsExactly(10);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 10, bytes.length)));
        readAndRelease(channel, 1);
        assertThat(reports).containsExactly(10, 0);
        WireChannels.finish(channel, alloc);
    }

    @Test
    void closingWithAPartialMessageReportsZeroAndReleasesIt() {
        byte[] bytes = message();
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 0, 30)));
        assertThat(reports).containsExactly(30);
        assertThat(channel.finish()).isFalse();
        assertThat(reports).containsExactly(30, 0);
        alloc.assertAllReleased();
    }
}
