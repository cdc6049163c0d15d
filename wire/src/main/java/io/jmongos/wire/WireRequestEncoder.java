package io.jmongos.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Client side: encodes {@link OpMsgRequest} (body, document sequences, checksum when flagged) and
 * {@link OpQueryRequest} with the request's own requestId (take it from {@link RequestIds#next()} to match the
 * reply's responseTo), wrapped in OP_COMPRESSED when the request names a compressor other than NOOP.
 * Stateless and sharable.
 */
@Sharable
public final class WireRequestEncoder extends MessageToByteEncoder<WireRequest> {
    public WireRequestEncoder() {
        super(WireRequest.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WireRequest request, ByteBuf out) {
        CompressedMessageWriter.write(out, ctx.alloc(), request.compressor(), target -> {
            if (request instanceof OpMsgRequest) {
                OpMsgRequest msg = (OpMsgRequest) request;
                WireMessageWriter.writeOpMsg(target, msg.requestId(), 0, msg.flagBits(), msg.body(),
                        msg.documentSequences());
            } else {
                WireMessageWriter.writeOpQuery(target, (OpQueryRequest) request);
            }
        });
    }
}
