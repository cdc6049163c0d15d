package io.jmongos.it.lb;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jmongos.router.frontend.proxy.ProxiedConnection;
import io.jmongos.router.frontend.proxy.ProxyHeaderAccepted;
import io.jmongos.router.frontend.proxy.ProxyProtocolGate;
import io.jmongos.router.frontend.proxy.ProxyProtocolMetrics;
import io.jmongos.router.frontend.proxy.ProxyProtocolParameters;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * A bare Netty server with only the PROXY gate in front of a handler that answers each accepted connection
 * with one line {@code "client <ip:port>\n"} and then echoes. Checks the real balancers' headers without
 * the rest of the server.
 */
final class GateEchoServer implements AutoCloseable {
    final ProxyProtocolMetrics metrics = new ProxyProtocolMetrics();
    final List<ProxiedConnection> accepted = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;

    GateEchoServer() throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ProxyProtocolGate.NAME,
                                new ProxyProtocolGate(ProxyProtocolParameters.defaults(), metrics));
                        ch.pipeline().addLast(new Echo());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ProxyHeaderAccepted a) {
                accepted.add(a.connection());
                InetSocketAddress client = a.connection().clientAddress();
                String line = "client " + (client == null ? "peer" : client.getAddress().getHostAddress() + ":"
                        + client.getPort()) + "\n";
                ctx.writeAndFlush(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg instanceof ByteBuf b ? b : msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
