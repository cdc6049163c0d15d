package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.Map;

/**
 * Server side: encodes {@link OpMsgReply} and {@link OpReplyMessage}, each with a fresh requestID from
 * {@link RequestIds}, wrapped in OP_COMPRESSED when the reply names a compressor other than NOOP. BSON is written
 * straight into the outbound buffer. Other outbound messages pass through. Stateless and sharable.
 */
@Sharable
public final class WireMessageEncoder extends MessageToByteEncoder<WireReply> {
    public WireMessageEncoder() {
        super(WireReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WireReply reply, ByteBuf out) {
        int requestId = RequestIds.next();
        CompressedMessageWriter.write(out, ctx.alloc(), reply.compressor(), target -> {
            if (reply instanceof OpMsgReply) {
                OpMsgReply msg = (OpMsgReply) reply;
                WireMessageWriter.writeOpMsg(target, requestId, msg.responseTo(), msg.flagBits(), msg.body(),
                        Map.of());
            } else {
                WireMessageWriter.writeOpReply(target, requestId, (OpReplyMessage) reply);
            }
        });
    }
}
