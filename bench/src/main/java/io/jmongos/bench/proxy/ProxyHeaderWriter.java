package io.jmongos.bench.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Holds back the completion of {@code connect} until a PROXY v2 header has been written, so nothing the driver
 * writes after connecting can overtake the header. Sits first in the pipeline (next to the socket).
 */
final class ProxyHeaderWriter extends ChannelOutboundHandlerAdapter {
    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local,
                        ChannelPromise promise) {
        ChannelPromise connected = ctx.newPromise();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            byte[] header = ProxyV2Header.proxy((InetSocketAddress) ctx.channel().localAddress(),
                    (InetSocketAddress) ctx.channel().remoteAddress());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(header)).addListener(w -> {
                if (w.isSuccess()) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(w.cause());
                }
            });
            ctx.pipeline().remove(this);
        });
        ctx.connect(remote, local, connected);
    }
}
