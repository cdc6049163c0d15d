package io.jmongos.router.frontend;

import io.jmongos.router.status.NetworkCounters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** First handler of every client channel: counts bytes in and out for serverStatus.network. */
@Sharable
final class ByteCountingHandler extends ChannelDuplexHandler {
    private final NetworkCounters counters;

    ByteCountingHandler(NetworkCounters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            counters.bytesIn(b.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            counters.bytesOut(b.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
