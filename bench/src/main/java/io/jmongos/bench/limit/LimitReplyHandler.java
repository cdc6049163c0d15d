package io.jmongos.bench.limit;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers every framed message with a fixed reply: OP_QUERY (the legacy handshake) with the hello OP_REPLY;
 * OP_MSG with the hello OP_MSG when its first element is named hello/isMaster/ismaster (a byte comparison at
 * a fixed offset, no BSON parsing), else {@code {ok: 1}}. Runs on the event loop; flushes once per read batch.
 */
@Sharable
final class LimitReplyHandler extends ChannelInboundHandlerAdapter {
    /** Offset of the first element's name in an OP_MSG: header 16, flagBits 4, kind 1, doc length 4, type 1. */
    static final int FIRST_NAME_OFFSET = 26;
    private static final byte[][] HELLO_NAMES = {
        "hello\0".getBytes(StandardCharsets.US_ASCII),
        "isMaster\0".getBytes(StandardCharsets.US_ASCII),
        "ismaster\0".getBytes(StandardCharsets.US_ASCII),
    };

    private final LimitReplies replies;

    LimitReplyHandler(LimitReplies replies) {
        this.replies = replies;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            int start = frame.readerIndex();
            int requestId = frame.getIntLE(start + 4);
            int opCode = frame.getIntLE(start + 12);
            byte[] reply;
            if (opCode == LimitServer.OP_QUERY) {
                reply = replies.helloOpReply;
            } else if (opCode == LimitServer.OP_MSG) {
                reply = isHello(frame, start) ? replies.helloOpMsg : replies.okOpMsg;
            } else {
                ctx.close();
                return;
            }
            ByteBuf out = ctx.alloc().buffer(reply.length);
            out.writeBytes(reply);
            out.setIntLE(LimitReplies.RESPONSE_TO_OFFSET, requestId);
            ctx.write(out, ctx.voidPromise());
        } finally {
            frame.release();
        }
    }

    private static boolean isHello(ByteBuf frame, int start) {
        int at = start + FIRST_NAME_OFFSET;
        for (byte[] name : HELLO_NAMES) {
            if (frame.writerIndex() - at >= name.length && matches(frame, at, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(ByteBuf frame, int at, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (frame.getByte(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
