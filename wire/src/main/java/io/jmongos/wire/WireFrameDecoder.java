package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the inbound byte stream into whole wire messages by the little-endian int32 messageLength that starts each
 * one. Emits a {@link ByteBuf} per message (header included) for {@link WireMessageDecoder} or
 * {@link WireReplyDecoder}.
 *
 * <p>The length is checked against the 16-byte minimum and the maximum as soon as its 4 bytes arrive, before
 * anything is buffered, so a bad length cannot make the decoder wait for (or allocate) a huge message. After a
 * {@link WireProtocolException} every further byte is discarded: the connection is to be closed. A
 * {@link BufferedBytesListener} learns how many bytes are held for an incomplete message, so a server can bound
 * that memory across connections.
 */
public final class WireFrameDecoder extends ByteToMessageDecoder {
    private static final int LENGTH_FIELD_SIZE = 4;

    /** Told how many bytes of an incomplete message the decoder holds, each time that number changes. */
    @FunctionalInterface
    public interface BufferedBytesListener {
        /** {@code bytes} are now held (0 when the message completed, or the decoder was removed). */
        void buffered(int bytes);
    }

    private static final BufferedBytesListener NO_LISTENER = bytes -> { };

    private final int maxMessageSize;
    private final BufferedBytesListener listener;
    private int reported;
    private boolean failed;

    /** A decoder for messages up to maxMessageSizeBytes (48,000,000). */
    public WireFrameDecoder() {
        this(MessageHeader.MAX_MESSAGE_SIZE);
    }

    /** A decoder for messages up to {@code maxMessageSize} bytes (16 or more). */
    public WireFrameDecoder(int maxMessageSize) {
        this(maxMessageSize, NO_LISTENER);
    }

    /**
     * A decoder for messages up to {@code maxMessageSize} bytes that tells {@code listener} how many bytes it holds
     * for an incomplete message (only when that changes: a stream of whole messages costs no call).
     */
    public WireFrameDecoder(int maxMessageSize, BufferedBytesListener listener) {
        if (maxMessageSize < MessageHeader.SIZE) {
            throw new IllegalArgumentException("maxMessageSize " + maxMessageSize + " is below " + MessageHeader.SIZE);
        }
        this.maxMessageSize = maxMessageSize;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        try {
            super.channelRead(ctx, msg);
        } finally {
            report(internalBuffer().readableBytes());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);
        } finally {
            report(0);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        report(0);
    }

    private void report(int held) {
        if (held != reported) {
            reported = held;
            listener.buffered(held);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_FIELD_SIZE) {
            return;
        }
        int length = in.getIntLE(in.readerIndex());
        try {
            MessageHeader.checkMessageLength(length, maxMessageSize);
        } catch (WireProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (in.readableBytes() >= length) {
            out.add(in.readRetainedSlice(length));
        }
    }
}
