package io.jmongos.wire;

import io.jmongos.common.BsonObjectTooLarge;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * Server side: encodes {@link OpMsgReply} and {@link OpReplyMessage}, each with a fresh requestID from
 * {@link RequestIds}, wrapped in OP_COMPRESSED when the reply names a compressor other than NOOP. BSON is written
 * straight into the outbound buffer. A reply document over BSONObjMaxInternalSize is not sent: a BSONObjectTooLarge
 * (10334) error reply to the same request goes in its place, as MongoDB answers a reply it cannot build, so the
 * connection stays open. Other outbound messages pass through. Stateless and sharable.
 */
@Sharable
public final class WireMessageEncoder extends MessageToByteEncoder<WireReply> {
    public WireMessageEncoder() {
        super(WireReply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WireReply reply, ByteBuf out) {
        int requestId = RequestIds.next();
        try {
            write(ctx, reply, requestId, out);
        } catch (OversizedDocumentException e) {
            out.clear();
            BsonDocument error = BsonObjectTooLarge.exception(e.size(), e.document()).toReply();
            write(ctx, withBody(reply, error), requestId, out);
        }
    }

    private static void write(ChannelHandlerContext ctx, WireReply reply, int requestId, ByteBuf out) {
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

    /** The same reply (responseTo, flags, compressor) with {@code body} in place of its document. */
    private static WireReply withBody(WireReply reply, BsonDocument body) {
        if (reply instanceof OpMsgReply msg) {
            return new OpMsgReply(msg.responseTo(), msg.flagBits(), body, msg.compressor());
        }
        OpReplyMessage op = (OpReplyMessage) reply;
        return new OpReplyMessage(op.responseTo(), op.responseFlags(), op.cursorId(), op.startingFrom(), body,
                op.compressor());
    }
}
