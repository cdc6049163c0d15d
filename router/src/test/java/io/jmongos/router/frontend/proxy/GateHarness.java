package io.jmongos.router.frontend.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * An EmbeddedChannel with a gate (or detector) first and a recorder after it that stands for the wire codec:
 * it keeps a copy of every byte and every user event that reaches it and releases what it got.
 */
final class GateHarness {
    /** How a header is written into the channel. */
    enum Feed { WHOLE, BYTE_BY_BYTE, WITH_WIRE_BYTES }

    /** Stand-in for the first bytes of an OP_MSG that follow the header in the same read. */
    static final byte[] WIRE_BYTES = {0x2a, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, (byte) 0xdd, 0x07, 0, 0, 0, 0, 0, 0};

    final ProxyProtocolMetrics metrics;
    final Recorder recorder = new Recorder();
    final EmbeddedChannel channel;
    private final List<ByteBuf> inputs = new ArrayList<>();

    GateHarness(ProxyProtocolParameters parameters) {
        this(new ProxyProtocolMetrics(), parameters);
    }

    GateHarness(ProxyProtocolMetrics metrics, ProxyProtocolParameters parameters) {
        this.metrics = metrics;
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(ProxyProtocolGate.NAME, new ProxyProtocolGate(parameters, metrics));
        channel.pipeline().addLast("recorder", recorder);
    }

    GateHarness() {
        this(ProxyProtocolParameters.defaults());
    }

    static GateHarness mainPort() {
        return mainPort(new ProxyProtocolMetrics());
    }

    static GateHarness mainPort(ProxyProtocolMetrics metrics) {
        GateHarness h = new GateHarness(metrics, ProxyProtocolParameters.defaults());
        h.channel.pipeline().replace(ProxyProtocolGate.NAME, MainPortProxyDetector.NAME,
                new MainPortProxyDetector(h.metrics));
        return h;
    }

    /** Write {@code bytes} as one read, or one read per byte; returns what should reach the recorder after. */
    byte[] feed(byte[] header, Feed feed) {
        if (feed == Feed.BYTE_BY_BYTE) {
            for (byte b : header) {
                write(new byte[] {b});
            }
            return new byte[0];
        }
        if (feed == Feed.WITH_WIRE_BYTES) {
            write(ProxyHeaders.concat(header, WIRE_BYTES));
            return WIRE_BYTES;
        }
        write(header);
        return new byte[0];
    }

    void write(byte[] bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        inputs.add(b);
        if (channel.isOpen()) {
            channel.writeInbound(b.retain());
            b.release();
        } else {
            b.release();
        }
    }

    /** Close the channel, and check that nothing is left over and every buffer written was released. */
    void finishAndCheckReleased() {
        channel.finishAndReleaseAll();
        for (ByteBuf b : inputs) {
            assertThat(b.refCnt()).as("input buffer released").isZero();
        }
    }

    boolean hasHelpers() {
        return channel.pipeline().get(ProxyProtocolGate.NAME) != null
                || channel.pipeline().get(ProxyProtocolGate.DECODER_NAME) != null
                || channel.pipeline().get(ProxyProtocolGate.COMPLETION_NAME) != null;
    }

    /** The next handler: copies bytes, records events, releases everything. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Object> events = new ArrayList<>();
        final List<Object> order = new ArrayList<>();
        int reads;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof ByteBuf b) {
                    bytes.writeBytes(ByteBufUtil.getBytes(b));
                    order.add("bytes");
                    reads++;
                } else {
                    order.add(msg);
                }
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
            order.add(evt);
        }
    }
}
