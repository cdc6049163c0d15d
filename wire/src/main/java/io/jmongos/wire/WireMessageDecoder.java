package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Server side: decodes each message framed by {@link WireFrameDecoder} into an {@link OpMsgRequest} or
 * {@link OpQueryRequest}, unwrapping OP_COMPRESSED. Malformed input raises {@link WireProtocolException}; the
 * frame is always released. Stateless, so one instance may serve every channel.
 */
@Sharable
public final class WireMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final int maxMessageSize;

    /** A decoder for messages up to maxMessageSizeBytes (48,000,000). */
    public WireMessageDecoder() {
        this(MessageHeader.MAX_MESSAGE_SIZE);
    }

    /** A decoder for messages (and decompressed messages) up to {@code maxMessageSize} bytes. */
    public WireMessageDecoder(int maxMessageSize) {
        super(ByteBuf.class);
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(WireRequestReader.read(frame, ctx.alloc(), maxMessageSize));
    }
}
