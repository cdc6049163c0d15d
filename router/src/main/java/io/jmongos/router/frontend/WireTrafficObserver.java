package io.jmongos.router.frontend;

import io.jmongos.router.status.NetworkCounters;
import io.jmongos.wire.OpCode;
import io.jmongos.wire.WireCompressor;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Sits between the frame decoder and the message codec, where whole messages pass in both directions:
 * counts requests and, for OP_COMPRESSED messages, the compressed and uncompressed sizes per compressor
 * (serverStatus.network.compression). Reads header fields only; never changes or consumes a buffer.
 */
@Sharable
final class WireTrafficObserver extends ChannelDuplexHandler {
    /** OP_COMPRESSED layout: header (16), originalOpcode (4), uncompressedSize (4), compressorId (1). */
    static final int OPCODE_OFFSET = 12;
    static final int UNCOMPRESSED_SIZE_OFFSET = 20;
    static final int COMPRESSOR_ID_OFFSET = 24;
    static final int COMPRESSED_HEADER_SIZE = 25;
    private static final int HEADER_SIZE = 16;

    private final NetworkCounters counters;

    WireTrafficObserver(NetworkCounters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf frame) {
            counters.request();
            Compressed c = compressed(frame);
            if (c != null) {
                counters.decompressed(c.name, frame.readableBytes(), c.plainSize);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf out) {
            Compressed c = compressed(out);
            if (c != null) {
                counters.compressed(c.name, c.plainSize, out.readableBytes());
            }
        }
        ctx.write(msg, promise);
    }

    private static Compressed compressed(ByteBuf b) {
        int at = b.readerIndex();
        if (b.readableBytes() < COMPRESSED_HEADER_SIZE
                || b.getIntLE(at + OPCODE_OFFSET) != OpCode.OP_COMPRESSED.code()) {
            return null;
        }
        int id = b.getUnsignedByte(at + COMPRESSOR_ID_OFFSET);
        for (WireCompressor wc : WireCompressor.values()) {
            if (wc.id() == id) {
                long plain = HEADER_SIZE + Integer.toUnsignedLong(b.getIntLE(at + UNCOMPRESSED_SIZE_OFFSET));
                return new Compressed(wc.handshakeName(), plain);
            }
        }
        return null;
    }

    private record Compressed(String name, long plainSize) {
    }
}
