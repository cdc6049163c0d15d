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
 * {@link WireProtocolException} every further byte is discarded: the connection is to be closed.
 */
public final class WireFrameDecoder extends ByteToMessageDecoder {
    private static final int LENGTH_FIELD_SIZE = 4;

    private final int maxMessageSize;
    private boolean failed;

    /** A decoder for messages up to maxMessageSizeBytes (48,000,000). */
    public WireFrameDecoder() {
        this(MessageHeader.MAX_MESSAGE_SIZE);
    }

    /** A decoder for messages up to {@code maxMessageSize} bytes (16 or more). */
    public WireFrameDecoder(int maxMessageSize) {
        if (maxMessageSize < MessageHeader.SIZE) {
            throw new IllegalArgumentException("maxMessageSize " + maxMessageSize + " is below " + MessageHeader.SIZE);
        }
        this.maxMessageSize = maxMessageSize;
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
