package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Client side: decodes each message framed by {@link WireFrameDecoder} into an {@link OpMsgReply} or
 * {@link OpReplyMessage}, unwrapping OP_COMPRESSED. Checking responseTo against the request is the caller's job.
 * Stateless, so one instance may serve every channel.
 */
@Sharable
public final class WireReplyDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final int maxMessageSize;

    /** A decoder for replies up to maxMessageSizeBytes (48,000,000). */
    public WireReplyDecoder() {
        this(MessageHeader.MAX_MESSAGE_SIZE);
    }

    /** A decoder for replies (and decompressed replies) up to {@code maxMessageSize} bytes. */
    public WireReplyDecoder(int maxMessageSize) {
        super(ByteBuf.class);
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(WireReplyReader.read(frame, ctx.alloc(), maxMessageSize));
    }
}
