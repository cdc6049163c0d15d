package io.jmongos.router.frontend.proxy;

import java.io.IOException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits after Netty's HAProxyMessageDecoder while the header is decoded. On the decoded message: copy it out,
 * release it, store it on the channel, remove itself and fire {@link ProxyHeaderAccepted}; the decoder then
 * removes itself and hands any bytes that followed the header to the next handler. On a decoder error:
 * reject. Not sharable (one per channel).
 */
final class ProxyHeaderCompletionHandler extends ChannelInboundHandlerAdapter {
    private final ProxyGateState state;

    ProxyHeaderCompletionHandler(ProxyGateState state) {
        this.state = state;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ProxiedConnection connection;
        try {
            connection = HAProxyMessageConverter.convert(m);
        } catch (RuntimeException e) {
            state.reject(ProxyProtocolRejection.MALFORMED, ProxyGateState.describe(e));
            return;
        } finally {
            ReferenceCountUtil.release(m);
        }
        if (!state.accept(connection)) {
            return;
        }
        ctx.channel().attr(ProxyProtocolGate.PROXIED).set(connection);
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(new ProxyHeaderAccepted(connection));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state.done()) {
            return;
        }
        if (cause instanceof IOException) {
            state.closedEarly(cause.getMessage());
            return;
        }
        state.reject(ProxyProtocolRejection.MALFORMED, ProxyGateState.describe(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state.closedEarly(null);
        ctx.fireChannelInactive();
    }
}
